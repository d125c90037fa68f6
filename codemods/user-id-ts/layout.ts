// The file's own conventions (line ending, indentation, semicolons), so that inserted code
// looks like the code around it.
import type ts from 'typescript';
import { typescript } from '../../parse/ts-api.js';
import type { Splice } from '../../plan/types.js';

export interface Layout {
  eol: string;
  /** One level of indentation as the file writes it. */
  indent: string;
  /** `;` when the file ends statements with semicolons, else ''. */
  semi: string;
}

export function detectLayout(text: string, sourceFile: ts.SourceFile): Layout {
  const firstBreak = text.indexOf('\n');
  const eol = firstBreak > 0 && text[firstBreak - 1] === '\r' ? '\r\n' : '\n';
  const indented = /^([ \t]+)\S/m.exec(text);
  const indent = indented ? (indented[1]!.startsWith('\t') ? '\t' : indented[1]!.length >= 4 ? '    ' : '  ') : '  ';
  return { eol, indent, semi: usesSemicolons(text, sourceFile) ? ';' : '' };
}

/** Decided by the file's statements that may end with `;` (the majority wins; default yes). */
function usesSemicolons(text: string, sourceFile: ts.SourceFile): boolean {
  let withSemi = 0;
  let without = 0;
  for (const s of sourceFile.statements) {
    if (typescript.isVariableStatement(s) || typescript.isExpressionStatement(s) || typescript.isImportDeclaration(s) || typescript.isExportDeclaration(s)) {
      if (text[s.end - 1] === ';') withSemi++;
      else without++;
    }
  }
  return withSemi >= without;
}

/** The whitespace that starts the line holding `offset`. */
export function lineIndentAt(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart, offset))![0];
}

/** Removes a whole statement with its line (and a trailing `//` comment) when it stands alone on that line. */
export function removeStatement(text: string, node: ts.Node): Splice {
  let start = node.getStart();
  let end = node.end;
  const before = lineIndentAt(text, start);
  const lineStart = start - before.length;
  const aloneBefore = lineStart === 0 || text[lineStart - 1] === '\n';
  const trailing = /^[ \t]*(\/\/[^\r\n]*)?(\r?\n|$)/.exec(text.slice(end));
  if (aloneBefore && trailing) {
    start = lineStart;
    end += trailing[0].length;
  }
  return { start, end, text: '' };
}
