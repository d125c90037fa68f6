// jsdiff's line diff without its per-line overhead: lines cut with indexOf instead of a regex
// split, and jsdiff's own Myers walk over arrays (diffArrays: the same search, tie-breaks and
// equality as diffLines) instead of diffLines, whose runs of equal lines are joined into one
// string and split again. On a large file edited at both ends (an import at the top, a read at
// the bottom) that overhead was nearly all of the diff's time. The hunks are made as
// structuredPatch makes them; tests compare the two byte for byte.
import { diffArrays } from 'diff/lib/diff/array.js';

interface Hunk {
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  lines: string[];
}

/** Lines as jsdiff's diffLines cuts them: each keeps its terminator (`\n` or `\r\n`), none is empty. */
function splitLines(text: string): string[] {
  const lines: string[] = [];
  let start = 0;
  for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
    lines.push(text.slice(start, nl + 1));
    start = nl + 1;
  }
  if (start < text.length) lines.push(text.slice(start));
  return lines;
}

/** structuredPatch's hunks (jsdiff 8), from the line diff. */
function hunksOf(before: string, after: string, context: number): Hunk[] {
  const parts = diffArrays(splitLines(before), splitLines(after)).map((c) => ({ added: c.added, removed: c.removed, lines: c.value }));
  parts.push({ added: false, removed: false, lines: [] });
  const contextLines = (lines: string[]): string[] => lines.map((l) => ` ${l}`);
  const hunks: Hunk[] = [];
  let oldRangeStart = 0;
  let newRangeStart = 0;
  let curRange: string[] = [];
  let oldLine = 1;
  let newLine = 1;
  for (let i = 0; i < parts.length; i++) {
    const current = parts[i]!;
    const lines = current.lines;
    if (current.added || current.removed) {
      if (!oldRangeStart) {
        const prev = parts[i - 1];
        oldRangeStart = oldLine;
        newRangeStart = newLine;
        if (prev) {
          curRange = context > 0 ? contextLines(prev.lines.slice(-context)) : [];
          oldRangeStart -= curRange.length;
          newRangeStart -= curRange.length;
        }
      }
      for (const line of lines) curRange.push((current.added ? '+' : '-') + line);
      if (current.added) newLine += lines.length;
      else oldLine += lines.length;
    } else {
      if (oldRangeStart) {
        if (lines.length <= context * 2 && i < parts.length - 2) {
          curRange.push(...contextLines(lines));
        } else {
          const contextSize = Math.min(lines.length, context);
          curRange.push(...contextLines(lines.slice(0, contextSize)));
          hunks.push({ oldStart: oldRangeStart, oldLines: oldLine - oldRangeStart + contextSize, newStart: newRangeStart, newLines: newLine - newRangeStart + contextSize, lines: curRange });
          oldRangeStart = 0;
          newRangeStart = 0;
          curRange = [];
        }
      }
      oldLine += lines.length;
      newLine += lines.length;
    }
  }
  for (const hunk of hunks) {
    for (let i = 0; i < hunk.lines.length; i++) {
      if (hunk.lines[i]!.endsWith('\n')) hunk.lines[i] = hunk.lines[i]!.slice(0, -1);
      else hunk.lines.splice(++i, 0, '\\ No newline at end of file');
    }
  }
  return hunks;
}

/**
 * A git-style unified diff (`diff --git a/x b/x`) that `git apply` accepts. Lines keep their
 * own terminators, so CRLF files diff and patch byte-exactly.
 */
export function unifiedDiff(displayPath: string, before: string, after: string, context = 3): string {
  if (before === after) return '';
  let out = `diff --git a/${displayPath} b/${displayPath}\n--- a/${displayPath}\n+++ b/${displayPath}\n`;
  for (const h of hunksOf(before, after, context)) {
    const oldRange = h.oldLines === 1 ? `${h.oldStart}` : `${h.oldStart},${h.oldLines}`;
    const newRange = h.newLines === 1 ? `${h.newStart}` : `${h.newStart},${h.newLines}`;
    out += `@@ -${oldRange} +${newRange} @@\n`;
    for (const line of h.lines) out += `${line}\n`;
  }
  return out;
}

/** Counts added and removed lines of a unified diff, for per-file summaries. */
export function diffStat(diff: string): { added: number; removed: number } {
  let added = 0;
  let removed = 0;
  for (const line of diff.split('\n')) {
    if (line.startsWith('+++') || line.startsWith('---')) continue;
    if (line.startsWith('+')) added++;
    else if (line.startsWith('-')) removed++;
  }
  return { added, removed };
}
