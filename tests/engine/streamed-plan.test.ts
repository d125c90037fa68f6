// A plan's operations go to its store as the sources produce them and are read back from there:
// the store is written while planning runs, an interrupted plan leaves no plan, and a damaged
// or cut-short operations file is refused before any step.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { editOp, moveOp } from '../../plan/ops.js';
import { loc } from '../../plan/paths.js';
import { StateDir } from '../../plan/state-dir.js';
import { listPlanIds, planToStore } from '../../plan/store.js';
import type { OperationSource, Roots } from '../../plan/types.js';
import { REPO, runCli } from '../helpers/cli.js';
import { savedPlan } from '../helpers/plans.js';
import { hashTree, snapshotTree, tempDir, writeTree } from '../helpers/tree.js';

const temps: string[] = [];
afterAll(() => {
  for (const d of temps) fs.rmSync(d, { recursive: true, force: true });
});

const FILES = 1000;
/** Fewer for the end-to-end run: each CLI step parses them again. */
const EDITED_BY_CLI = 30;
const body = (n: number): string => `// module ${n}\n${'export const filler = 1;\n'.repeat(40)}export const id${n} = USER_ID;\n`;

function project(): { root: string; roots: Roots } {
  const root = tempDir('mu-stream-');
  temps.push(root);
  const spec: Record<string, string> = { 'personas/joel/state.db': 'db' };
  for (let n = 0; n < FILES; n++) spec[`src/m${n}.ts`] = body(n);
  writeTree(root, spec);
  return { root, roots: { project: root } };
}

function editOf(roots: Roots, n: number) {
  const text = body(n);
  const at = text.lastIndexOf('USER_ID');
  return editOp(roots, { source: 'stream-test' }, loc('project', `src/m${n}.ts`), text, [{ start: at, end: at + 'USER_ID'.length, text: 'getUserId()' }]);
}

/** Bytes in the plan's work dir (where sources' operations are spooled) right now. */
function stagedBytes(root: string): number {
  const plans = new StateDir(root).plansDir;
  let total = 0;
  for (const d of fs.readdirSync(plans).filter((n) => n.startsWith('.staging-'))) {
    for (const f of fs.readdirSync(path.join(plans, d))) total += fs.statSync(path.join(plans, d, f)).size;
  }
  return total;
}

