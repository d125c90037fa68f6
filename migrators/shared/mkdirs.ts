import fs from 'node:fs';
import path from 'node:path';
import { abs, display } from '../../plan/paths.js';
import { mkdirOp, type OpMeta } from '../../plan/ops.js';
import type { Loc, MkdirOp, Roots } from '../../plan/types.js';
import { typeAt } from './tree.js';

// A dotfiles setup may link `~/.persag` somewhere else; such a link counts as the directory.
function isDirThroughLink(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

export const locKey = (l: Loc): string => `${l.root}:${l.path}`;

/** The dirs already planned; a Set, or a view that layers tentative additions over one. */
export interface PlannedDirs {
  has(key: string): boolean;
  add(key: string): unknown;
}

/**
 * mkdir operations for `l` and its missing ancestors, outermost first. `planned` holds the
 * dirs earlier operations already create (updated in place). Fails when an ancestor exists
 * but is not a directory, naming it.
 */
export function mkdirChain(
  roots: Roots,
  meta: OpMeta,
  l: Loc,
  planned: PlannedDirs,
): { ops: MkdirOp[] } | { blocked: string } {
  const chain: Loc[] = [];
  for (let p = l.path; p !== '.' && p !== ''; p = path.posix.dirname(p)) {
    const cur = { root: l.root, path: p };
    if (planned.has(locKey(cur))) break;
    const t = typeAt(roots, cur);
    if (t === 'dir' || (t === 'symlink' && isDirThroughLink(abs(roots, cur)))) break;
    if (t !== undefined) return { blocked: `${display(cur)} exists and is not a directory` };
    chain.unshift(cur);
  }
  for (const c of chain) planned.add(locKey(c));
  return { ops: chain.map((c) => mkdirOp(roots, meta, c)) };
}
