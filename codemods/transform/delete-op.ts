// The `delete` operation: removes one file a transform deleted (or renamed away and rewrote).
// The engine has no file-delete kind; as an extension kind it gets the engine's handling of
// `replaces` for free: the file is backed up before the handler runs and restored on rollback,
// and a crash inside the handler is undone and retried on resume. The engine knows nothing of it.
import fs from 'node:fs';
import { registerOperationKind, type OperationKindHandler } from '../../plan/kinds.js';
import { extensionOp, type OpMeta } from '../../plan/ops.js';
import { display } from '../../plan/paths.js';
import type { ExtensionOp, Loc, Roots } from '../../plan/types.js';

export const DELETE_FILE = 'delete';

export const deleteFileHandler: OperationKindHandler = {
  kind: DELETE_FILE,
  async apply(op: ExtensionOp, ctx) {
    // Removing a name is atomic; the backup the engine made first is what rollback restores.
    for (const l of op.replaces) fs.rmSync(ctx.abs(l), { force: true });
  },
};

registerOperationKind(deleteFileHandler);

export function deleteFileOp(roots: Roots, meta: OpMeta, path: Loc): ExtensionOp {
  return extensionOp(roots, meta, DELETE_FILE, { replaces: [path], data: {}, description: display(path) });
}
