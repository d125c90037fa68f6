// A plan process that dies after renaming its operations file into place but before writing its
// plan file leaves `<id>.ops.jsonl` (and maybe `<id>.sha256`) with no `<id>.json`: no plan, never
// listed. The next `plan` removes them, but not while another plan is staging (it may be between
// those two writes), and never the files of a saved plan.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { editOp } from '../../plan/ops.js';
import { loc } from '../../plan/paths.js';
import { StateDir } from '../../plan/state-dir.js';
import { listPlanIds, loadPlan, planToStore } from '../../plan/store.js';
import type { OperationSource, Roots } from '../../plan/types.js';
import { tempDir, writeTree } from '../helpers/tree.js';

const temps: string[] = [];
afterAll(() => temps.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function editing(roots: Roots, file: string, text: string): OperationSource {
  return {
    name: 'orphan-test',
    category: 'code',
    async plan(ctx) {
      ctx.emit(editOp(roots, { source: 'orphan-test' }, loc('project', file), 'a\n', [{ start: 0, end: 1, text }]));
      return { operations: [], warnings: [], errors: [] };
    },
  };
}

it('the next plan removes the operations file and checksum of a plan that has no plan file, once no other plan is staging', async () => {
  const root = tempDir('mu-orphan-');
  temps.push(root);
  writeTree(root, { 'a.txt': 'a\n', 'b.txt': 'a\n', 'c.txt': 'a\n' });
  const roots: Roots = { project: root };
  const state = new StateDir(root);

  // The crash: a saved plan's files as they are between the rename and the plan-file write.
  const crashed = (await planToStore(state, { roots, sources: [editing(roots, 'a.txt', 'A')] })).plan.id;
  fs.rmSync(state.planFile(crashed));
  expect(listPlanIds(state)).toEqual([]);

  // Another plan is staging (its process is alive): it may be between the two writes, so nothing goes.
  const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
  const otherStaging = path.join(state.plansDir, `.staging-${other.pid}-0a0b0c0d`);
  fs.mkdirSync(otherStaging);
  let kept: string;
  try {
    kept = (await planToStore(state, { roots, sources: [editing(roots, 'b.txt', 'B')] })).plan.id;
    expect(listPlanIds(state)).toEqual([kept]);
    expect(fs.existsSync(state.planOpsFile(crashed))).toBe(true);
    expect(fs.existsSync(state.planDigestFile(crashed))).toBe(true);
  } finally {
    other.kill('SIGKILL');
    await new Promise((resolve) => other.once('exit', resolve));
  }
  // Once that process is gone, the next plan clears its staging dir and the orphan.
  const next = (await planToStore(state, { roots, sources: [editing(roots, 'c.txt', 'D')] })).plan.id;
  expect(fs.existsSync(otherStaging)).toBe(false);
  expect(fs.existsSync(state.planOpsFile(crashed))).toBe(false);
  expect(fs.existsSync(state.planDigestFile(crashed))).toBe(false);
  // Every saved plan is whole and loads.
  expect(listPlanIds(state)).toEqual([kept, next].sort());
  for (const id of [kept, next]) expect(loadPlan(state, id).operations.length).toBe(1);
  expect(fs.readdirSync(state.plansDir).filter((n) => !listPlanIds(state).some((id) => n.startsWith(id)))).toEqual([]);
});
