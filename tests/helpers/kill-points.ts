// Kill the apply process with SIGKILL after every journal step N; then both `rollback` and a
// resumed `apply` must reach exactly the trees an uninterrupted run reaches.
import fs from 'node:fs';
import { expect } from 'vitest';
import { buildPlan } from '../../plan/build.js';
import { StateDir } from '../../plan/state-dir.js';
import { savePlan } from '../../plan/store.js';
import type { OperationSource, Roots } from '../../plan/types.js';
import { pool, runCliAsync } from './cli.js';
import { snapshotTree, tempDir } from './tree.js';

export type Scenario = { makeTree: (root: string) => void; sources: (roots: Roots) => OperationSource[]; env?: Record<string, string> };

async function freshPlan(s: Scenario): Promise<{ root: string; id: string; before: Record<string, string> }> {
  const root = tempDir('mu-fault-');
  s.makeTree(root);
  const before = snapshotTree(root);
  const roots = { project: root };
  const plan = await buildPlan({ roots, sources: s.sources(roots) });
  savePlan(new StateDir(root), plan);
  return { root, id: plan.id, before };
}

export async function checkEveryKillPoint(s: Scenario, minSteps: number): Promise<number> {
  const reference = await freshPlan(s);
  const ok = await runCliAsync(['apply', reference.id, '--root', reference.root], { env: s.env });
  expect(ok.status, ok.stderr).toBe(0);
  const expectedAfter = snapshotTree(reference.root);
  const steps = fs.readFileSync(new StateDir(reference.root).journalFile(reference.id), 'utf8').trim().split('\n').length;
  expect(steps).toBeGreaterThanOrEqual(minSteps);

  const killPoints = Array.from({ length: steps - 1 }, (_, i) => i + 1);
  const failures: string[] = [];
  await pool(killPoints, 4, async (n) => {
    const env = { ...s.env, MIGRATE_USERS_TEST_KILL_AFTER_STEP: String(n) };
    // One tree is rolled back after the crash, another resumed.
    for (const mode of ['rollback', 'resume'] as const) {
      const t = await freshPlan(s);
      const killed = await runCliAsync(['apply', t.id, '--root', t.root], { env });
      if (killed.signal !== 'SIGKILL') failures.push(`step ${n}: apply was not killed (${killed.status} ${killed.stderr})`);
      const next = await runCliAsync(mode === 'rollback' ? ['rollback', t.id, '--root', t.root] : ['apply', t.id, '--root', t.root], { env: s.env });
      if (next.status !== 0) failures.push(`step ${n} ${mode}: exit ${next.status}: ${next.stderr}`);
      else if (mode === 'resume' && !/resuming/.test(next.stderr)) failures.push(`step ${n}: resume did not say it resumed`);
      const got = snapshotTree(t.root);
      const want = mode === 'rollback' ? t.before : expectedAfter;
      if (JSON.stringify(got) !== JSON.stringify(want)) {
        const diff = Object.keys({ ...got, ...want }).filter((k) => got[k] !== want[k]).slice(0, 5);
        failures.push(`step ${n} ${mode}: tree differs at ${diff.map((k) => `${k} (${got[k]} vs ${want[k]})`).join(', ')}`);
      }
      fs.rmSync(t.root, { recursive: true, force: true });
    }
  });
  expect(failures).toEqual([]);
  return steps;
}

/**
 * Kill a rollback of a fully applied plan after every journal record it writes; the next
 * rollback must bring back exactly the tree from before apply.
 */
export async function checkEveryRollbackKillPoint(s: Scenario, minRecords: number): Promise<number> {
  const reference = await freshPlan(s);
  const applied = await runCliAsync(['apply', reference.id, '--root', reference.root], { env: s.env });
  expect(applied.status, applied.stderr).toBe(0);
  const journal = new StateDir(reference.root).journalFile(reference.id);
  const applyRecords = fs.readFileSync(journal, 'utf8').trim().split('\n').length;
  const rolledBack = await runCliAsync(['rollback', reference.id, '--root', reference.root], { env: s.env });
  expect(rolledBack.status, rolledBack.stderr).toBe(0);
  const records = fs.readFileSync(journal, 'utf8').trim().split('\n').length - applyRecords;
  expect(records).toBeGreaterThanOrEqual(minRecords);
  fs.rmSync(reference.root, { recursive: true, force: true });

  const failures: string[] = [];
  await pool(Array.from({ length: records - 1 }, (_, i) => i + 1), 4, async (n) => {
    const t = await freshPlan(s);
    const ok = await runCliAsync(['apply', t.id, '--root', t.root], { env: s.env });
    if (ok.status !== 0) failures.push(`record ${n}: apply failed: ${ok.stderr}`);
    const killed = await runCliAsync(['rollback', t.id, '--root', t.root], { env: { ...s.env, MIGRATE_USERS_TEST_KILL_AFTER_STEP: String(n) } });
    if (killed.signal !== 'SIGKILL') failures.push(`record ${n}: rollback was not killed (${killed.status} ${killed.stderr})`);
    const next = await runCliAsync(['rollback', t.id, '--root', t.root], { env: s.env });
    if (next.status !== 0) failures.push(`record ${n}: the second rollback: exit ${next.status}: ${next.stderr}`);
    const got = snapshotTree(t.root);
    if (JSON.stringify(got) !== JSON.stringify(t.before)) {
      const diff = Object.keys({ ...got, ...t.before }).filter((k) => got[k] !== t.before[k]).slice(0, 5);
      failures.push(`record ${n}: tree differs at ${diff.map((k) => `${k} (${got[k]} vs ${t.before[k]})`).join(', ')}`);
    }
    fs.rmSync(t.root, { recursive: true, force: true });
  });
  expect(failures).toEqual([]);
  return records;
}
