// Edits inside comma-separated lists (`{ A, USER_ID, B }` of imports, exports, destructuring,
// object literals): replace, insert after or remove elements so the list reads as if written
// by hand, on one line or one element per line as the list already is.
import type ts from 'typescript';
import type { Splice } from '../../plan/types.js';
import { lineIndentAt, type Layout } from './layout.js';

export type ListEdit = { kind: 'replace'; text: string } | { kind: 'insert-after'; text: string } | { kind: 'remove' };

/**
 * Splices for `edits` on `elements` (a NodeArray, so `pos` is just after the opening token).
 * Returns `'empty'` when every element would be removed: the caller removes the whole construct.
 */
export function listSplices(
  text: string,
  elements: ts.NodeArray<ts.Node>,
  edits: ReadonlyMap<ts.Node, ListEdit>,
  layout: Layout,
): Splice[] | 'empty' {
  const removed = elements.map((el) => edits.get(el)?.kind === 'remove');
  if (removed.every(Boolean)) return 'empty';
  const splices: Splice[] = [];
  elements.forEach((el, i) => {
    const edit = edits.get(el);
    if (edit?.kind === 'replace') splices.push({ start: el.getStart(), end: el.end, text: edit.text });
    if (edit?.kind === 'insert-after') {
      const prevEnd = i > 0 ? elements[i - 1]!.end : elements.pos;
      const multiline = text.slice(prevEnd, el.getStart()).includes('\n');
      const sep = multiline ? `,${layout.eol}${lineIndentAt(text, el.getStart())}` : ', ';
      splices.push({ start: el.end, end: el.end, text: sep + edit.text });
    }
  });
  // Removed elements in runs: a run takes the separator after it, or before it at the end.
  for (let i = 0; i < elements.length; i++) {
    if (!removed[i]) continue;
    let j = i;
    while (j + 1 < elements.length && removed[j + 1]) j++;
    if (j + 1 < elements.length) splices.push({ start: elements[i]!.getStart(), end: elements[j + 1]!.getStart(), text: '' });
    else splices.push({ start: elements[i - 1]!.end, end: elements[j]!.end, text: '' });
    i = j;
  }
  return splices;
}
