// The programmatic API: the same engine the CLI drives.
export { buildPlan, type BuildInput } from './plan/build.js';
export { applyPlan, type ApplyResult } from './plan/apply.js';
export { rollbackPlan, type RollbackResult } from './plan/rollback.js';
export { savePlan, loadPlan, listPlanIds } from './plan/store.js';
export { StateDir } from './plan/state-dir.js';
export { renderDryRun, renderPatch, summarize, describeOperation } from './plan/render.js';
export { registerOperationKind, type OperationKindHandler } from './plan/kinds.js';
export * as ops from './plan/ops.js';
export { UsageError, SafetyError } from './plan/errors.js';
export type * from './plan/types.js';
