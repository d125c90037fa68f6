// Deciding whether an import specifier names one of the modules that export the constant,
// the way TypeScript and Node resolve specifiers: with or without extension, `dir` for
// `dir/index`, `.js` written for a `.ts` file (NodeNext projects), and tsconfig `paths` /
// `baseUrl` aliases for non-relative specifiers.
import path from 'node:path';

const SCRIPT_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];

// What a compiled-extension specifier can stand for in the source tree.
const SOURCE_FOR_EMITTED: Record<string, string[]> = {
  '.js': ['.ts', '.tsx', '.js', '.jsx'],
  '.jsx': ['.tsx', '.jsx'],
  '.mjs': ['.mts', '.mjs'],
  '.cjs': ['.cts', '.cjs'],
};

/** tsconfig module aliases, with every path made project-relative. */
export interface ModuleAliases {
  /** `baseUrl`: non-relative specifiers may resolve from here. */
  baseUrl?: string;
  /** `paths`: a pattern with at most one `*`, and where it maps to (`*` substituted). */
  paths: { pattern: string; targets: string[] }[];
}

/** Files a module path without extension may be. */
function expand(base: string): string[] {
  const out = [base];
  const ext = path.posix.extname(base);
  const emitted = SOURCE_FOR_EMITTED[ext];
  if (emitted) out.push(...emitted.map((e) => base.slice(0, -ext.length) + e));
  out.push(...SCRIPT_EXTENSIONS.map((e) => base + e));
  const dir = base === '' ? '' : `${base}/`;
  out.push(...SCRIPT_EXTENSIONS.map((e) => `${dir}index${e}`));
  return out;
}

/** A project-relative module path, or undefined when it leaves the project. */
function projectPath(joined: string): string | undefined {
  const normal = path.posix.normalize(joined).replace(/\/$/, '');
  if (normal === '..' || normal.startsWith('../')) return undefined;
  return normal === '.' ? '' : normal;
}

function aliasBases(specifier: string, aliases: ModuleAliases): string[] {
  const bases: string[] = [];
  for (const { pattern, targets } of aliases.paths) {
    const star = pattern.indexOf('*');
    let capture: string | undefined;
    if (star === -1) capture = pattern === specifier ? '' : undefined;
    else {
      const [prefix, suffix] = [pattern.slice(0, star), pattern.slice(star + 1)];
      const fits = specifier.length >= prefix.length + suffix.length && specifier.startsWith(prefix) && specifier.endsWith(suffix);
      capture = fits ? specifier.slice(prefix.length, specifier.length - suffix.length) : undefined;
    }
    if (capture !== undefined) bases.push(...targets.map((t) => t.replace('*', capture)));
  }
  if (aliases.baseUrl !== undefined) bases.push(path.posix.join(aliases.baseUrl, specifier));
  return bases;
}

/** Project-relative files a specifier written in `fromFile` may resolve to. */
export function candidateFiles(fromFile: string, specifier: string, aliases?: ModuleAliases): string[] {
  const relative = specifier === '.' || specifier === '..' || specifier.startsWith('./') || specifier.startsWith('../');
  const bases = relative ? [path.posix.join(path.posix.dirname(fromFile), specifier)] : aliases ? aliasBases(specifier, aliases) : [];
  return bases.flatMap((b) => {
    const base = projectPath(b);
    return base === undefined ? [] : expand(base);
  });
}

/** Maps a specifier written in a file to the provider module it names, if any. */
export type ProviderResolver = (fromFile: string, specifier: string) => string | undefined;

export function providerResolver(providers: Iterable<string>, aliases?: ModuleAliases): ProviderResolver {
  const set = new Set(providers);
  return (fromFile, specifier) => candidateFiles(fromFile, specifier, aliases).find((c) => set.has(c));
}
