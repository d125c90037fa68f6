// The source of a move is only renamed: its precondition is checked by inode, size, mode and
// mtime (git's and rsync's quick check) rather than by hashing its bytes, and its bytes decide
// whenever those keys cannot vouch for it.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { applyPlan } from '../../plan/apply.js';
import { copyOp, moveOp } from '../../plan/ops.js';
import { loc } from '../../plan/paths.js';
import { rollbackPlan } from '../../plan/rollback.js';
import { runCliAsync } from '../helpers/cli.js';
import { savedPlan } from '../helpers/plans.js';
import { snapshotTree, tempDir, writeTree } from '../helpers/tree.js';
import type { Fingerprint, MoveOp, Roots } from '../../plan/types.js';

const roots: string[] = [];
afterEach(() => {
  for (const r of roots.splice(0)) fs.rmSync(r, { recursive: true, force: true });
});

const DAY = 24 * 3600;
const ORIGINAL = 'original bytes\n';
const SAME_SIZE = 'rewritten byte\n';

/** A tree whose database was last written a day ago (in whole seconds, so its mtime can be put back exactly). */
function tree(secondsAgo = DAY): { root: string; db: string; mtime: number } {
  const root = tempDir('mu-quick-');
  roots.push(root);
  writeTree(root, { 'u1/state.db': ORIGINAL, 'u1/notes.md': 'notes\n' });
  const db = path.join(root, 'u1/state.db');
  const mtime = Math.floor(Date.now() / 1000) - secondsAgo;
  fs.utimesSync(db, mtime, mtime);
  return { root, db, mtime };
}

const moveDb = (r: Roots) => [moveOp(r, { source: 't' }, loc('project', 'u1/state.db'), loc('project', 'u1/data.db'))];
const fileExpect = (op: MoveOp): Extract<Fingerprint, { type: 'file' }> => op.pre[0]!.expect as Extract<Fingerprint, { type: 'file' }>;

