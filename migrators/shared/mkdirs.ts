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
 * The dirs missing for `l` to exist, outermost first, marked in `planned` (updated in place)
 * as dirs the plan makes. Fails when an ancestor exists but is not a directory, naming it.
 */
export function missingDirs(roots: Roots, l: Loc, planned: PlannedDirs): { dirs: Loc[] } | { blocked: string } {
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
  return { dirs: chain };
}

/** mkdir operations for `l` and its missing ancestors, outermost first (see `missingDirs`). */
export function mkdirChain(roots: Roots, meta: OpMeta, l: Loc, planned: PlannedDirs): { ops: MkdirOp[] } | { blocked: string } {
  const r = missingDirs(roots, l, planned);
  return 'blocked' in r ? r : { ops: r.dirs.map((c) => mkdirOp(roots, meta, c)) };
}
