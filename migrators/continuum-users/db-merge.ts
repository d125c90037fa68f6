// The `db-merge` operation: builds one database from several candidate databases of a user.
// The engine backs up what it replaces and removes what it creates on rollback; the sources
// are only read here (the migrator moves them aside with ordinary `move` operations).
import fs from 'node:fs';
import { extensionOp, readBytes, type OpMeta } from '../../plan/ops.js';
import { writeFileAtomic } from '../../plan/atomic.js';
import { registerOperationKind, type OperationKindHandler } from '../../plan/kinds.js';
import type { ExtensionOp, Loc, Roots } from '../../plan/types.js';
import { SpecialFileError } from '../../plan/fingerprint.js';
import { abs, display } from '../../plan/paths.js';
import { DbMergeConflict, mergeDatabases } from '../shared/sqlite.js';

export const DB_MERGE = 'db-merge';

export interface DbMergeData {
  target: Loc;
  /** Read in this order: on duplicate rows the first copy wins (they are identical anyway). */
  sources: Loc[];
  /** Mode of the merged file: the replaced target's, else the first source's. */
  mode: number;
}

function merge(data: DbMergeData, read: (l: Loc) => Uint8Array): Promise<Uint8Array> {
  return mergeDatabases(data.sources.map((l) => ({ label: display(l), bytes: read(l) })));
}

export const dbMergeHandler: OperationKindHandler = {
  kind: DB_MERGE,
  async apply(op: ExtensionOp, ctx) {
    const data = op.data as DbMergeData;
    const merged = await merge(data, (l) => fs.readFileSync(ctx.abs(l)));
    // The engine's temp-sibling naming: a crash between write and rename leaves a temp file
    // that the engine's rollback and resume recognise and remove.
    writeFileAtomic(ctx.abs(data.target), merged, data.mode);
  },
};

registerOperationKind(dbMergeHandler);

/**
 * Plans a merge, after doing it once in memory so that schema conflicts, conflicting rows and
 * unreadable databases are plan errors now rather than failures halfway through an apply.
 * Returns the operation, or the reason the merge is refused.
 */
export async function planDbMerge(
  roots: Roots,
  meta: OpMeta,
  target: Loc,
  sources: Loc[],
): Promise<{ op: ExtensionOp } | { conflict: string }> {
  const targetExists = sources.some((s) => s.root === target.root && s.path === target.path);
  const modeOf = (l: Loc): number => fs.statSync(abs(roots, l)).mode & 0o7777;
  const data: DbMergeData = { target, sources, mode: modeOf(targetExists ? target : sources[0]!) };
  try {
    await merge(data, (l) => readBytes(roots, l));
  } catch (e) {
    if (e instanceof DbMergeConflict) return { conflict: e.message };
    if (e instanceof SpecialFileError) throw e;
    return { conflict: `cannot read the databases: ${(e as Error).message}` };
  }
  const reads = sources.filter((s) => !(s.root === target.root && s.path === target.path));
  return {
    op: extensionOp(roots, meta, DB_MERGE, {
      reads,
      ...(targetExists ? { replaces: [target] } : { creates: [target] }),
      data,
      description: `merge ${sources.map(display).join(' + ')} -> ${display(target)}`,
    }),
  };
}
