// Parsing with the TypeScript compiler's parser alone: no program, no type checker, no lib files.
import path from 'node:path';
import type ts from 'typescript';
import { loadTypeScript } from '../../parse/ts-api.js';

export const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'] as const;

// Names, not values: the compiler is loaded on the first parse, after this module.
const KIND_BY_EXTENSION: Record<string, keyof typeof ts.ScriptKind> = {
  '.ts': 'TS',
  '.mts': 'TS',
  '.cts': 'TS',
  '.tsx': 'TSX',
  '.js': 'JS',
  '.mjs': 'JS',
  '.cjs': 'JS',
  '.jsx': 'JSX',
};

export function scriptKindFor(fileName: string): ts.ScriptKind {
  return loadTypeScript().ScriptKind[KIND_BY_EXTENSION[path.posix.extname(fileName)] ?? 'TS'];
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
  // Every module that walks the tree uses this loader's live binding: it is set from here on.
  const typescript = loadTypeScript();
  const options = { languageVersion: typescript.ScriptTarget.Latest, jsDocParsingMode: typescript.JSDocParsingMode.ParseNone };
  const sourceFile = typescript.createSourceFile(fileName, text, options, withParents, scriptKindFor(fileName));
  const first = (sourceFile as WithParseDiagnostics).parseDiagnostics?.[0];
  if (!first) return { sourceFile };
  return { sourceFile, error: { offset: first.start, message: typescript.flattenDiagnosticMessageText(first.messageText, ' ') } };
}
