// The shape of a registry of sources (codemods/index.ts, migrators/index.ts): a name per source,
// its module loaded only when a plan, or the apply of an operation of its kind, needs it.
import type { OperationKindHandler } from './kinds.js';
import type { OperationSource } from './types.js';

export interface SourceEntry {
  load(): Promise<OperationSource>;
  /** Operation kinds the source adds to the engine, registered before an apply. */
  operationKinds?(): Promise<OperationKindHandler[]>;
}

export type SourceRegistry = Readonly<Record<string, SourceEntry>>;
