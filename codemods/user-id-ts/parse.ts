// Parsing with the TypeScript compiler's parser alone: no program, no type checker, no lib files.
import path from 'node:path';
import ts from 'typescript';
import { loadTypeScript } from '../../lint/parse/ts-api.js';

export const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'] as const;

const KIND_BY_EXTENSION: Record<string, ts.ScriptKind> = {
  '.ts': ts.ScriptKind.TS,
  '.mts': ts.ScriptKind.TS,
  '.cts': ts.ScriptKind.TS,
  '.tsx': ts.ScriptKind.TSX,
  '.js': ts.ScriptKind.JS,
  '.mjs': ts.ScriptKind.JS,
  '.cjs': ts.ScriptKind.JS,
  '.jsx': ts.ScriptKind.JSX,
};

export function scriptKindFor(fileName: string): ts.ScriptKind {
  return KIND_BY_EXTENSION[path.posix.extname(fileName)] ?? ts.ScriptKind.TS;
}

/** JavaScript files get no type annotations in generated code. */
export function isJavaScript(fileName: string): boolean {
  return /\.[cm]?jsx?$/.test(fileName);
}

/** Declaration files describe code that lives elsewhere; there is nothing to run in them. */
export function isDeclarationFile(fileName: string): boolean {
  return /\.d\.[cm]?ts$/.test(fileName) || /\.d\.[^/]*\.ts$/.test(fileName);
}

export interface ParseFailure {
  /** UTF-16 offset of the first syntax error. */
  offset: number;
  message: string;
}

// `parseDiagnostics` is what `tsc` reports as syntax errors; it is not in the public typings.
type WithParseDiagnostics = ts.SourceFile & { parseDiagnostics?: readonly ts.DiagnosticWithLocation[] };

/**
 * Parses with parent pointers (the scope walk needs them) unless `withParents` is false. JSDoc
 * is left unparsed: the codemod reads no type comments, and in documented code (a JSDoc block on
 * every export) building its nodes costs a quarter of the parse and of the tree's memory.
 */
export function parseSource(text: string, fileName: string, withParents = true): { sourceFile: ts.SourceFile; error?: ParseFailure } {
  // The modules shared with lint walk trees through lint's loader: it must be loaded by now.
  loadTypeScript();
  const options = { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone };
  const sourceFile = ts.createSourceFile(fileName, text, options, withParents, scriptKindFor(fileName));
  const first = (sourceFile as WithParseDiagnostics).parseDiagnostics?.[0];
  if (!first) return { sourceFile };
  return { sourceFile, error: { offset: first.start, message: ts.flattenDiagnosticMessageText(first.messageText, ' ') } };
}
