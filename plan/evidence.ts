// What the tree itself shows about steps whose journal records were lost (a power cut after
// the records were written but before they reached the disk).
import { hashFile, lstatOrNull } from './fingerprint.js';
import type { ExecContext } from './executors.js';
import type { EditOp, Loc, OpList, Operation, WriteOp } from './types.js';

// Renames and new dirs are recognisable in the tree itself, so their records are group-committed;
// any other step (and its undo) is journaled durably before it touches anything.
const SELF_EVIDENT = new Set(['mkdir', 'move', 'copy']);
export const isSelfEvident = (op: Operation): boolean => SELF_EVIDENT.has(op.kind);

/** Whether the tree shows that operation `op` ran (its effect is in place and could not be there otherwise). */
export function showsRun(op: Operation, ctx: Pick<ExecContext, 'abs'>): boolean {
  const at = (l: Loc) => lstatOrNull(ctx.abs(l));
  switch (op.kind) {
    case 'move': {
      const { from, to } = op as { from: Loc; to: Loc };
      return !at(from) && at(to) !== null;
    }
    case 'copy':
      return at((op as { to: Loc }).to) !== null; // a copy lands whole, by rename
    case 'mkdir':
      return at((op as { path: Loc }).path)?.isDirectory() ?? false;
    case 'delete-empty-dir':
      return !at((op as { path: Loc }).path);
    case 'write':
    case 'edit': {
      const e = op as EditOp | WriteOp;
      const pre = e.pre.find((p) => p.loc.root === e.path.root && p.loc.path === e.path.path)?.expect;
      if (pre?.type === 'file' && pre.sha256 === e.post.sha256) return false; // no visible change
      return at(e.path)?.isFile() === true && hashFile(ctx.abs(e.path)) === e.post.sha256;
    }
    default:
      return false; // extension kinds: nothing the engine can read
  }
}

/**
 * The last step among `candidates` (highest first) whose effect the tree shows, or -1. Apply runs
 * steps in order and stops at the first failure, so every step before it had completed, even
 * when a later step has since moved its result elsewhere.
 */
export function lastStepShownRun(ops: OpList, candidates: readonly number[], ctx: Pick<ExecContext, 'abs'>): number {
  for (const j of candidates) if (showsRun(ops.at(j)!, ctx)) return j;
  return -1;
}