describe('quick check of a moved file', () => {
  it('records the inode and mtime of a file the plan only renames, next to its hash', async () => {
    const { root, db } = tree();
    const plan = await savedPlan({ project: root }, moveDb);
    const expect_ = fileExpect(plan.operations[0] as MoveOp);
    const st = fs.lstatSync(db, { bigint: true });
    expect(expect_).toMatchObject({ type: 'file', size: ORIGINAL.length, ino: st.ino.toString(), mtimeNs: st.mtimeNs.toString() });
    expect(expect_.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('keeps hashing a file that a step reads (a copy)', async () => {
    const { root } = tree();
    const plan = await savedPlan({ project: root }, (r) => [copyOp(r, { source: 't' }, loc('project', 'u1/state.db'), loc('project', 'u1/copy.db'))]);
    expect(fileExpect(plan.operations[0] as MoveOp).ino).toBeUndefined();
  });

  it('sees a rewrite that keeps the size (the write moves the mtime)', async () => {
    const { root, db } = tree();
    const plan = await savedPlan({ project: root }, moveDb);
    fs.writeFileSync(db, SAME_SIZE);
    await expect(applyPlan(root, plan.id)).rejects.toThrow(/plan is stale: u1\/state.db changed/);
  });

  it('sees a file replaced by another one of the same size and mtime (a new inode)', async () => {
    const { root, db, mtime } = tree();
    const plan = await savedPlan({ project: root }, moveDb);
    fs.writeFileSync(`${db}.new`, SAME_SIZE);
    fs.utimesSync(`${db}.new`, mtime, mtime);
    fs.renameSync(`${db}.new`, db);
    await expect(applyPlan(root, plan.id)).rejects.toThrow(/plan is stale: u1\/state.db changed/);
  });

  it('hashes a file written just before the plan: a write in the same clock tick keeps its mtime', async () => {
    const { root, db } = tree(0);
    const plan = await savedPlan({ project: root }, moveDb);
    expect(fileExpect(plan.operations[0] as MoveOp).ino).toBeUndefined();
    // Same size, same inode, the mtime put back exactly: only the bytes tell.
    const st = fs.statSync(db);
    fs.writeFileSync(db, SAME_SIZE);
    fs.utimesSync(db, st.atime, st.mtime);
    await expect(applyPlan(root, plan.id)).rejects.toThrow(/plan is stale: u1\/state.db changed/);
  });

  it('passes a file that was only touched back to the same bytes (the hash decides when the keys differ)', async () => {
    const { root, db } = tree();
    const before = snapshotTree(root);
    const plan = await savedPlan({ project: root }, moveDb);
    fs.writeFileSync(db, ORIGINAL); // same bytes, new mtime
    await applyPlan(root, plan.id);
    expect((await rollbackPlan(root, plan.id)).outcome).toBe('rolled-back');
    expect(snapshotTree(root)).toEqual(before);
  });

  it('rollback says the tree differs when a moved file was rewritten at the same size after apply', async () => {
    const { root } = tree();
    const plan = await savedPlan({ project: root }, moveDb);
    await applyPlan(root, plan.id);
    fs.writeFileSync(path.join(root, 'u1/data.db'), SAME_SIZE);
    const res = await rollbackPlan(root, plan.id);
    expect(res.outcome).toBe('differs');
    expect(res.differences.join('\n')).toMatch(/u1\/state.db/);
  });

  it('rollback after moves across filesystems (new inodes) finds the tree as it was from the bytes', async () => {
    const { root } = tree();
    const before = snapshotTree(root);
    const plan = await savedPlan({ project: root }, moveDb);
    const env = { MIGRATE_USERS_TEST_FORCE_EXDEV: '1' };
    const applied = await runCliAsync(['apply', plan.id, '--root', root], { env });
    expect(applied.status, applied.stderr).toBe(0);
    const rb = await runCliAsync(['rollback', plan.id, '--root', root], { env });
    expect(rb.status, rb.stderr).toBe(0);
    expect(rb.stderr + rb.stdout).toMatch(/the tree is as it was before apply/);
    expect(snapshotTree(root)).toEqual(before);
  }, 60_000);
});

describe('quick check of a moved dir', () => {
  /** A user dir whose dirs were last changed a day ago. */
  function dirTree(): string {
    const root = tempDir('mu-quick-dir-');
    roots.push(root);
    writeTree(root, { 'u1/logs/a.log': 'a\n', 'u1/memory/notes/n.md': 'n\n', 'u1/link': { link: 'logs/a.log' }, 'u1/state.db': ORIGINAL });
    const old = Math.floor(Date.now() / 1000) - DAY;
    for (const d of ['u1/memory/notes', 'u1/memory', 'u1/logs', 'u1']) fs.utimesSync(path.join(root, d), old, old);
    return root;
  }
  const moveUser = (r: Roots) => [moveOp(r, { source: 't' }, loc('project', 'u1'), loc('project', 'users/u1'))];
  const dirsOf = (op: MoveOp): Record<string, string> | undefined => (op.pre.find((p) => p.loc.path === 'u1')!.expect as Extract<Fingerprint, { type: 'dir' }>).dirs;

  it('records every dir of the tree with its inode, mtime and own entries', async () => {
    const plan = await savedPlan({ project: dirTree() }, moveUser);
    expect(Object.keys(dirsOf(plan.operations[0] as MoveOp)!).sort()).toEqual(['', 'logs', 'memory', 'memory/notes']);
  });

  it('checks a dir changed too recently for its mtime to tell by its listing alone', async () => {
    const root = dirTree();
    const notes = path.join(root, 'u1/memory/notes');
    fs.writeFileSync(path.join(notes, 'new.md'), 'just now\n');
    const plan = await savedPlan({ project: root }, moveUser);
    const dirs = dirsOf(plan.operations[0] as MoveOp)!;
    expect(dirs['memory/notes']).toMatch(/^-:-:/);
    expect(dirs.logs).toMatch(/^\d+:\d+:/);
    // Another entry in the same clock tick, the dir's mtime put back exactly: the listing still tells.
    const st = fs.statSync(notes, { bigint: true });
    fs.writeFileSync(path.join(notes, 'other.md'), 'same tick\n');
    fs.utimesSync(notes, Number(st.atimeMs) / 1000, Number(st.mtimeMs) / 1000);
    await expect(applyPlan(root, plan.id)).rejects.toThrow(/plan is stale: u1 changed/);
  });

  it.each([
    ['a file added deep inside', (root: string) => fs.writeFileSync(path.join(root, 'u1/memory/notes/extra.md'), 'x\n')],
    ['a file renamed (same number of entries)', (root: string) => fs.renameSync(path.join(root, 'u1/logs/a.log'), path.join(root, 'u1/logs/b.log'))],
    ['a dir removed', (root: string) => fs.rmSync(path.join(root, 'u1/memory/notes'), { recursive: true })],
    ['a link pointed elsewhere', (root: string) => {
      fs.rmSync(path.join(root, 'u1/link'));
      fs.symlinkSync('state.db', path.join(root, 'u1/link'));
    }],
  ])('sees %s', async (_what, change) => {
    const root = dirTree();
    const plan = await savedPlan({ project: root }, moveUser);
    expect(dirsOf(plan.operations[0] as MoveOp)).toBeDefined();
    change(root);
    await expect(applyPlan(root, plan.id)).rejects.toThrow(/plan is stale: u1 changed/);
  });

  it('passes a dir whose mtime moved but whose entries are the same', async () => {
    const root = dirTree();
    const before = snapshotTree(root);
    const plan = await savedPlan({ project: root }, moveUser);
    expect(dirsOf(plan.operations[0] as MoveOp)).toBeDefined();
    fs.writeFileSync(path.join(root, 'u1/logs/tmp'), 'x\n');
    fs.rmSync(path.join(root, 'u1/logs/tmp'));
    await applyPlan(root, plan.id);
    expect((await rollbackPlan(root, plan.id)).outcome).toBe('rolled-back');
    expect(snapshotTree(root)).toEqual(before);
  });
});
