import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyPlan } from '../../plan/apply.js';
import { buildPlan } from '../../plan/build.js';
import { rollbackPlan } from '../../plan/rollback.js';
import { StateDir } from '../../plan/state-dir.js';
import { savePlan } from '../../plan/store.js';
import { randomOperations, randomTree } from '../helpers/random-plan.js';
import { inlineSource } from '../helpers/sources.js';
import { snapshotTree, tempDir } from '../helpers/tree.js';
import type { MoveOp } from '../../plan/types.js';

describe('apply then rollback restores the tree byte, mode and link for link', () => {
  const seeds = Array.from({ length: 30 }, (_, i) => 1000 + i);
  it.each(seeds)('random tree and operations, seed %i', async (seed) => {
    const root = tempDir();
    randomTree(root, seed);
    const before = snapshotTree(root);
    const roots = { project: root };
    const plan = await buildPlan({ roots, sources: [inlineSource(() => randomOperations(roots, seed))] });
    expect(plan.operations.length).toBeGreaterThan(3);
    savePlan(new StateDir(root), plan);

    await applyPlan(root, plan.id);
    const after = snapshotTree(root);
    expect(after).not.toEqual(before);
    for (const op of plan.operations) {
      if (op.kind === 'move') expect(() => fs.lstatSync(`${root}/${(op as MoveOp).to.path}`)).not.toThrow();
    }

    const res = await rollbackPlan(root, plan.id);
    expect(res.outcome).toBe('rolled-back');
    expect(snapshotTree(root)).toEqual(before);
    fs.rmSync(root, { recursive: true, force: true });
  });
});
