import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { editOp, mkdirOp, moveOp, writeOp } from '../../plan/ops.js';
import { loc } from '../../plan/paths.js';
import { stalePaths } from '../../plan/preflight.js';
import { StateDir } from '../../plan/state-dir.js';
import type { Plan, Roots } from '../../plan/types.js';
import { runCli, runCliAsync } from '../helpers/cli.js';
import { rewritePlan, savedPlan } from '../helpers/plans.js';
import { hashTree, snapshotTree, tempDir, writeTree } from '../helpers/tree.js';

function sampleTree(): { root: string; roots: Roots } {
  const root = tempDir();
  writeTree(root, {
    'src/a.ts': 'export const a = 1;\n',
    'src/b.ts': 'export const b = 2;\n',
    'personas/joel/state.db': 'db',
    'lightrag_server/env.server': { content: 'USER_ID=alice\nAPI_KEY=sk-secret\n', mode: 0o600 },
  });
  return { root, roots: { project: root } };
}

const ops = (roots: Roots) => [
  editOp(roots, { source: 't' }, loc('project', 'src/a.ts'), 'export const a = 1;\n', [{ start: 17, end: 18, text: '42' }]),
  editOp(roots, { source: 't' }, loc('project', 'lightrag_server/env.server'), 'USER_ID=alice\nAPI_KEY=sk-secret\n', [{ start: 8, end: 13, text: 'charlie' }], { sensitive: true, changedKeys: ['USER_ID'] }),
  moveOp(roots, { source: 't' }, loc('project', 'personas/joel'), loc('project', 'users/joel')),
];

