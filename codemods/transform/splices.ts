// A transform hands back whole new text; the plan stores splices. One splice per changed run of
// lines (not one from the first to the last change) keeps the plan small and lets the engine
// merge these edits with another codemod's edits elsewhere in the same file.
import { diffArrays } from 'diff';
import { splicesBetween, splitKeep } from '../../plan/text.js';
import type { Splice } from '../../plan/types.js';

/** Beyond this many changed lines the line diff is not worth its cost: one splice instead. */
const MAX_EDIT_LENGTH = 5000;

export function lineSplices(before: string, after: string): Splice[] {
  if (before === after) return [];
  const changes = diffArrays(splitKeep(before), splitKeep(after), { maxEditLength: MAX_EDIT_LENGTH });
  if (!changes) return splicesBetween(before, after);
  const splices: Splice[] = [];
  let offset = 0;
  let open: Splice | undefined;
  for (const change of changes) {
    const text = change.value.join('');
    if (!change.added && !change.removed) {
      if (open) splices.push(open);
      open = undefined;
      offset += text.length;
      continue;
    }
    open ??= { start: offset, end: offset, text: '' };
    if (change.removed) {
      offset += text.length;
      open.end = offset;
    } else open.text += text;
  }
  if (open) splices.push(open);
  return splices;
}
