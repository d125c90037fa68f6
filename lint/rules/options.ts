// Validation of rule options from the config file. Each helper throws a plain message; the
// config loader turns it into a UsageError naming the rule.
import picomatch from 'picomatch';

export function checkKeys(raw: Record<string, unknown>, allowed: readonly string[]): void {
  for (const key of Object.keys(raw)) {
    if (!allowed.includes(key)) throw new Error(`unknown option "${key}" (known: ${allowed.join(', ')})`);
  }
}

export function stringList(raw: Record<string, unknown>, key: string, fallback: readonly string[]): string[] {
  const value = raw[key];
  if (value === undefined) return [...fallback];
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || v === '')) {
    throw new Error(`option "${key}" must be an array of non-empty strings`);
  }
  return value as string[];
}

export function identifier(raw: Record<string, unknown>, key: string, fallback: string): string {
  const value = raw[key];
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || !/^[A-Za-z_$][\w$]*$/.test(value)) {
    throw new Error(`option "${key}" must be an identifier`);
  }
  return value;
}

const matcherCache = new Map<string, (path: string) => boolean>();

/**
 * A rule glob as a matcher pattern. Like .gitignore, a glob matches at any depth unless it is
 * anchored with a leading `/` or `./`, so `daemons/data-daemon/**` finds the data daemon whether
 * lint runs from the package root or from the repository root above it.
 */
export function anyDepth(glob: string): string {
  if (glob.startsWith('/')) return glob.slice(1);
  if (glob.startsWith('./')) return glob.slice(2);
  return glob.startsWith('**/') ? glob : `**/${glob}`;
}

/** Project-relative path against rule globs, cached because rules ask per file. */
export function matchesGlobs(path: string, globs: readonly string[]): boolean {
  if (globs.length === 0) return false;
  const key = globs.join('\0');
  let match = matcherCache.get(key);
  if (!match) {
    match = picomatch(globs.map(anyDepth), { dot: true });
    matcherCache.set(key, match);
  }
  return match(path);
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function nonNegativeNumber(raw: Record<string, unknown>, key: string, fallback: number): number {
  const value = raw[key];
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw new Error(`option "${key}" must be a number >= 0`);
  return value;
}

export function booleanOption(raw: Record<string, unknown>, key: string, fallback: boolean): boolean {
  const value = raw[key];
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') throw new Error(`option "${key}" must be true or false`);
  return value;
}
