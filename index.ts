// The programmatic API: the same functions the CLI drives.
import path from 'node:path';
import { applyPlan, type ApplyResult } from './plan/apply.js';
import { renderDryRun, renderPatch } from './plan/render.js';
import { rollbackPlan, type RollbackResult } from './plan/rollback.js';
import type { RunOptions } from './plan/session.js';
import { StateDir } from './plan/state-dir.js';
import { loadPlan } from './plan/store.js';
import type { PlanView } from './plan/types.js';
import { registerKnownOperationKinds } from './profiles/kinds.js';
import type { LintOptions, LintResult } from './lint/index.js';

export { plan, planToStateDir, type PlanOptions } from './profiles/planning.js';

export interface StateOptions extends RunOptions {
  /** Where `.migrate-users/` is. Default: cwd. */
  root?: string;
}

/** Applies a saved plan crash-safely. */
export async function apply(planId: string, options: StateOptions = {}): Promise<ApplyResult> {
  await registerKnownOperationKinds();
  return applyPlan(path.resolve(options.root ?? process.cwd()), planId, options);
}

/** Undoes an applied or partly applied plan. */
export async function rollback(planId: string, options: StateOptions = {}): Promise<RollbackResult> {
  return rollbackPlan(path.resolve(options.root ?? process.cwd()), planId, options);
}

/** What `apply --dry-run` prints (unified diff + file-system operations) and a `git apply` patch. */
export function dryRun(planOrId: PlanView | string, options: { root?: string } = {}): { text: string; patch: string } {
  const p = typeof planOrId === 'string' ? loadPlan(new StateDir(path.resolve(options.root ?? process.cwd())), planOrId) : planOrId;
  return { text: renderDryRun(p, false), patch: renderPatch(p).patch };
}

/** Runs the anti-pattern rules (the CI step). */
export async function lint(options: Partial<LintOptions> = {}): Promise<LintResult> {
  const { runLint } = await import('./lint/index.js');
  return runLint({ ...options, root: path.resolve(options.root ?? process.cwd()) });
}

export { buildPlan, type BuildInput } from './plan/build.js';
export { applyPlan, type ApplyResult } from './plan/apply.js';
export { rollbackPlan, type RollbackResult } from './plan/rollback.js';
export { savePlan, loadPlan, listPlanIds, findIdenticalPlan, removePlan } from './plan/store.js';
export { StateDir } from './plan/state-dir.js';
export { renderDryRun, renderPatch, summarize, describeOperation } from './plan/render.js';
export { registerOperationKind, type OperationKindHandler } from './plan/kinds.js';
export * as ops from './plan/ops.js';
export { UsageError, SafetyError } from './plan/errors.js';
export type { LintOptions, LintResult, Finding } from './lint/index.js';
export type { TransformSourceOptions, TransformSpec } from './codemods/transform/index.js';
export type * from './plan/types.js';