describe('refusals that protect the tree', () => {
  it('a stale plan names every changed path and changes nothing', async () => {
    const { root, roots } = sampleTree();
    const plan = await savedPlan(roots, ops);
    fs.appendFileSync(path.join(root, 'src/a.ts'), '// edited by hand\n');
    fs.writeFileSync(path.join(root, 'personas/joel/new.txt'), 'new');
    const before = hashTree(root);
    const r = runCli(['apply', plan.id, '--root', root]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`plan is stale: src/a.ts changed since plan ${plan.id}`));
    expect(r.stderr).toContain('personas/joel (planned: dir');
    expect(r.stderr).toContain('run `migrate-users plan` again');
    expect(hashTree(root)).toBe(before);
  });

  it('paths planned absent are seen again when they appear: in a listed dir, below a listed dir, as a dir in the way', async () => {
    const root = tempDir();
    const spec: Record<string, string | null> = { 'users': null };
    for (let u = 0; u < 6; u++) spec[`personas/u${u}/state.db`] = `db ${u}`;
    writeTree(root, spec);
    const plan = await savedPlan({ project: root }, (r) =>
      Array.from({ length: 6 }, (_, u) => [
        mkdirOp(r, { source: 't' }, loc('project', `personas/u${u}/data`)),
        moveOp(r, { source: 't' }, loc('project', `personas/u${u}/state.db`), loc('project', `personas/u${u}/data/longterm.db`)),
        moveOp(r, { source: 't' }, loc('project', `personas/u${u}`), loc('project', `users/u${u}`)),
      ]).flat(),
    );
    expect(await stalePaths(plan)).toEqual([]);
    // Six absent targets share users/ (read as one listing); the others sit below walked dirs.
    writeTree(root, { 'users/u1': 'a file', 'personas/u2/data/longterm.db': 'db', 'personas/u3/data': 'not a dir' });
    // In plan order, each path once.
    expect(await stalePaths(plan)).toEqual([
      'users/u1 (planned: absent, now: file (6 bytes, mode 644))',
      'personas/u2/data (planned: absent, now: dir (1 entries))',
      'personas/u2/data/longterm.db (planned: absent, now: file (2 bytes, mode 644))',
      'personas/u2 (planned: dir (1 entries), now: dir (3 entries))',
      'personas/u3/data (planned: absent, now: file (9 bytes, mode 644))',
      'personas/u3 (planned: dir (1 entries), now: dir (2 entries))',
    ]);
  });

  it('a consumed plan cannot be applied twice; a rolled-back one neither; rollback twice is a no-op', async () => {
    const { root, roots } = sampleTree();
    const plan = await savedPlan(roots, ops);
    expect(runCli(['apply', plan.id, '--root', root]).status).toBe(0);
    const again = runCli(['apply', plan.id, '--root', root]);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('already applied and cannot be applied twice');
    expect(runCli(['rollback', plan.id.slice(0, 15), '--root', root]).status).toBe(0);
    const twice = runCli(['rollback', plan.id, '--root', root]);
    expect(twice.status).toBe(0);
    expect(twice.stderr).toContain('already rolled back; nothing to do');
    const reapply = runCli(['apply', plan.id, '--root', root]);
    expect(reapply.status).toBe(1);
    expect(reapply.stderr).toContain('was rolled back');
  });

  it('a lock held by a live process is never broken; a dead owner is taken over with a notice', async () => {
    const { root, roots } = sampleTree();
    const plan = await savedPlan(roots, ops);
    const state = new StateDir(root);
    const sleeper = spawn('sleep', ['30']);
    try {
      fs.writeFileSync(state.lockFile, JSON.stringify({ pid: sleeper.pid, host: os.hostname(), command: 'apply x', startedAt: '2026-11-21T00:00:00Z' }));
      const held = runCli(['apply', plan.id, '--root', root]);
      expect(held.status).toBe(1);
      expect(held.stderr).toContain(`another migrate-users is working on this tree (pid ${sleeper.pid} on ${os.hostname()}`);
      fs.writeFileSync(state.lockFile, JSON.stringify({ pid: 1, host: 'another-host', command: 'apply x', startedAt: '2026-11-21T00:00:00Z' }));
      expect(runCli(['apply', plan.id, '--root', root]).stderr).toContain('on another-host');
    } finally {
      sleeper.kill();
    }
    const gone = spawnSync('true');
    fs.writeFileSync(state.lockFile, JSON.stringify({ pid: gone.pid, host: os.hostname(), command: 'apply old', startedAt: '2026-11-21T00:00:00Z' }));
    const r = runCli(['apply', plan.id, '--root', root]);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain(`taking over a stale lock: pid ${gone.pid} on ${os.hostname()}`);
    expect(fs.existsSync(state.lockFile)).toBe(false);
  });

  it('--force-unlock clears a live lock after saying whose it was', async () => {
    const { root, roots } = sampleTree();
    const plan = await savedPlan(roots, ops);
    fs.writeFileSync(new StateDir(root).lockFile, JSON.stringify({ pid: 1, host: 'build-box', command: 'apply y', startedAt: '2026-11-21T00:00:00Z' }));
    const r = runCli(['apply', plan.id, '--root', root, '--force-unlock']);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('removed the lock held by pid 1 on build-box');
  });

  it('two applies at once: exactly one applies, the other is refused clearly', async () => {
    const root = tempDir();
    const roots = { project: root };
    const plan = await savedPlan(roots, (r) => Array.from({ length: 400 }, (_, i) => mkdirOp(r, { source: 't' }, loc('project', `d${i}`))));
    const [a, b] = await Promise.all([runCliAsync(['apply', plan.id, '--root', root]), runCliAsync(['apply', plan.id, '--root', root])]);
    const statuses = [a.status, b.status].sort();
    expect(statuses).toEqual([0, 1]);
    const loser = a.status === 1 ? a : b;
    expect(loser.stderr).toMatch(/another migrate-users is working on this tree|already applied/);
    expect(fs.readdirSync(root).filter((n) => n.startsWith('d'))).toHaveLength(400);
  });
});

