// Symlinks never carry data out of the project: not the state dir, not a dir swapped for a
// link while apply runs.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyPlan } from '../../plan/apply.js';
import { buildPlan } from '../../plan/build.js';
import { moveOp } from '../../plan/ops.js';
import { loc } from '../../plan/paths.js';
import { rollbackPlan } from '../../plan/rollback.js';
import { StateDir } from '../../plan/state-dir.js';
import { savePlan } from '../../plan/store.js';
import { savedPlan } from '../helpers/plans.js';
import { inlineSource } from '../helpers/sources.js';
import { snapshotTree, tempDir, writeTree } from '../helpers/tree.js';

/** A continuum tree of `n` personas and a saved plan that moves each into users/; `swap(rel)` replaces root/rel by a link to itself moved to `outside`. */
async function personasMoved(prefix: string, n: number) {
  const root = tempDir(prefix);
  const outside = tempDir('mu-outside-');
  const spec: Record<string, string | null> = { '.continuum/users': null };
  for (let u = 0; u < n; u++) spec[`.continuum/personas/u${u}/state.db`] = `db ${u}`;
  writeTree(root, spec);
  const before = snapshotTree(root);
  const plan = await savedPlan({ project: root }, (r) =>
    Array.from({ length: n }, (_, u) => moveOp(r, { source: 't' }, loc('project', `.continuum/personas/u${u}`), loc('project', `.continuum/users/u${u}`))),
  );
  const swap = (rel: string): void => {
    fs.renameSync(path.join(root, rel), path.join(outside, path.basename(rel)));
    fs.symlinkSync(path.join(outside, path.basename(rel)), path.join(root, rel));
  };
  return { root, outside, before, plan, swap };
}

describe('symlinks', () => {
  it('a .migrate-users that is a symlink is refused: no plan or backup lands outside, the outside dir keeps its mode', async () => {
    const root = tempDir('mu-link-');
    const outside = tempDir('mu-outside-');
    fs.chmodSync(outside, 0o755);
    writeTree(root, { 'personas/joel/state.db': 'db' });
    fs.symlinkSync(outside, path.join(root, '.migrate-users'));
    const roots = { project: root };
    const plan = await buildPlan({ roots, sources: [inlineSource(() => [moveOp(roots, { source: 't' }, loc('project', 'personas/joel'), loc('project', 'users/joel'))])] });
    expect(() => savePlan(new StateDir(root), plan)).toThrow(/\.migrate-users is a symlink \(to .*\); migrate-users keeps plans and backups only in a real directory inside the project/);
    expect(fs.readdirSync(outside)).toEqual([]);
    expect(fs.statSync(outside).mode & 0o777).toBe(0o755);
  });

  it('a dir swapped for a symlink out of the root during apply: apply stops before moving anything through it; rollback waits until it is put back', async () => {
    const { root, outside, before, plan, swap } = await personasMoved('mu-swap-', 10);
    const users = path.join(root, '.continuum/users');
    await expect(applyPlan(root, plan.id, { progress: (done) => void (done === 3 && swap('.continuum/users')) })).rejects.toThrow(
      /apply stopped at step 4\/10 \(move\): path escapes its root through a symlink: \.continuum\/users\/u3 \(\.continuum\/users -> /,
    );
    // Only what the swap itself carried is outside; every later persona is still in the tree.
    expect(fs.readdirSync(path.join(outside, 'users')).sort()).toEqual(['u0', 'u1', 'u2']);
    for (let u = 3; u < 10; u++) expect(fs.existsSync(path.join(root, `.continuum/personas/u${u}/state.db`))).toBe(true);

    await expect(rollbackPlan(root, plan.id)).rejects.toThrow(/nothing was rolled back: put back the directory that was replaced by a link/);
    fs.unlinkSync(users);
    fs.renameSync(path.join(outside, 'users'), users);
    const res = await rollbackPlan(root, plan.id);
    expect(res.outcome).toBe('rolled-back');
    expect(snapshotTree(root)).toEqual(before);
  });

  it('an ancestor higher up swapped during apply for a link to itself moved out (same inode, now outside): apply stops at the next step', async () => {
    const { root, outside, plan, swap } = await personasMoved('mu-swap-high-', 6);
    await expect(applyPlan(root, plan.id, { progress: (done) => void (done === 2 && swap('.continuum')) })).rejects.toThrow(
      /apply stopped at step 3\/6 \(move\): path escapes its root through a symlink: \.continuum\/personas\/u2 \(\.continuum -> /,
    );
    for (let u = 2; u < 6; u++) expect(fs.existsSync(path.join(outside, `.continuum/personas/u${u}/state.db`))).toBe(true);
  });
});
