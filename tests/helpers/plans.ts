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
