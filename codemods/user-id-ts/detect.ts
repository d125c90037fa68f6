// Finding the settings module (the one module that defines and exports the constant) and the
// modules that hand it on (`export *` barrels, named re-exports), so that imports through
// them are migrated too.
import type ts from 'typescript';
import { exportStyle, findDefinition } from './defining.js';
import { keyNameValue } from './reads.js';
import type { ProviderResolver } from './resolve.js';

/** A file that may matter to the codemod: its text, parsed on first use. */
export interface CandidateFile {
  file: string;
  text: string;
  /** mayDefine() of its text, taken when it was read: a file whose text is not kept is not read again for it. */
  mayDefine: boolean;
  sourceFile(): ts.SourceFile | undefined;
}

/** Cheap text test before parsing: some declaration or CommonJS export of the name. */
export function mayDefine(text: string, constant: string): boolean {
  return new RegExp(`\\b(?:const|let|var)\\s+${constant}\\b|\\bexports\\.${constant}\\s*=|\\bexports\\s*=\\s*\\{[^]*\\b${constant}\\s*:`).test(text);
}

/** Every module that defines and exports the constant, with how it exports it, and its value when that is a key name (no user id). */
export function modulesDefining(files: readonly CandidateFile[], constant: string): { file: string; style: 'esm' | 'commonjs'; keyName?: string }[] {
  return files
    .filter((f) => f.mayDefine)
    .flatMap((f) => {
      const sf = f.sourceFile();
      const definition = sf && findDefinition(sf, constant);
      const style = sf && definition && exportStyle(sf, definition, constant);
      const keyName = style ? keyNameValue(sf, constant) : undefined;
      return style ? [{ file: f.file, style, ...(keyName !== undefined ? { keyName } : {}) }] : [];
    });
}

const EXPORT_STAR = /export\s*\*\s*from\s*(['"])([^'"\n]+)\1/g;

/** Files with an `export * from` that names one of the providers; new providers only. */
export function starBarrels(files: readonly CandidateFile[], providers: ReadonlySet<string>, resolveProvider: ProviderResolver): string[] {
  return files
    .filter((f) => !providers.has(f.file))
    .filter((f) => [...f.text.matchAll(EXPORT_STAR)].some((m) => resolveProvider(f.file, m[2]!) !== undefined))
    .map((f) => f.file);
}

/** Bytes one of which a file with `export * from` holds. */
export const STAR_EXPORT_NEEDLES = ['export *', 'export*'];

/** Whether a file's text may hold `export * from`, to keep barrel candidates few. */
export function mayStarExport(bytes: Buffer): boolean {
  return STAR_EXPORT_NEEDLES.some((n) => bytes.includes(n));
}
