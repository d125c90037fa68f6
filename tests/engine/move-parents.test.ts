// A move into a dir that does not exist yet creates that dir itself (one step, not a mkdir per
// dir) and its undo removes exactly the dirs it made.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { applyPlan } from '../../plan/apply.js';
import { registerOperationKind } from '../../plan/kinds.js';
import { extensionOp, moveOp, withNewParents } from '../../plan/ops.js';
import { loc } from '../../plan/paths.js';
import { renderDryRun } from '../../plan/render.js';
import { rollbackPlan } from '../../plan/rollback.js';
import { StateDir } from '../../plan/state-dir.js';
import { readPlan } from '../../plan/store.js';
import { runCliAsync } from '../helpers/cli.js';
import { rewritePlan, savedPlan } from '../helpers/plans.js';
import { snapshotTree, tempDir, writeTree } from '../helpers/tree.js';
import type { MoveOp, Roots } from '../../plan/types.js';

const roots: string[] = [];
afterEach(() => {
  for (const r of roots.splice(0)) fs.rmSync(r, { recursive: true, force: true });
});

function tree(): string {
  const root = tempDir('mu-parents-');
  roots.push(root);
  writeTree(root, { 'personas/u1/state.db': 'db one\n', 'personas/u1/logs/a.log': 'log\n', 'keep/x': 'x\n' });
  return root;
}

const moveIntoNewDirs = (r: Roots) => [moveOp(r, { source: 't' }, loc('project', 'personas/u1/state.db'), loc('project', 'personas/u1/data/store/longterm.db'))];

