import fs from 'node:fs';
import { sha256 } from '../../plan/fingerprint.js';
import { buildPlan } from '../../plan/build.js';
import { StateDir } from '../../plan/state-dir.js';
import { savePlan } from '../../plan/store.js';
import type { Operation, Plan, PlanHeader, Roots } from '../../plan/types.js';
import { inlineSource } from './sources.js';

/** Builds and saves a plan over `roots` from operations made by `make`. */
export async function savedPlan(roots: Roots, make: (roots: Roots) => Operation[]): Promise<Plan> {
  const plan = await buildPlan({ roots, sources: [inlineSource(() => make(roots))] });
  savePlan(new StateDir(roots.project), plan);
  return plan;
}

/**
 * Edits a saved plan (its plan file and operations file). `recordChecksum` also updates the size
 * and hash the plan file records for its operations and the checksum kept beside it, as a
 * tamperer who knows the format would: what is left to catch it is the path validation.
 */
export function rewritePlan(root: string, id: string, mutate: (plan: Plan) => void, opts: { recordChecksum: boolean }): void {
  const state = new StateDir(root);
  const { operationsFile, ...header } = JSON.parse(fs.readFileSync(state.planFile(id), 'utf8')) as PlanHeader & { operationsFile: unknown };
  const opsText = fs.readFileSync(state.planOpsFile(id), 'utf8');
  const plan: Plan = { ...header, operations: opsText.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Operation) };
  mutate(plan);
  const { operations, ...changed } = plan;
  const newOps = operations.map((op) => `${JSON.stringify(op)}\n`).join('');
  fs.writeFileSync(state.planOpsFile(id), newOps);
  const recorded = opts.recordChecksum ? { count: operations.length, bytes: Buffer.byteLength(newOps), sha256: sha256(newOps) } : operationsFile;
  const text = JSON.stringify({ ...changed, operationsFile: recorded });
  fs.writeFileSync(state.planFile(id), text);
  if (opts.recordChecksum) fs.writeFileSync(state.planDigestFile(id), `${sha256(text)}\n`);
}
