// The patch module alone: the package's index loads all twenty of its modules, at every start.
import { structuredPatch } from 'diff/lib/patch/create.js';

/**
 * A git-style unified diff (`diff --git a/x b/x`) that `git apply` accepts. Lines keep their
 * own terminators, so CRLF files diff and patch byte-exactly.
 */
export function unifiedDiff(displayPath: string, before: string, after: string, context = 3): string {
  if (before === after) return '';
  const patch = structuredPatch(`a/${displayPath}`, `b/${displayPath}`, before, after, undefined, undefined, { context });
  let out = `diff --git a/${displayPath} b/${displayPath}\n--- a/${displayPath}\n+++ b/${displayPath}\n`;
  for (const h of patch.hunks) {
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
