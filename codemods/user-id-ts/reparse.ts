// The last safety net: an edited file must still parse, or its edits are not planned.
import type ts from 'typescript';
import { applySplices } from '../../plan/text.js';
import type { Splice } from '../../plan/types.js';
import { parseSource } from './parse.js';
import { loadTypeScript } from '../../parse/ts-api.js';

/**
 * Undefined when `splices` apply cleanly and the result parses; otherwise why not. Given the
 * tree of `text` (which it then uses up: the compiler's incremental parser moves its nodes into
 * the new tree), each splice is parsed incrementally, from the last one back, so that only the
 * statements around the splices are parsed again instead of the whole file.
 */
export function editProblem(text: string, fileName: string, splices: readonly Splice[], tree?: ts.SourceFile): string | undefined {
  let after: string;
  try {
    after = applySplices(text, splices);
  } catch (e) {
    return (e as Error).message;
  }
  if (!tree) {
    // Syntax errors are all that matter here, so the tree needs no parent pointers.
    return parseSource(after, fileName, false).error?.message;
  }
  const typescript = loadTypeScript();
  let current = tree;
  let currentText = text;
  for (const s of [...splices].sort((a, b) => b.start - a.start || b.end - a.end)) {
    currentText = currentText.slice(0, s.start) + s.text + currentText.slice(s.end);
    current = typescript.updateSourceFile(current, currentText, { span: { start: s.start, length: s.end - s.start }, newLength: s.text.length });
  }
  const first = (current as ts.SourceFile & { parseDiagnostics?: readonly ts.DiagnosticWithLocation[] }).parseDiagnostics?.[0];
  return first ? typescript.flattenDiagnosticMessageText(first.messageText, ' ') : undefined;
}
