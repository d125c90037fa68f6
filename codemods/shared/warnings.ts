// Warnings that point at a place in a source file, with the line and column an editor shows.
import type { Warning } from '../../plan/types.js';

export interface Position {
  /** 1-based line. */
  line: number;
  /** 1-based column in UTF-16 code units, not counting a leading BOM. */
  column: number;
}

/** Line and column of `offset` in `text`; a BOM is invisible in editors, so it is not counted. */
export function positionAt(text: string, offset: number): Position {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  const bom = line === 1 && text.charCodeAt(0) === 0xfeff ? 1 : 0;
  return { line, column: Math.max(1, offset - lineStart - bom + 1) };
}

export function warningAt(
  source: string,
  file: string,
  text: string,
  offset: number,
  code: string,
  message: string,
): Warning {
  return { source, file, ...positionAt(text, offset), code, message };
}

/** Orders warnings by file, then line and column, for stable plan output. */
export function sortWarnings(warnings: Warning[]): Warning[] {
  return warnings.sort(
    (a, b) =>
      (a.file ?? '').localeCompare(b.file ?? '') ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0) ||
      (a.code ?? '').localeCompare(b.code ?? ''),
  );
}

/**
 * When a file's rewrite is dropped, each line it would have changed still holds a read of the
 * constant: one `not-rewritten` warning per such line, so that the plan names every line the lint will.
 */
export function droppedEditWarnings(source: string, file: string, text: string, splices: readonly { start: number; end: number }[], why: string): Warning[] {
  const lines = new Map<number, number>();
  // Insertions (new imports, guards) replace nothing the lint could see.
  for (const s of splices.filter((x) => x.end > x.start)) {
    const { line } = positionAt(text, s.start);
    if (!lines.has(line)) lines.set(line, s.start);
  }
  return [...lines.values()].map((offset) => warningAt(source, file, text, offset, 'not-rewritten', `left as is: ${why}`));
}
