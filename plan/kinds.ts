// Registry of operation kinds the engine does not implement itself (e.g. a migrator's
// `db-merge`). Handlers are registered at start-up by whoever owns the kind.
import type { ExtensionOp, Loc } from './types.js';

export interface ExtensionApplyContext {
  /** Absolute path of a plan location. */
  abs(l: Loc): string;
}

export interface OperationKindHandler {
  kind: string;
  /**
   * Performs the operation. It must leave every `replaces`/`creates` path either untouched or
   * complete (write a temp sibling, fsync, rename): after a crash the engine restores the
   * backups of `replaces`, removes `creates`, and runs the handler again on resume.
   */
  apply(op: ExtensionOp, ctx: ExtensionApplyContext): Promise<void>;
}

const handlers = new Map<string, OperationKindHandler>();

export function registerOperationKind(handler: OperationKindHandler): void {
  handlers.set(handler.kind, handler);
}

export function operationKindHandler(kind: string): OperationKindHandler | undefined {
  return handlers.get(kind);
}
