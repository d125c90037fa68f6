// States a careful user's worst day leaves behind: each ends in a clear line and a command
// that works, never a silent success, a raw ENOENT or advice the tool then refuses.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyPlan } from '../../plan/apply.js';
import { registerOperationKind } from '../../plan/kinds.js';
import { editOp, extensionOp, mkdirOp, moveOp } from '../../plan/ops.js';
import { setRenameForTesting } from '../../plan/move.js';
import { loc } from '../../plan/paths.js';
import { rollbackPlan } from '../../plan/rollback.js';
import { StateDir } from '../../plan/state-dir.js';
import type { Roots } from '../../plan/types.js';
import { BIN, runCli } from '../helpers/cli.js';
import { savedPlan } from '../helpers/plans.js';
import { snapshotTree, tempDir, writeTree } from '../helpers/tree.js';

const A = 'export const a = USER_ID;\n';
function project(): { root: string; roots: Roots } {
  const root = tempDir('mu-stuck-');
  writeTree(root, { 'src/a.ts': A, 'src/b.ts': 'b\n', 'personas/joel/state.db': 'db' });
  return { root, roots: { project: root } };
}
const editA = (r: Roots) => editOp(r, { source: 't' }, loc('project', 'src/a.ts'), A, [{ start: 17, end: 24, text: 'getUserId()' }]);
const journalLines = (root: string, id: string): string[] => fs.readFileSync(new StateDir(root).journalFile(id), 'utf8').trim().split('\n');
const temps = (root: string): string[] => Object.keys(snapshotTree(root)).filter((p) => p.includes('migrate-users-tmp'));

const MERGE = 'test-merge';
registerOperationKind({
  kind: MERGE,
  async apply(op, ctx) {
    fs.writeFileSync(ctx.abs((op.data as { target: { root: 'project'; path: string } }).target), 'merged');
  },
});

