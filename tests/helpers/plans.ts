import fs from 'node:fs';
import { sha256 } from '../../plan/fingerprint.js';
import { buildPlan } from '../../plan/build.js';
import { StateDir } from '../../plan/state-dir.js';
import { savePlan } from '../../plan/store.js';
import type { Operation, Plan, Roots } from '../../plan/types.js';
import { inlineSource } from './sources.js';

/** Builds and saves a plan over `roots` from operations made by `make`. */
export async function savedPlan(roots: Roots, make: (roots: Roots) => Operation[]): Promise<Plan> {
  const plan = await buildPlan({ roots, sources: [inlineSource(() => make(roots))] });
  savePlan(new StateDir(roots.project), plan);
  return plan;
}

/**
 * Edits a saved plan file. `recordChecksum` also updates the checksum kept beside it, as a
 * tamperer who knows the format would: what is left to catch it is the path validation.
 */
export function rewritePlan(root: string, id: string, mutate: (plan: Plan) => void, opts: { recordChecksum: boolean }): void {
  const state = new StateDir(root);
  const plan = JSON.parse(fs.readFileSync(state.planFile(id), 'utf8')) as Plan;
  mutate(plan);
  const text = JSON.stringify(plan);
  fs.writeFileSync(state.planFile(id), text);
  if (opts.recordChecksum) fs.writeFileSync(state.planDigestFile(id), `${sha256(text)}\n`);
}