describe('streamed plans', () => {
  it('writes operations to the plan store while the source is still producing them', async () => {
    const { root, roots } = project();
    const onDisk: number[] = [];
    const source: OperationSource = {
      name: 'stream-test',
      category: 'code',
      async plan(ctx) {
        for (let n = 0; n < FILES; n++) {
          ctx.emit(editOf(roots, n));
          if (n % 250 === 0 || n === FILES - 1) onDisk.push(stagedBytes(root));
        }
        return { operations: [], warnings: [], errors: [] };
      },
    };
    const { plan, reused } = await planToStore(new StateDir(root), { roots, sources: [source] });
    expect(reused).toBe(false);
    // Edits reach the disk in batches as they come, not when the source is done.
    expect(onDisk[0]).toBe(0);
    expect(onDisk.at(-1)).toBeGreaterThan(0);
    expect(plan.operations.length).toBe(FILES);
    expect((plan.operations.at(FILES - 1) as { path: { path: string } }).path.path).toBe(`src/m${FILES - 1}.ts`);
    expect(fs.readdirSync(new StateDir(root).plansDir).filter((n) => n.startsWith('.'))).toEqual([]);
  });

  it('a plan killed while its sources run leaves no plan, and the next plan clears what it left', async () => {
    const { root } = project();
    // A source that emits every edit, then dies as a power cut or OOM kill would, mid-plan.
    const script = path.join(root, 'dies.mjs');
    fs.writeFileSync(
      script,
      `import fs from 'node:fs';
      const { planToStore } = await import(${JSON.stringify(path.join(REPO, 'dist/plan/store.js'))});
      const { StateDir } = await import(${JSON.stringify(path.join(REPO, 'dist/plan/state-dir.js'))});
      const { editOp } = await import(${JSON.stringify(path.join(REPO, 'dist/plan/ops.js'))});
      const root = ${JSON.stringify(root)};
      const roots = { project: root };
      const source = { name: 'dies', category: 'code', async plan(ctx) {
        for (let n = 0; n < ${FILES}; n++) {
          const file = 'src/m' + n + '.ts';
          const text = fs.readFileSync(root + '/' + file, 'utf8');
          const at = text.lastIndexOf('USER_ID');
          ctx.emit(editOp(roots, { source: 'dies' }, { root: 'project', path: file }, text, [{ start: at, end: at + 7, text: 'getUserId()' }]));
        }
        process.kill(process.pid, 'SIGKILL');
      } };
      await planToStore(new StateDir(root), { roots, sources: [source] });\n`,
    );
    const killed = spawnSync(process.execPath, [script], { encoding: 'utf8' });
    fs.rmSync(script);
    expect(killed.signal, killed.stderr).toBe('SIGKILL');
    const state = new StateDir(root);
    expect(stagedBytes(root)).toBeGreaterThan(0); // it had written operations...
    expect(listPlanIds(state)).toEqual([]); // ...but no plan exists
    const list = runCli(['list', '--root', root]);
    expect(list.status).toBe(0);
    expect(list.stderr).toContain('no plans yet');
    await planToStore(state, { roots: { project: root }, sources: [] });
    expect(fs.readdirSync(state.plansDir)).toEqual([]);
  });

  it('a cut-short operations file is refused before any step, and `list` names the plan damaged', async () => {
    const { root, roots } = project();
    const plan = await savedPlan(roots, (r) => [...Array.from({ length: 20 }, (_, n) => editOf(r, n)), moveOp(r, { source: 't' }, loc('project', 'personas/joel'), loc('project', 'users/joel'))]);
    const opsFile = new StateDir(root).planOpsFile(plan.id);
    const lines = fs.readFileSync(opsFile, 'utf8').split('\n');
    // Whole lines missing at the end: every remaining line still parses.
    fs.writeFileSync(opsFile, `${lines.slice(0, 10).join('\n')}\n`);
    const before = hashTree(root);
    const r = runCli(['apply', plan.id, '--root', root]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`plan ${plan.id} was changed or damaged after it was saved \\(.*${plan.id}\\.ops\\.jsonl does not match its checksum\\)`));
    expect(hashTree(root)).toBe(before);
    expect(runCli(['list', '--root', root]).stdout).toMatch(new RegExp(`${plan.id}.*damaged`));
    fs.rmSync(opsFile);
    const gone = runCli(['apply', '--dry-run', plan.id, '--root', root]);
    expect(gone.status).toBe(1);
    expect(gone.stderr).toContain(`plan ${plan.id} has lost its operations`);
  });

  it('a plan made by `plan` is reviewed, applied and rolled back by fresh processes, byte for byte', () => {
    const root = tempDir('mu-stream-cli-');
    temps.push(root);
    const spec: Record<string, string> = { 'src/config/settings.ts': "export const USER_ID = process.env.USER_ID ?? 'default';\n" };
    for (let n = 0; n < EDITED_BY_CLI; n++) spec[`src/m${n}.ts`] = `import { USER_ID } from './config/settings';\n${body(n)}`;
    writeTree(root, spec);
    const before = snapshotTree(root);
    const planned = runCli(['plan', '--root', root, '--profile', 'generic', '--only', 'code', '--json']);
    expect(planned.status, planned.stderr).toBe(0);
    const { planId, summary } = JSON.parse(planned.stdout) as { planId: string; summary: { byKind: Record<string, number> } };
    expect(summary.byKind.edit).toBe(EDITED_BY_CLI + 1);
    const review = runCli(['apply', '--dry-run', planId, '--root', root]);
    expect(review.status, review.stderr).toBe(0);
    expect(review.stdout.match(/^diff --git /gm)?.length).toBe(EDITED_BY_CLI + 1);
    expect(review.stdout).toContain(`+export const id${EDITED_BY_CLI - 1} = getUserId();`);
    const applied = runCli(['apply', planId, '--root', root]);
    expect(applied.status, applied.stderr).toBe(0);
    expect(fs.readFileSync(path.join(root, 'src/m7.ts'), 'utf8')).toContain('export const id7 = getUserId();');
    const rolled = runCli(['rollback', planId, '--root', root]);
    expect(rolled.status, rolled.stderr).toBe(0);
    expect(snapshotTree(root)).toEqual(before);
  }, 180_000); // four CLI runs in a row
});