describe('a move that creates its target dir', () => {
  it('is one operation naming the dirs it creates, in the plan and in the dry run', async () => {
    const root = tree();
    const plan = await savedPlan({ project: root }, moveIntoNewDirs);
    expect(plan.operations.map((o) => o.kind)).toEqual(['move']);
    const move = plan.operations[0] as MoveOp;
    expect(move.newParents).toBe(2);
    expect(move.pre.filter((p) => p.expect.type === 'absent').map((p) => p.loc.path)).toEqual(['personas/u1/data', 'personas/u1/data/store', 'personas/u1/data/store/longterm.db']);
    const dry = renderDryRun(readPlan(new StateDir(root), plan.id).plan, false);
    expect(dry).toContain('move personas/u1/state.db -> personas/u1/data/store/longterm.db  (creates personas/u1/data/, personas/u1/data/store/)');
  });

  it('makes the dirs with the planned mode on apply, and rollback removes exactly them', async () => {
    const root = tree();
    const before = snapshotTree(root);
    const plan = await savedPlan({ project: root }, moveIntoNewDirs);
    await applyPlan(root, plan.id);
    expect(fs.readFileSync(path.join(root, 'personas/u1/data/store/longterm.db'), 'utf8')).toBe('db one\n');
    expect(fs.statSync(path.join(root, 'personas/u1/data')).mode & 0o7777).toBe(0o755);
    expect((await rollbackPlan(root, plan.id)).outcome).toBe('rolled-back');
    expect(snapshotTree(root)).toEqual(before);
  });

  it('rollback removes a dir a later step made inside one an earlier step made before removing the outer one', async () => {
    const root = tempDir('mu-parents-');
    roots.push(root);
    const spec: Record<string, string> = {};
    for (let u = 0; u < 40; u++) spec[`in/u${u}/a`] = `a ${u}\n`;
    for (let u = 0; u < 40; u++) spec[`in/u${u}/b`] = `b ${u}\n`;
    writeTree(root, spec);
    const before = snapshotTree(root);
    // Per user: `a` into `out/uN/` (made), then `b` into `out/uN/deep/er/` (made inside it).
    const nested = (r: Roots) =>
      Array.from({ length: 40 }, (_, u) => [
        withNewParents(r, moveOp(r, { source: 't' }, loc('project', `in/u${u}/a`), loc('project', `out/u${u}/a`)), [loc('project', `out/u${u}`)]),
        withNewParents(r, moveOp(r, { source: 't' }, loc('project', `in/u${u}/b`), loc('project', `out/u${u}/deep/er/b`)), [loc('project', `out/u${u}/deep`), loc('project', `out/u${u}/deep/er`)]),
      ]).flat();
    writeTree(root, { out: null });
    const plan = await savedPlan({ project: root }, nested);
    await applyPlan(root, plan.id);
    expect(fs.readFileSync(path.join(root, 'out/u39/deep/er/b'), 'utf8')).toBe('b 39\n');
    const res = await rollbackPlan(root, plan.id);
    expect(res.skipped).toEqual([]);
    expect(res.outcome).toBe('rolled-back');
    fs.rmdirSync(path.join(root, 'out'));
    expect(snapshotTree(root)).toEqual(before);
  });

  it('an apply that stops at a failing step leaves no dir made ahead for the steps after it; rollback is exact', async () => {
    registerOperationKind({
      kind: 'test-fails',
      async apply() {
        throw new Error('the test step fails');
      },
    });
    const root = tempDir('mu-parents-');
    roots.push(root);
    const spec: Record<string, string> = {};
    for (let u = 0; u < 6; u++) spec[`personas/u${u}/state.db`] = `db ${u}\n`;
    writeTree(root, spec);
    const before = snapshotTree(root);
    const dbMove = (r: Roots, u: number) => moveOp(r, { source: 't' }, loc('project', `personas/u${u}/state.db`), loc('project', `personas/u${u}/data/longterm.db`));
    const plan = await savedPlan({ project: root }, (r) => [
      dbMove(r, 0),
      dbMove(r, 1),
      extensionOp(r, { source: 't' }, 'test-fails', { creates: [loc('project', 'failed.txt')], data: {}, description: 'fails' }),
      ...[2, 3, 4, 5].map((u) => dbMove(r, u)),
    ]);
    expect((plan.operations[3] as MoveOp).newParents).toBe(1);
    await expect(applyPlan(root, plan.id)).rejects.toThrow(/apply stopped at step 3\/7 \(test-fails\)/);
    expect(fs.existsSync(path.join(root, 'personas/u1/data/longterm.db'))).toBe(true);
    for (const u of [2, 3, 4, 5]) expect(fs.readdirSync(path.join(root, `personas/u${u}`))).toEqual(['state.db']);
    expect((await rollbackPlan(root, plan.id)).outcome).toBe('rolled-back');
    expect(snapshotTree(root)).toEqual(before);
  });

  it('leaves a dir it made in place when something was put in it after apply, and says so', async () => {
    const root = tree();
    const plan = await savedPlan({ project: root }, moveIntoNewDirs);
    await applyPlan(root, plan.id);
    fs.writeFileSync(path.join(root, 'personas/u1/data/mine.txt'), 'added after apply\n');
    const res = await rollbackPlan(root, plan.id);
    expect(res.outcome).toBe('incomplete');
    expect(res.skipped.join('\n')).toMatch(/personas\/u1\/data is no longer empty/);
    expect(fs.readFileSync(path.join(root, 'personas/u1/state.db'), 'utf8')).toBe('db one\n');
    expect(fs.readFileSync(path.join(root, 'personas/u1/data/mine.txt'), 'utf8')).toBe('added after apply\n');
    expect(fs.existsSync(path.join(root, 'personas/u1/data/store'))).toBe(false);
  });

  it.each([
    ['apply resumes', 'apply'],
    ['rollback undoes', 'rollback'],
  ])('after a crash that left the new dirs made but the rename not done, %s exactly', async (_what, command) => {
    const root = tree();
    const before = snapshotTree(root);
    const plan = await savedPlan({ project: root }, moveIntoNewDirs);
    // Killed right after the step's intent record; the dirs are then made as a crash before the rename leaves them.
    const killed = await runCliAsync(['apply', plan.id, '--root', root], { env: { MIGRATE_USERS_TEST_KILL_AFTER_STEP: '2' } });
    expect(killed.signal).toBe('SIGKILL');
    fs.mkdirSync(path.join(root, 'personas/u1/data/store'), { recursive: true, mode: 0o755 });
    const next = await runCliAsync([command!, plan.id, '--root', root]);
    expect(next.status, next.stderr).toBe(0);
    if (command === 'apply') {
      expect(fs.readFileSync(path.join(root, 'personas/u1/data/store/longterm.db'), 'utf8')).toBe('db one\n');
      const rb = await runCliAsync(['rollback', plan.id, '--root', root]);
      expect(rb.status, rb.stderr).toBe(0);
    }
    expect(snapshotTree(root)).toEqual(before);
  }, 60_000);

  it.each([
    ['more parents than the target has', (m: MoveOp) => void (m.newParents = 9)],
    ['a negative count', (m: MoveOp) => void (m.newParents = -1)],
    ['a mode that is not one', (m: MoveOp) => void (m.parentMode = 0o70000)],
  ])('refuses a tampered plan with %s', async (_what, tamper) => {
    const root = tree();
    const before = snapshotTree(root);
    const plan = await savedPlan({ project: root }, moveIntoNewDirs);
    rewritePlan(root, plan.id, (p) => tamper(p.operations[0] as MoveOp), { recordChecksum: true });
    await expect(applyPlan(root, plan.id)).rejects.toThrow(/refusing plan .*operation 1 \(move\)/);
    expect(snapshotTree(root)).toEqual(before);
  });

  it('refuses a plan whose dir to create exists by the time of apply', async () => {
    const root = tree();
    const plan = await savedPlan({ project: root }, moveIntoNewDirs);
    fs.mkdirSync(path.join(root, 'personas/u1/data'));
    await expect(applyPlan(root, plan.id)).rejects.toThrow(/plan is stale: personas\/u1\/data changed/);
  });
});
