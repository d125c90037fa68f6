// Operation kinds that sources add to the engine, loaded only when a plan is applied.
import { CODE_OPERATION_KINDS } from '../codemods/index.js';
import { registerOperationKind } from '../plan/kinds.js';
import { SOURCES } from './index.js';

export async function registerKnownOperationKinds(): Promise<void> {
  const loaders = [CODE_OPERATION_KINDS, ...Object.values(SOURCES).flatMap((s) => (s.operationKinds ? [s.operationKinds] : []))];
  for (const handlers of await Promise.all(loaders.map((load) => load()))) for (const h of handlers) registerOperationKind(h);
}
