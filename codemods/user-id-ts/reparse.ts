// The last safety net: an edited file must still parse, or its edits are not planned.
import { applySplices } from '../../plan/text.js';
import type { Splice } from '../../plan/types.js';
import { parseSource } from './parse.js';

/** Undefined when `splices` apply cleanly and the result parses; otherwise why not. */
export function editProblem(text: string, fileName: string, splices: readonly Splice[]): string | undefined {
  let after: string;
  try {
    after = applySplices(text, splices);
  } catch (e) {
    return (e as Error).message;
  }
  // Syntax errors are all that matter here, so the tree needs no parent pointers.
  return parseSource(after, fileName, false).error?.message;
}
