// Kill the apply process with SIGKILL after every journal step N; then both `rollback` and a
// resumed `apply` must reach exactly the trees an uninterrupted run reaches.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../plan/build.js';
import { StateDir } from '../../plan/state-dir.js';
import { savePlan } from '../../plan/store.js';
import { moveOp } from '../../plan/ops.js';
import { loc } from '../../plan/paths.js';
import { pool, runCliAsync } from '../helpers/cli.js';
import { randomOperations, randomTree } from '../helpers/random-plan.js';
import { inlineSource } from '../helpers/sources.js';
import { snapshotTree, tempDir, writeTree } from '../helpers/tree.js';
import type { Operation, Roots } from '../../plan/types.js';

type Scenario = { makeTree: (root: string) => void; makeOps: (roots: Roots) => Operation[]; env?: Record<string, string> };

async function freshPlan(s: Scenario): Promise<{ root: string; id: string; before: Record<string, string> }> {
  const root = tempDir('mu-fault-');
  s.makeTree(root);
  const before = snapshotTree(root);
  const roots = { project: root };
  const plan = await buildPlan({ roots, sources: [inlineSource(() => s.makeOps(roots))] });
  savePlan(new StateDir(root), plan);
  return { root, id: plan.id, before };
}

async function checkEveryKillPoint(s: Scenario, minSteps: number): Promise<number> {
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

describe('crash safety: SIGKILL after every journal step', () => {
  it('a mixed plan of 30+ operations (edits, writes, mkdirs, copies, removals, renames)', async () => {
    const seed = 4242;
    await checkEveryKillPoint({ makeTree: (root) => randomTree(root, seed), makeOps: (roots) => randomOperations(roots, seed, 30) }, 62);
  }, 900_000);

  it('cross-filesystem moves (forced EXDEV copy path) of dirs, files and links', async () => {
    const spec: Record<string, string | null | { link: string }> = {};
    for (let u = 0; u < 12; u++) {
      spec[`personas/u${u}/data/state.db`] = `db of ${u}\n`.repeat(50);
      spec[`personas/u${u}/logs/a.log`] = `log ${u}\r\n`;
      spec[`personas/u${u}/empty`] = null;
    }
    spec['personas/u0/link'] = { link: '../u1/data/state.db' };
    const makeOps = (roots: Roots): Operation[] =>
      Array.from({ length: 12 }, (_, u) => moveOp(roots, { source: 't' }, loc('project', `personas/u${u}`), loc('project', `users/u${u}`)));
    await checkEveryKillPoint({ makeTree: (root) => writeTree(root, spec), makeOps, env: { MIGRATE_USERS_TEST_FORCE_EXDEV: '1' } }, 30);
  }, 900_000);
});
