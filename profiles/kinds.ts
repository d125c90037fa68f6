// Operation kinds that sources add to the engine, loaded only when a plan is applied.
import { registerOperationKind } from '../plan/kinds.js';

export async function registerKnownOperationKinds(): Promise<void> {
  registerOperationKind((await import('../migrators/continuum-users/db-merge.js')).dbMergeHandler);
  registerOperationKind((await import('../codemods/transform/delete-op.js')).deleteFileHandler);
}
