// Deciding whether an import specifier names one of the modules that export the constant,
// the way TypeScript and Node resolve relative specifiers: with or without extension,
// `dir` for `dir/index`, and `.js` written for a `.ts` file (NodeNext projects).
import path from 'node:path';

const SCRIPT_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];

// What a compiled-extension specifier can stand for in the source tree.
const SOURCE_FOR_EMITTED: Record<string, string[]> = {
  '.js': ['.ts', '.tsx', '.js', '.jsx'],
  '.jsx': ['.tsx', '.jsx'],
  '.mjs': ['.mts', '.mjs'],
  '.cjs': ['.cts', '.cjs'],
};

/** Project-relative files a relative specifier written in `fromFile` may resolve to. */
export function candidateFiles(fromFile: string, specifier: string): string[] {
  if (!specifier.startsWith('./') && !specifier.startsWith('../') && specifier !== '.' && specifier !== '..') return [];
  const joined = path.posix.normalize(path.posix.join(path.posix.dirname(fromFile), specifier)).replace(/\/$/, '');
  if (joined.startsWith('../') || joined === '..') return [];
  const base = joined === '.' ? '' : joined;
  const out = [base];
  const ext = path.posix.extname(base);
  const emitted = SOURCE_FOR_EMITTED[ext];
  if (emitted) out.push(...emitted.map((e) => base.slice(0, -ext.length) + e));
  out.push(...SCRIPT_EXTENSIONS.map((e) => base + e));
  const dir = base === '' ? '' : `${base}/`;
  out.push(...SCRIPT_EXTENSIONS.map((e) => `${dir}index${e}`));
  return out;
}

/** The provider module `specifier` resolves to from `fromFile`, if any. */
export function resolveProvider(fromFile: string, specifier: string, providers: ReadonlySet<string>): string | undefined {
  return candidateFiles(fromFile, specifier).find((c) => providers.has(c));
}