describe('tampered plans are refused before anything is touched', () => {
  async function tamper(mutate: (plan: Plan) => void): Promise<{ root: string; status: number | null; stderr: string; before: string; after: string }> {
    const { root, roots } = sampleTree();
    fs.symlinkSync(os.tmpdir(), path.join(root, 'escape'));
    const plan = await savedPlan(roots, ops);
    rewritePlan(root, plan.id, mutate, { recordChecksum: true });
    const before = hashTree(root);
    const r = runCli(['apply', plan.id, '--root', root]);
    return { root, status: r.status, stderr: r.stderr, before, after: hashTree(root) };
  }

  it.each([
    ['a ../ path', '../outside.txt', /escapes its root/],
    ['an absolute path', '/etc/passwd', /is absolute/],
    ['a path through a symlink', 'escape/owned.txt', /escapes its root through a symlink/],
  ])('%s', async (_name, bad, message) => {
    const r = await tamper((plan) => {
      const last = plan.operations[plan.operations.length - 1] as { to: { path: string } };
      last.to.path = bad;
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(message);
    expect(r.after).toBe(r.before);
    expect(fs.existsSync(path.join(os.tmpdir(), 'owned.txt'))).toBe(false);
  });
});

describe('secrets and permissions', () => {
  it('state dir is 0700 and ignored by git; plans and backups never more readable than the original', async () => {
    const { root, roots } = sampleTree();
    const plan = await savedPlan(roots, ops);
    const state = new StateDir(root);
    expect(fs.statSync(state.dir).mode & 0o777).toBe(0o700);
    expect(fs.readFileSync(path.join(state.dir, '.gitignore'), 'utf8')).toBe('*\n');
    for (const file of [state.planFile(plan.id), state.planOpsFile(plan.id), state.planDigestFile(plan.id)]) {
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      expect(fs.readFileSync(file, 'utf8')).not.toContain('sk-secret');
    }
    expect(runCli(['apply', plan.id, '--root', root]).status).toBe(0);
    const envBackup = path.join(state.backupDir(plan.id), '1');
    expect(fs.readFileSync(envBackup, 'utf8')).toContain('USER_ID=alice');
    expect(fs.statSync(envBackup).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.join(root, 'lightrag_server/env.server')).mode & 0o777).toBe(0o600);
    const dry = runCli(['apply', '--dry-run', plan.id, '--root', root]);
    expect(dry.stdout).not.toContain('sk-secret');
  });
});

describe('dry run', () => {
  it('writes nothing anywhere: tree and state dir hash the same, and no state dir is created', async () => {
    const { root, roots } = sampleTree();
    const plan = await savedPlan(roots, (r) => [...ops(r), writeOp(r, { source: 't' }, loc('project', 'new.txt'), 'x')]);
    const before = hashTree(root, { includeState: true });
    const r = runCli(['apply', '--dry-run', plan.id, '--root', root]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('diff --git a/src/a.ts b/src/a.ts');
    expect(r.stdout).toContain('-export const a = 1;');
    expect(r.stdout).toContain('+export const a = 42;');
    expect(r.stdout).toContain('move personas/joel -> users/joel');
    expect(r.stderr).toContain('dry run: nothing was changed');
    expect(hashTree(root, { includeState: true })).toBe(before);
    const check = runCli(['apply', '--dry-run', '--check', plan.id, '--root', root]);
    expect(check.status).toBe(1);

    const bare = tempDir();
    writeTree(bare, { 'a.txt': 'a' });
    const bareBefore = hashTree(bare, { includeState: true });
    expect(runCli(['apply', '--dry-run', '--root', bare]).status).toBe(0);
    expect(fs.existsSync(path.join(bare, '.migrate-users'))).toBe(false);
    expect(hashTree(bare, { includeState: true })).toBe(bareBefore);
  });

  it('--patch writes a patch that git apply accepts, CRLF and BOM files included', async () => {
    const root = tempDir();
    const crlf = 'line one\r\nUSER_ID here\r\nline three\r\n';
    const bom = '\uFEFFconst x = USER_ID;\n';
    writeTree(root, { 'a.txt': crlf, 'b.ts': bom, 'no-eol.txt': 'last USER_ID' });
    const roots = { project: root };
    const plan = await savedPlan(roots, (r) => [
      editOp(r, { source: 't' }, loc('project', 'a.txt'), crlf, [{ start: 10, end: 17, text: 'getUserId()' }]),
      editOp(r, { source: 't' }, loc('project', 'b.ts'), bom, [{ start: 11, end: 18, text: 'getUserId()' }]),
      editOp(r, { source: 't' }, loc('project', 'no-eol.txt'), 'last USER_ID', [{ start: 5, end: 12, text: 'getUserId()' }]),
    ]);
    const patchFile = path.join(tempDir(), 'out.patch');
    fs.writeFileSync(patchFile, 'an older patch', { mode: 0o644 });
    expect(runCli(['apply', '--dry-run', '--patch', patchFile, plan.id, '--root', root]).status).toBe(0);
    // It may hold env-file lines with API keys: owner-only, even over an existing file.
    expect(fs.statSync(patchFile).mode & 0o777).toBe(0o600);
    const copy = tempDir();
    writeTree(copy, { 'a.txt': crlf, 'b.ts': bom, 'no-eol.txt': 'last USER_ID' });
    spawnSync('git', ['init', '-q'], { cwd: copy });
    const g = spawnSync('git', ['apply', '--whitespace=nowarn', patchFile], { cwd: copy, encoding: 'utf8' });
    expect(g.stderr).toBe('');
    expect(g.status).toBe(0);
    expect(runCli(['apply', plan.id, '--root', root]).status).toBe(0);
    expect(snapshotTree(copy)['a.txt']).toBe(snapshotTree(root)['a.txt']);
    expect(fs.readFileSync(path.join(copy, 'b.ts'))).toEqual(fs.readFileSync(path.join(root, 'b.ts')));
    expect(fs.readFileSync(path.join(copy, 'no-eol.txt'), 'utf8')).toBe('last getUserId()');
  });
});
