// `rollback --force` keeps a file changed after apply as a .bak beside the restored original,
// and names every such file, also those an earlier, interrupted forced rollback kept.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { applyPlan } from '../../plan/apply.js';
import { editOp, writeOp } from '../../plan/ops.js';
import { loc } from '../../plan/paths.js';
import { rollbackPlan } from '../../plan/rollback.js';
import { runCliAsync } from '../helpers/cli.js';
import { savedPlan } from '../helpers/plans.js';
import { tempDir, writeTree } from '../helpers/tree.js';
import type { Roots } from '../../plan/types.js';

const roots: string[] = [];
afterEach(() => {
  for (const r of roots.splice(0)) fs.rmSync(r, { recursive: true, force: true });
});

const A = 'export const id = USER_ID;\n';
const ops = (r: Roots) => [
  editOp(r, { source: 't' }, loc('project', 'src/a.ts'), A, [{ start: 17, end: 24, text: 'getUserId()' }]),
  writeOp(r, { source: 't' }, loc('project', 'src/new.ts'), 'export {};\n'),
];

describe('files kept aside by a forced rollback', () => {
  it('are named, and only they', async () => {
    const root = tempDir('mu-aside-');
    roots.push(root);
    writeTree(root, { 'src/a.ts': A, 'src/b.ts': 'b\n' });
    const plan = await savedPlan({ project: root }, ops);
    await applyPlan(root, plan.id);
    fs.appendFileSync(path.join(root, 'src/a.ts'), '// my change\n');
    const res = await rollbackPlan(root, plan.id, { force: true });
    expect(res.outcome).toBe('rolled-back');
    expect(res.keptAside).toEqual([`src/a.ts.migrate-users-${plan.id}.bak`]);
    expect(fs.readFileSync(path.join(root, `src/a.ts.migrate-users-${plan.id}.bak`), 'utf8')).toContain('// my change');
    expect(fs.readFileSync(path.join(root, 'src/a.ts'), 'utf8')).toBe(A);
  });

  it('are still named by the rollback that finishes one killed after it kept a file aside', async () => {
    const root = tempDir('mu-aside-');
    roots.push(root);
    writeTree(root, { 'src/a.ts': A });
    const plan = await savedPlan({ project: root }, ops);
    await applyPlan(root, plan.id);
    fs.appendFileSync(path.join(root, 'src/a.ts'), '// my change\n');
    fs.writeFileSync(path.join(root, 'src/new.ts'), 'changed too\n');
    // Records: rollback-start, the write's undo intent, its kept-aside phase, undone (lost with the kill).
    const killed = await runCliAsync(['rollback', plan.id, '--force', '--root', root], { env: { MIGRATE_USERS_TEST_KILL_AFTER_STEP: '4' } });
    expect(killed.signal).toBe('SIGKILL');
    expect(fs.existsSync(path.join(root, `src/new.ts.migrate-users-${plan.id}.bak`))).toBe(true);
    const done = await runCliAsync(['rollback', plan.id, '--force', '--json', '--root', root]);
    expect(done.status, done.stderr).toBe(0);
    const res = JSON.parse(done.stdout) as { outcome: string; keptAside: string[] };
    expect(res.outcome).toBe('rolled-back');
    expect(res.keptAside.sort()).toEqual([`src/a.ts.migrate-users-${plan.id}.bak`, `src/new.ts.migrate-users-${plan.id}.bak`]);
  }, 60_000);
});
