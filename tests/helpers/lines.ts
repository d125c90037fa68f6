// Where a line of a file ends up after an edit, for comparing plan warnings (written against the
// file before apply) with lint findings (made on the file after apply).
import { diffLines } from 'diff';

/** 1-based line in `after` that holds line `line` of `before` (a changed line maps to the start of its replacement). */
export function lineAfterEdit(before: string, after: string, line: number): number {
  let oldLine = 1;
  let newLine = 1;
  for (const part of diffLines(before, after)) {
    const count = part.count ?? 0;
    if (part.added) {
      newLine += count;
      continue;
    }
    if (line < oldLine + count) return part.removed ? newLine : newLine + (line - oldLine);
    oldLine += count;
    if (!part.removed) newLine += count;
  }
  return newLine;
}

/** Lint findings (`file:line` after the edit) that no plan warning (`file:line` before it) accounts for. */
export function unwarnedFindings(
  findings: readonly { file: string; line: number }[],
  warnings: readonly { file?: string; line?: number }[],
  textOf: (file: string) => { before: string; after: string },
): string[] {
  const warned = new Set(warnings.filter((w) => w.file && w.line).map((w) => {
    const { before, after } = textOf(w.file!);
    return `${w.file}:${lineAfterEdit(before, after, w.line!)}`;
  }));
  return findings.map((f) => `${f.file}:${f.line}`).filter((at) => !warned.has(at));
}
