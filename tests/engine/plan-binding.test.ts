// A plan acts on the tree whose state dir holds it, and only as the file that was saved.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyPlan } from '../../plan/apply.js';
import { registerOperationKind } from '../../plan/kinds.js';
import { editOp, extensionOp, moveOp } from '../../plan/ops.js';
import { loc } from '../../plan/paths.js';
import { rollbackPlan } from '../../plan/rollback.js';
import { StateDir } from '../../plan/state-dir.js';
import type { ExtensionOp, Plan, Roots } from '../../plan/types.js';
import { runCli } from '../helpers/cli.js';
import { rewritePlan, savedPlan } from '../helpers/plans.js';
import { hashTree, snapshotTree, tempDir, writeTree } from '../helpers/tree.js';

function app(): { root: string; roots: Roots } {
  const parent = tempDir('mu-bind-');
  const root = path.join(parent, 'app');
  writeTree(root, { 'src/a.ts': 'export const a = USER_ID;\n', 'personas/joel/state.db': 'db', 'system/keep.txt': 'keep' });
  return { root, roots: { project: root } };
}

const ops = (roots: Roots) => [
  editOp(roots, { source: 't' }, loc('project', 'src/a.ts'), 'export const a = USER_ID;\n', [{ start: 17, end: 24, text: 'getUserId()' }]),
  moveOp(roots, { source: 't' }, loc('project', 'personas/joel'), loc('project', 'users/joel')),
];

describe('a plan acts on the project root it is run against', () => {
  it('a checkout copied with its state dir: apply migrates the copy, says so, and leaves the original alone', async () => {
    const { root, roots } = app();
    const plan = await savedPlan(roots, ops);
    const copy = `${root}-copy`;
    execFileSync('cp', ['-a', root, copy]);
    const original = hashTree(root, { includeState: true });
    const r = runCli(['apply', plan.id, '--root', copy]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain(`plan ${plan.id} was made for ${root}; it acts on this tree, ${copy}`);
    expect(hashTree(root, { includeState: true })).toBe(original);
    expect(fs.readFileSync(path.join(copy, 'src/a.ts'), 'utf8')).toBe('export const a = getUserId();\n');
    expect(fs.existsSync(path.join(copy, 'users/joel/state.db'))).toBe(true);
    expect(runCli(['rollback', plan.id, '--root', copy]).status).toBe(0);
    expect(snapshotTree(copy)).toEqual(snapshotTree(root));
  });

  it('an edited roots.project (checksum re-recorded) still acts only inside the tree that holds the plan', async () => {
    const { root, roots } = app();
    const elsewhere = tempDir('mu-elsewhere-');
    writeTree(elsewhere, { 'src/a.ts': 'export const a = USER_ID;\n', 'personas/joel/state.db': 'db' });
    const plan = await savedPlan(roots, ops);
    rewritePlan(root, plan.id, (p) => void (p.roots.project = elsewhere), { recordChecksum: true });
    const outside = hashTree(elsewhere);
    await applyPlan(root, plan.id);
    expect(hashTree(elsewhere)).toBe(outside);
    expect(fs.existsSync(path.join(root, 'users/joel/state.db'))).toBe(true);
  });
});

describe('plan files are integrity-checked', () => {
  it('an edited plan is refused as such and nothing changes', async () => {
    const { root, roots } = app();
    const plan = await savedPlan(roots, ops);
    rewritePlan(root, plan.id, (p) => void ((p.operations.find((o) => o.kind === 'move') as { to: { path: string } }).to.path = 'system'), { recordChecksum: false });
    const before = hashTree(root);
    const r = runCli(['apply', plan.id, '--root', root]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`plan ${plan.id} was changed or damaged after it was saved .*does not match its checksum.*run \`migrate-users plan\` again`));
    expect(hashTree(root)).toBe(before);
  });

  it('a truncated plan file is named by `list`, which still lists the other plans', async () => {
    const { root, roots } = app();
    const good = await savedPlan(roots, ops);
    const bad = await savedPlan(roots, (r) => [moveOp(r, { source: 't' }, loc('project', 'system'), loc('project', 'sys2'))]);
    const file = new StateDir(root).planFile(bad.id);
    fs.truncateSync(file, 100);
    const r = runCli(['list', '--root', root]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(good.id);
    expect(r.stdout).toMatch(new RegExp(`${bad.id}.*damaged`));
    expect(r.stderr).toContain(`plan ${bad.id} cannot be used: plan ${bad.id} was changed or damaged`);
  });
});

describe('every path is validated before step one', () => {
  const MARK = 'test-mark';
  registerOperationKind({
    kind: MARK,
    async apply(op, ctx) {
      const data = op.data as { target: { root: 'project'; path: string } };
      fs.writeFileSync(ctx.abs(data.target), 'marked');
    },
  });
  const markOp = (roots: Roots): ExtensionOp =>
    extensionOp(roots, { source: 't' }, MARK, { creates: [loc('project', 'out/mark.txt')], data: { target: loc('project', 'out/mark.txt') }, description: 'mark' });

  it('a `creates` naming an existing dir is refused at apply, and rollback never deletes it', async () => {
    const { root, roots } = app();
    const plan = await savedPlan(roots, (r) => [markOp(r)]);
    await applyPlan(root, plan.id);
    const tampered = (p: Plan) => {
      const op = p.operations.find((o) => o.kind === MARK) as ExtensionOp;
      op.creates = [loc('project', 'system')];
      op.pre.push({ loc: loc('project', 'system'), expect: { type: 'absent' } });
    };
    rewritePlan(root, plan.id, tampered, { recordChecksum: true });
    const res = await rollbackPlan(root, plan.id);
    expect(res.outcome).toBe('incomplete');
    expect(res.skipped.join()).toMatch(/system changed after apply/);
    expect(fs.readFileSync(path.join(root, 'system/keep.txt'), 'utf8')).toBe('keep');

    const fresh = app();
    const p2 = await savedPlan(fresh.roots, (r) => [markOp(r)]);
    rewritePlan(fresh.root, p2.id, (p) => {
      const op = p.operations.find((o) => o.kind === MARK) as ExtensionOp;
      op.creates = [loc('project', 'system')];
      op.pre = [{ loc: loc('project', 'system'), expect: { type: 'dir', mode: 0o755, entries: 1, bytes: 4, digest: 'x', shape: 'x' } }];
    }, { recordChecksum: true });
    await expect(applyPlan(fresh.root, p2.id)).rejects.toThrow(/system is created by the plan but was not seen absent/);
    expect(fs.readFileSync(path.join(fresh.root, 'system/keep.txt'), 'utf8')).toBe('keep');
  });

  it("an extension step's own target through an in-tree symlink to outside is refused; nothing is written outside", async () => {
    const { root, roots } = app();
    const outside = tempDir('mu-outside-');
    const plan = await savedPlan(roots, (r) => [markOp(r)]);
    fs.symlinkSync(outside, path.join(root, 'link'));
    rewritePlan(root, plan.id, (p) => {
      const op = p.operations.find((o) => o.kind === MARK) as ExtensionOp;
      (op.data as { target: unknown }).target = loc('project', 'link/owned.txt');
    }, { recordChecksum: true });
    await expect(applyPlan(root, plan.id)).rejects.toThrow(/uses link\/owned.txt, which the plan does not declare/);
    expect(fs.readdirSync(outside)).toEqual([]);
  });
});
