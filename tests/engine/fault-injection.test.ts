// Kill the apply process with SIGKILL after every journal step N; then both `rollback` and a
// resumed `apply` must reach exactly the trees an uninterrupted run reaches.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mkdirOp, moveOp } from '../../plan/ops.js';
import { StateDir } from '../../plan/state-dir.js';
import { runCliAsync } from '../helpers/cli.js';
import { loc } from '../../plan/paths.js';
import { checkEveryKillPoint, checkEveryRollbackKillPoint } from '../helpers/kill-points.js';
import { randomOperations, randomTree } from '../helpers/random-plan.js';
import { inlineSource } from '../helpers/sources.js';
import { savedPlan } from '../helpers/plans.js';
import { snapshotTree, tempDir, writeTree } from '../helpers/tree.js';
import type { Operation, Roots } from '../../plan/types.js';

describe('crash safety: SIGKILL after every journal step', () => {
  it('a mixed plan of 30+ operations (edits, writes, mkdirs, copies, removals, renames)', async () => {
    const seed = 4242;
    await checkEveryKillPoint({ makeTree: (root) => randomTree(root, seed), sources: (roots) => [inlineSource(() => randomOperations(roots, seed, 30))] }, 62);
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
    await checkEveryKillPoint({ makeTree: (root) => writeTree(root, spec), sources: (roots) => [inlineSource(() => makeOps(roots))], env: { MIGRATE_USERS_TEST_FORCE_EXDEV: '1' } }, 30);
  }, 900_000);

  // The continuum shape: a dir made inside a user's dir, the database renamed into it, then the
  // whole dir moved, so the first two effects are no longer where they were made.
  const users = 3;
  const continuumTree = (root: string): void => {
    const spec: Record<string, string | null> = { '.continuum/users': null };
    for (let u = 0; u < users; u++) {
      spec[`.continuum/personas/u${u}/state.sqlite`] = `db ${u}\n`;
      spec[`.continuum/personas/u${u}/logs/a.log`] = `log ${u}\n`;
    }
    writeTree(root, spec);
  };
  const continuumOps = (roots: Roots): Operation[] =>
    Array.from({ length: users }, (_, u) => {
      const p = `.continuum/personas/u${u}`;
      return [
        mkdirOp(roots, { source: 't' }, loc('project', `${p}/data`)),
        moveOp(roots, { source: 't' }, loc('project', `${p}/state.sqlite`), loc('project', `${p}/data/longterm.db`)),
        moveOp(roots, { source: 't' }, loc('project', p), loc('project', `.continuum/users/u${u}`)),
      ];
    }).flat();

  it('group commit: a kill loses the uncommitted records of steps already in effect', async () => {
    const root = tempDir('mu-group-');
    continuumTree(root);
    const before = snapshotTree(root);
    const plan = await savedPlan({ project: root }, continuumOps);
    // Record 1 is apply-start; the done record of the last step is the 2 * steps + 1st.
    const killed = await runCliAsync(['apply', plan.id, '--root', root], { env: { MIGRATE_USERS_TEST_KILL_AFTER_STEP: String(2 * plan.operations.length + 1) } });
    expect(killed.signal).toBe('SIGKILL');
    const onDisk = fs.readFileSync(new StateDir(root).journalFile(plan.id), 'utf8').trim().split('\n');
    expect(onDisk.map((l) => (JSON.parse(l) as { t: string }).t)).toEqual(['apply-start']);
    for (let u = 0; u < users; u++) expect(fs.existsSync(path.join(root, `.continuum/users/u${u}/data/longterm.db`))).toBe(true);
    const rb = await runCliAsync(['rollback', plan.id, '--root', root]);
    expect(rb.status, rb.stderr).toBe(0);
    expect(snapshotTree(root)).toEqual(before);
  }, 60_000);

  it('group commit: SIGKILL after every record of a plan whose later steps move earlier effects away', async () => {
    await checkEveryKillPoint({ makeTree: continuumTree, sources: (roots) => [inlineSource(() => continuumOps(roots))] }, 2 * 3 * users);
  }, 900_000);

  // The same plan with no mkdir steps: each database move creates `data/` itself.
  const movesMakingParents = (roots: Roots): Operation[] => continuumOps(roots).filter((op) => op.kind !== 'mkdir');

  it('moves that create their target dir: SIGKILL after every record', async () => {
    await checkEveryKillPoint({ makeTree: continuumTree, sources: (roots) => [inlineSource(() => movesMakingParents(roots))] }, 2 * 2 * users);
  }, 900_000);

  it('moves that create their target dir, across filesystems (forced EXDEV): SIGKILL after every record', async () => {
    await checkEveryKillPoint({ makeTree: continuumTree, sources: (roots) => [inlineSource(() => movesMakingParents(roots))], env: { MIGRATE_USERS_TEST_FORCE_EXDEV: '1' } }, 2 * 2 * users);
  }, 900_000);

  // Rollback removes the dirs such moves made while it undoes the steps before them.
  it('a rollback of moves that created their target dir, killed after every record, is finished exactly by the next', async () => {
    await checkEveryRollbackKillPoint({ makeTree: continuumTree, sources: (roots) => [inlineSource(() => movesMakingParents(roots))] }, 2 + 2 * 2 * users);
  }, 900_000);
});
