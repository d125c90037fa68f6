// Helpers for the migrators' tests: readable operation lists for golden files, a listing of a
// whole tree (content hashes, modes, link targets) for byte-exact comparisons, and the
// plan -> apply -> rollback cycle through the real engine.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describeOperation } from '../../plan/render.js';
import { applyPlan } from '../../plan/apply.js';
import { buildPlan, type BuildInput } from '../../plan/build.js';
import { rollbackPlan } from '../../plan/rollback.js';
import { STATE_DIR_NAME, StateDir } from '../../plan/state-dir.js';
import { savePlan } from '../../plan/store.js';
import type { Plan, Roots, SourceResult } from '../../plan/types.js';

/** One line per operation, then warnings and errors; `replace` masks machine-specific text. */
export function formatResult(result: SourceResult, replace: [string, string][] = []): string {
  const lines = [
    ...result.operations.map(describeOperation),
    ...result.warnings.map((w) => `warning ${w.code ?? ''}: ${w.message}`),
    ...result.errors.map((e) => `error ${e.code ?? ''}: ${e.message}`),
  ];
  let text = lines.join('\n') + '\n';
  for (const [from, to] of replace) text = text.split(from).join(to);
  return text;
}

/** Every entry under `root` with type, mode and content hash or link target, sorted. */
export function snapshotTree(root: string, skip: readonly string[] = []): string[] {
  const out: string[] = [];
  const walk = (dir: string, rel: string): void => {
    for (const name of fs.readdirSync(dir).sort()) {
      const r = rel ? `${rel}/${name}` : name;
      if (skip.includes(r)) continue;
      const p = path.join(dir, name);
      const st = fs.lstatSync(p);
      const mode = (st.mode & 0o7777).toString(8).padStart(4, '0');
      if (st.isSymbolicLink()) out.push(`l ${r} -> ${fs.readlinkSync(p)}`);
      else if (st.isDirectory()) {
        out.push(`d ${mode} ${r}/`);
        walk(p, r);
      } else out.push(`f ${mode} ${r} ${crypto.createHash('sha256').update(fs.readFileSync(p)).digest('hex').slice(0, 16)}`);
    }
  };
  walk(root, '');
  return out;
}

/** Compares `actual` with the golden file, or writes it when UPDATE_GOLDEN=1. */
export function golden(file: string, actual: string): string {
  if (process.env.UPDATE_GOLDEN === '1' || !fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, actual);
  }
  return fs.readFileSync(file, 'utf8');
}

export interface Cycle {
  plan: Plan;
  before: string[];
  applied: string[];
  rolledBack: string[];
}

/** Snapshots of every root, the engine's state dir left out. */
export function snapshotRoots(roots: Roots): string[] {
  return [roots.project, roots.home].flatMap((r, n) => (r ? snapshotTree(r, [STATE_DIR_NAME]).map((l) => `${n === 0 ? 'project' : 'home'}: ${l}`) : []));
}

/**
 * Plans with the given sources, saves the plan, applies it and rolls it back, snapshotting the
 * tree at each stage. `afterApply` runs on the applied tree (e.g. to inspect databases).
 */
export async function planApplyRollback(input: BuildInput, afterApply?: (plan: Plan) => Promise<void> | void): Promise<Cycle> {
  const plan = await buildPlan(input);
  const before = snapshotRoots(plan.roots);
  savePlan(new StateDir(plan.roots.project), plan);
  await applyPlan(plan.roots.project, plan.id);
  const applied = snapshotRoots(plan.roots);
  await afterApply?.(plan);
  const rb = await rollbackPlan(plan.roots.project, plan.id);
  if (rb.outcome !== 'rolled-back') throw new Error(`rollback ${rb.outcome}: ${rb.skipped.join('; ')}`);
  return { plan, before, applied, rolledBack: snapshotRoots(plan.roots) };
}