describe('stuck or misleading states', () => {
  it('a rollback killed right after removing a merged db: the next rollback finishes, no .bak, checked exact', async () => {
    const { root, roots } = project();
    const before = snapshotTree(root);
    const plan = await savedPlan(roots, (r) => [extensionOp(r, { source: 't' }, MERGE, { creates: [loc('project', 'data/longterm.db')], data: { target: loc('project', 'data/longterm.db') }, description: 'merge' })]);
    await applyPlan(root, plan.id);
    const mergeStep = plan.operations.findIndex((o) => o.kind === MERGE);
    // What the killed rollback got done: its start, the intent of the merge's undo, the removal.
    fs.appendFileSync(new StateDir(root).journalFile(plan.id), `${JSON.stringify({ t: 'rollback-start', at: 'x', pid: 1 })}\n${JSON.stringify({ t: 'undo-intent', i: mergeStep })}\n`);
    fs.rmSync(path.join(root, 'data/longterm.db'));
    const res = await rollbackPlan(root, plan.id);
    expect(res).toMatchObject({ outcome: 'rolled-back', skipped: [], differences: [], keptAside: [] });
    expect(snapshotTree(root)).toEqual(before);
  });

  it('a deleted journal/: rollback says the journal is missing (not "never applied"); --force undoes what the tree shows', async () => {
    const { root, roots } = project();
    const before = snapshotTree(root);
    const plan = await savedPlan(roots, (r) => [editA(r), moveOp(r, { source: 't' }, loc('project', 'personas/joel'), loc('project', 'users/joel'))]);
    await applyPlan(root, plan.id);
    fs.rmSync(new StateDir(root).journalsDir, { recursive: true });
    await expect(rollbackPlan(root, plan.id)).rejects.toThrow(
      new RegExp(`plan ${plan.id} has no journal \\(.migrate-users/journal/${plan.id}.jsonl is missing\\) but the tree shows its steps done .*run \`migrate-users rollback ${plan.id} --force\``),
    );
    const res = await rollbackPlan(root, plan.id, { force: true });
    expect(res.outcome).toBe('rolled-back');
    expect(snapshotTree(root)).toEqual(before);
  });

  it('a deleted backups/: rollback names the missing backup and leaves the file, no raw ENOENT', async () => {
    const { root, roots } = project();
    const plan = await savedPlan(roots, (r) => [editA(r)]);
    await applyPlan(root, plan.id);
    fs.rmSync(path.join(new StateDir(root).dir, 'backups'), { recursive: true });
    const r = runCli(['rollback', plan.id, '--root', root]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/the backup of src\/a.ts is missing \(.*backups.*\); src\/a.ts left as it is/);
    expect(r.stderr).not.toMatch(/ENOENT|internal error/);
    expect(fs.readFileSync(path.join(root, 'src/a.ts'), 'utf8')).toBe('export const a = getUserId();\n');
  });

  it('a held lock points at a command that exists; an interrupted rollback is advised to be finished by rollback', async () => {
    const { root, roots } = project();
    const plan = await savedPlan(roots, (r) => [editA(r)]);
    const state = new StateDir(root);
    fs.writeFileSync(state.lockFile, JSON.stringify({ pid: 1, host: 'build-box', command: 'apply x', startedAt: '2026-11-21T00:00:00Z' }));
    const held = runCli(['apply', plan.id, '--root', root]);
    expect(held.stderr).toContain(`run \`migrate-users apply ${plan.id} --force-unlock\``);
    expect(held.stderr).not.toContain('migrate-users unlock');
    fs.rmSync(state.lockFile);
    await applyPlan(root, plan.id);
    fs.appendFileSync(state.journalFile(plan.id), `${JSON.stringify({ t: 'rollback-start', at: 'x', pid: 1 })}\n`);
    const listed = runCli(['list', '--root', root]);
    expect(listed.stderr).toContain(`plan ${plan.id} was interrupted during rollback`);
    expect(listed.stderr).toContain(`run \`migrate-users rollback ${plan.id}\` to finish the rollback`);
    expect(listed.stderr).not.toContain(`migrate-users apply ${plan.id}`);
  });

  it('a mode-only change is named as such, with the chmod that puts it back', async () => {
    const { root, roots } = project();
    const plan = await savedPlan(roots, (r) => [editA(r)]);
    fs.chmodSync(path.join(root, 'src/a.ts'), 0o664);
    const r = runCli(['apply', plan.id, '--root', root]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`plan is stale: only the mode of src/a.ts changed (644 -> 664, same content) since plan ${plan.id}; \`chmod 644 src/a.ts\` puts it back`);
  });

  it('a temp file left by an edit killed mid-write is removed by resume', async () => {
    const { root, roots } = project();
    const plan = await savedPlan(roots, (r) => [editA(r)]);
    const state = new StateDir(root);
    state.ensure();
    fs.writeFileSync(state.journalFile(plan.id), `${JSON.stringify({ t: 'apply-start', at: 'x', pid: 1, resume: false })}\n${JSON.stringify({ t: 'intent', i: 0 })}\n`);
    fs.writeFileSync(path.join(root, 'src/.a.ts.migrate-users-tmp-0badf00d'), '');
    await applyPlan(root, plan.id);
    expect(temps(root)).toEqual([]);
    expect(fs.readFileSync(path.join(root, 'src/a.ts'), 'utf8')).toBe('export const a = getUserId();\n');
  });

  it('power loss: a done record lost after a later step moved the result on; resume recognises the step', async () => {
    const { root, roots } = project();
    const plan = await savedPlan(roots, (r) => [editA(r), moveOp(r, { source: 't' }, loc('project', 'src'), loc('project', 'lib'))]);
    await applyPlan(root, plan.id);
    const after = snapshotTree(root);
    // The disk kept the journal only up to the edit's durable intent record.
    const lines = journalLines(root, plan.id);
    const keep = lines.slice(0, lines.findIndex((l) => l === JSON.stringify({ t: 'intent', i: 0 })) + 1);
    fs.writeFileSync(new StateDir(root).journalFile(plan.id), `${keep.join('\n')}\n`);
    const res = await applyPlan(root, plan.id);
    expect(res.resumed).toBe(true);
    expect(snapshotTree(root)).toEqual(after);
    expect((await rollbackPlan(root, plan.id)).outcome).toBe('rolled-back');
  });
});

describe('SIGINT during apply', () => {
  it('finishes the step, journals it, exits 130 with how to resume or roll back; resume completes', async () => {
    const root = tempDir('mu-sigint-');
    const plan = await savedPlan({ project: root }, (r) => Array.from({ length: 4000 }, (_, i) => mkdirOp(r, { source: 't' }, loc('project', `d${i}`))));
    const journal = new StateDir(root).journalFile(plan.id);
    const child = spawn(process.execPath, [BIN, 'apply', plan.id, '--root', root], { env: { ...process.env, NO_COLOR: '1' } });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    while (!(fs.existsSync(journal) && fs.readFileSync(journal, 'utf8').includes('"t":"done"'))) await new Promise((r) => setTimeout(r, 5));
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(stderr).toMatch(new RegExp(`stopped by SIGINT after step \\d+/4000; nothing is lost: \`migrate-users apply ${plan.id}\` resumes, \`migrate-users rollback ${plan.id}\` undoes it`));
    const last = JSON.parse(journalLines(root, plan.id).at(-1)!) as { t: string };
    expect(last.t).toBe('done');
    const resumed = runCli(['apply', plan.id, '--root', root]);
    expect(resumed.status, resumed.stderr).toBe(0);
    expect(fs.readdirSync(root).filter((n) => n.startsWith('d'))).toHaveLength(4000);
  }, 120_000);
});


