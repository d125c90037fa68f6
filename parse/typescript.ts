// TS/JS parsing with the TypeScript compiler. The parser is error tolerant, so syntax errors
// come from the parse diagnostics, which the public API does not type.
import type ts from 'typescript';
import { loadTypeScript } from './ts-api.js';
import type { ParseFailure, TsParsedFile } from './types.js';

function scriptKindOf(typescript: typeof ts, file: string): ts.ScriptKind {
  if (file.endsWith('.tsx')) return typescript.ScriptKind.TSX;
  if (file.endsWith('.jsx')) return typescript.ScriptKind.JSX;
  if (/\.[cm]?js$/.test(file)) return typescript.ScriptKind.JS;
  return typescript.ScriptKind.TS;
}

export function parseTypeScript(file: string, text: string): TsParsedFile | ParseFailure {
  const typescript = loadTypeScript();
  // No rule reads JSDoc, so the parser need not build JSDoc nodes.
  const options = { languageVersion: typescript.ScriptTarget.Latest, jsDocParsingMode: typescript.JSDocParsingMode.ParseNone };
  const sourceFile = typescript.createSourceFile(file, text, options, true, scriptKindOf(typescript, file));
  const diagnostics = (sourceFile as unknown as { parseDiagnostics?: readonly ts.Diagnostic[] }).parseDiagnostics ?? [];
  const first = diagnostics[0];
  if (first) {
    const { line, character } = sourceFile.getLineAndCharacterOfPosition(first.start ?? 0);
    return { file, line: line + 1, column: character + 1, message: typescript.flattenDiagnosticMessageText(first.messageText, ' ') };
  }
  return { language: 'ts', path: file, text, sourceFile };
}