const hasScript = spawnSync('script', ['--version']).status === 0;

describe.runIf(hasScript)('Ctrl-C at a terminal', () => {
  it('gives the terminal back: the progress bar shows the cursor and turns line wrapping on again', async () => {
    const root = tempDir('mu-ctrlc-');
    const plan = await savedPlan({ project: root }, (r) => Array.from({ length: 4000 }, (_, i) => mkdirOp(r, { source: 't' }, loc('project', `d${i}`))));
    const journal = new StateDir(root).journalFile(plan.id);
    const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1' };
    delete env.CI;
    const child = spawn('script', ['-qec', `'${process.execPath}' '${BIN}' apply ${plan.id} --root '${root}'`, '/dev/null'], { env: env as NodeJS.ProcessEnv });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    while (!(fs.existsSync(journal) && fs.readFileSync(journal, 'utf8').includes('"t":"done"'))) await new Promise((r) => setTimeout(r, 5));
    child.stdin.write('\x03'); // what Ctrl-C sends: the terminal turns it into SIGINT
    expect(await exited).toBe(130);
    expect(out).toContain('stopped by SIGINT after step');
    const hidden = out.lastIndexOf('\x1b[?25l');
    expect(hidden).toBeGreaterThanOrEqual(0);
    expect(out.indexOf('\x1b[?25h', hidden)).toBeGreaterThan(hidden);
    expect(out.indexOf('\x1b[?7h', hidden)).toBeGreaterThan(hidden);
  }, 120_000);
});

describe('a cross-filesystem move killed mid-copy', () => {
  it('rollback resumes an undo killed mid-copy across filesystems: the temp beside the source goes, though no undo record was committed', async () => {
    const { root, roots } = project();
    const before = snapshotTree(root);
    const plan = await savedPlan(roots, (r) => [moveOp(r, { source: 't' }, loc('project', 'personas/joel'), loc('project', 'users/joel'))]);
    const moveStep = plan.operations.findIndex((o) => o.kind === 'move');
    await applyPlan(root, plan.id);
    // What a kill during the undo's copy leaves: its durable phase record, the uncommitted
    // undo-intent lost, and half a copy beside the source.
    const rest = [{ t: 'rollback-start', at: 'x', pid: 1 }, { t: 'phase', i: moveStep, phase: 'undo-copying' }];
    fs.appendFileSync(new StateDir(root).journalFile(plan.id), rest.map((r) => `${JSON.stringify(r)}\n`).join(''));
    writeTree(root, { 'personas/.joel.migrate-users-tmp-0badf00d/state.db': 'd' });
    setRenameForTesting(() => {
      throw Object.assign(new Error('EXDEV'), { code: 'EXDEV' });
    });
    try {
      expect((await rollbackPlan(root, plan.id)).outcome).toBe('rolled-back');
    } finally {
      setRenameForTesting(undefined);
    }
    expect(snapshotTree(root)).toEqual(before);
  });

  it('rollback removes the partial temp copy beside the destination, then the dir the plan made', async () => {
    const { root, roots } = project();
    const before = snapshotTree(root);
    const plan = await savedPlan(roots, (r) => [moveOp(r, { source: 't' }, loc('project', 'personas/joel'), loc('project', 'home/.lightrag_server'))]);
    const moveStep = plan.operations.findIndex((o) => o.kind === 'move');
    const state = new StateDir(root);
    state.ensure();
    const records = [{ t: 'apply-start', at: 'x', pid: 1, resume: false }, ...plan.operations.slice(0, moveStep).flatMap((_, i) => [{ t: 'intent', i }, { t: 'done', i, post: [] }]), { t: 'intent', i: moveStep }];
    fs.writeFileSync(state.journalFile(plan.id), records.map((r) => `${JSON.stringify(r)}\n`).join(''));
    // What the killed copy left: the dir the plan made, holding half a copy (with the env file).
    writeTree(root, { 'home/..lightrag_server.migrate-users-tmp-0badf00d/state.db': 'd' });
    const res = await rollbackPlan(root, plan.id);
    expect(res.outcome).toBe('rolled-back');
    expect(snapshotTree(root)).toEqual(before);
  });
});
