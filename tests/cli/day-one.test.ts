// What a team meets on day one: commands run from any folder of the project, `plan` output that
// pipes, ids that name one plan, identical plans not piling up, and plans that can be removed.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../plan/build.js';
import { mkdirOp } from '../../plan/ops.js';
import { loc } from '../../plan/paths.js';
import { StateDir } from '../../plan/state-dir.js';
import { listPlanIds, savePlan } from '../../plan/store.js';
import { REPO, runCli } from '../helpers/cli.js';
import { inlineSource } from '../helpers/sources.js';
import { snapshotTree, tempDir, writeTree } from '../helpers/tree.js';

/** The TypeScript sample as a checkout: a package.json at the top, code below. */
function tsProject(): string {
  const root = tempDir('mu-day-one-');
  fs.cpSync(path.join(REPO, 'fixtures/ts-app'), root, { recursive: true });
  return root;
}

const SAVED = /Saved plan (\d{8}-\d{6}-([0-9a-f]{6}))\./;

describe('from any folder of the project', () => {
  it('plan, list, apply --dry-run, apply, rollback, lint and doctor find the root as git and ESLint do', () => {
    const root = tsProject();
    const sub = path.join(root, 'src/services');
    const before = snapshotTree(root);
    const planned = runCli(['plan', '--only', 'code'], { cwd: sub });
    expect(planned.status, planned.stderr).toBe(0);
    expect(planned.stderr).toBe(`project root: ${root} (nearest folder with package.json; pass --root to choose another)\n`);
    const id = SAVED.exec(planned.stdout)![1]!;
    expect(fs.existsSync(new StateDir(root).planFile(id))).toBe(true);
    expect(fs.existsSync(path.join(sub, '.migrate-users'))).toBe(false);

    expect(runCli(['list'], { cwd: sub }).stdout).toContain(id);
    expect(runCli(['apply', '--dry-run', id], { cwd: sub }).stdout).toContain('diff --git a/src/config/settings.ts');
    expect(runCli(['apply', id], { cwd: sub }).status).toBe(0);
    expect(fs.readFileSync(path.join(root, 'src/config/settings.ts'), 'utf8')).toContain('export function getUserId()');
    const linted = runCli(['lint', '--format', 'json'], { cwd: sub });
    expect((JSON.parse(linted.stdout) as { filesLinted?: number; findings: unknown[] }).findings).toBeDefined();
    const doctor = runCli(['doctor', '--json'], { cwd: sub });
    expect(JSON.parse(doctor.stdout)).toMatchObject({ findings: expect.arrayContaining([expect.objectContaining({ check: 'plans' })]) });
    expect(runCli(['rollback', id], { cwd: sub }).status).toBe(0);
    expect(snapshotTree(root)).toEqual(before);
  });

  it('takes the nearest marker: a Python package inside a git checkout is its own root', () => {
    const repo = tempDir('mu-day-one-');
    writeTree(repo, { '.git/HEAD': 'ref: refs/heads/main\n', 'tools/agent/pyproject.toml': '[project]\nname = "agent"\n', 'tools/agent/src/app.py': 'x = 1\n' });
    const r = runCli(['list'], { cwd: path.join(repo, 'tools/agent/src') });
    expect(r.stderr).toContain(`project root: ${path.join(repo, 'tools/agent')} (nearest folder with pyproject.toml`);
    const top = runCli(['list'], { cwd: path.join(repo, 'tools') });
    expect(top.stderr).toContain(`project root: ${repo} (nearest folder with .git`);
    // Run at the root itself, there is nothing to announce.
    expect(runCli(['list'], { cwd: repo }).stderr).not.toContain('project root');
  });

  it('plan PATHS are relative to the current folder and take the settings module the edited files need', () => {
    const root = tsProject();
    const r = runCli(['plan', 'services', '--only', 'code', '--json'], { cwd: path.join(root, 'src') });
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { summary: { filesEdited: number }; infos: Array<{ file: string; code: string }>; planId: string };
    expect(out.infos).toEqual([expect.objectContaining({ file: 'src/config/settings.ts', code: 'provider-outside-paths' })]);
    const dry = runCli(['apply', '--dry-run', out.planId, '--root', root]).stdout;
    expect(dry.match(/^diff --git a\/(\S+)/gm)).toEqual(['diff --git a/src/config/settings.ts', 'diff --git a/src/services/profile.ts', 'diff --git a/src/services/session.ts']);
    const missing = runCli(['plan', 'nope'], { cwd: path.join(root, 'src') });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain(`nope is not a file or folder of the project ${root} (paths are relative to the current folder, ${path.join(root, 'src')}, or to the project root)`);
  });
});

describe('plan output', () => {
  it('the summary, warnings and the id go to stdout; --quiet prints the id alone', () => {
    const root = tsProject();
    const r = runCli(['plan', '--only', 'code', '--root', root]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^Plan \d{8}-\d{6}-[0-9a-f]{6} {2}profile generic\n {2}project /);
    expect(r.stdout).toContain('9 operations: 9 edit');
    expect(r.stdout).toContain('warning src/storage/paths.ts:5:59: getUserId() at module level');
    expect(r.stdout).toMatch(SAVED);

    const other = tsProject();
    const quiet = runCli(['plan', '--only', 'code', '--quiet', '--root', other]);
    expect(quiet.stdout).toMatch(/^\d{8}-\d{6}-[0-9a-f]{6}\n$/);
    expect(quiet.stderr).toBe('');
    expect(listPlanIds(new StateDir(other))).toEqual([quiet.stdout.trim()]);
  });

  it('one operation is "1 operation"; the home root is named in the header and shown as $HOME in the lines', () => {
    const root = tempDir('mu-day-one-');
    const home = tempDir('mu-day-one-home-');
    writeTree(root, { 'env.userid': 'USER_ID=alice\n' });
    const r = runCli(['plan', '--profile', 'persag', '--only', 'fs', '--home', home, '--root', root]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain(`  home    ${home}  ($HOME in the lines below)`);
    expect(r.stdout).toMatch(/move env\.userid -> \$HOME\/\.persag\/env\.userid/);
    expect(r.stdout).not.toContain('~home');
    const one = tsProject();
    fs.writeFileSync(path.join(one, 'src/app.ts'), '');
    for (const f of ['services/profile.ts', 'services/session.ts', 'storage/paths.ts', 'ui/Badge.tsx', 'util/context.ts', 'legacy/user-file.cjs', 'config/index.ts']) fs.rmSync(path.join(one, 'src', f));
    expect(runCli(['plan', '--only', 'code', '--root', one]).stdout).toContain('  1 operation: 1 edit');
  });
});

describe('plan ids', () => {
  it('an unchanged tree reuses the saved plan; after apply and rollback a new plan gets its own id, and its last part names it', () => {
    const root = tsProject();
    const first = SAVED.exec(runCli(['plan', '--only', 'code', '--root', root]).stdout)!;
    const again = runCli(['plan', '--only', 'code', '--root', root]);
    expect(again.stdout).toContain(`Same as plan ${first[1]} (made `);
    expect(again.stdout).toContain('reusing it, nothing new saved');
    expect(JSON.parse(runCli(['plan', '--only', 'code', '--json', '--root', root]).stdout)).toMatchObject({ planId: first[1], reused: true });
    expect(listPlanIds(new StateDir(root))).toEqual([first[1]]);

    expect(runCli(['apply', first[2]!, '--root', root]).status).toBe(0); // the last part alone
    expect(runCli(['rollback', first[2]!, '--root', root]).status).toBe(0);
    const second = SAVED.exec(runCli(['plan', '--only', 'code', '--root', root]).stdout)!;
    expect(second[1]).not.toBe(first[1]);
    expect(second[2]).not.toBe(first[2]);
    expect(runCli(['apply', '--dry-run', second[2]!, '--root', root]).stdout).toContain('diff --git');
  });

  it('two plans of one tree made in the same second still get different ids', async () => {
    const root = tempDir('mu-day-one-');
    const now = new Date('2026-11-21T23:15:02Z');
    const source = inlineSource((ctx) => [mkdirOp(ctx.roots, { source: 't' }, loc('project', 'users'))]);
    const [a, b] = await Promise.all([buildPlan({ roots: { project: root }, sources: [source], now }), buildPlan({ roots: { project: root }, sources: [source], now })]);
    expect(a!.id.slice(0, 15)).toBe(b!.id.slice(0, 15));
    expect(a!.id).not.toBe(b!.id);
  });
});

describe('apply and rollback without a plan id', () => {
  it.each(['apply', 'rollback'])('%s says what it needs in the same words', (cmd) => {
    const r = runCli([cmd, '--root', tempDir('mu-day-one-')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^migrate-users: ${cmd} needs a PLAN_ID \\(\`migrate-users list\` shows them\\)`));
  });
});

describe('plans rm', () => {
  const DAY = 86_400_000;

  async function savedAt(root: string, daysAgo: number, dir: string): Promise<string> {
    const source = inlineSource((ctx) => [mkdirOp(ctx.roots, { source: 't' }, loc('project', dir))]);
    const plan = await buildPlan({ roots: { project: root }, sources: [source], now: new Date(Date.now() - daysAgo * DAY) });
    savePlan(new StateDir(root), plan);
    return plan.id;
  }

  it('removes plans never applied or rolled back; an applied plan only when told, saying its rollback goes', async () => {
    const root = tempDir('mu-day-one-');
    const state = new StateDir(root);
    const fresh = await savedAt(root, 0, 'a');
    const old = await savedAt(root, 40, 'b');
    const oldApplied = await savedAt(root, 41, 'c');
    const oldRolledBack = await savedAt(root, 42, 'd');
    for (const id of [oldApplied, oldRolledBack]) expect(runCli(['apply', id, '--root', root]).status).toBe(0);
    expect(runCli(['rollback', oldRolledBack, '--root', root]).status).toBe(0);

    const byAge = runCli(['plans', 'rm', '--older-than', '30d', '--root', root]);
    expect(byAge.status, byAge.stderr).toBe(0);
    expect(byAge.stdout.split('\n').filter(Boolean).sort()).toEqual([`removed ${oldRolledBack} (rolled-back)`, `removed ${old} (planned)`].sort());
    expect(byAge.stderr).toContain(`kept ${oldApplied} (applied; its rollback is still possible: add --applied to remove it)`);
    expect(listPlanIds(state)).toEqual([oldApplied, fresh].sort());
    expect(fs.existsSync(state.journalFile(oldRolledBack))).toBe(false);
    expect(fs.existsSync(state.backupDir(oldRolledBack))).toBe(false);

    const refused = runCli(['plans', 'rm', oldApplied, '--root', root]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain(`kept ${oldApplied} (applied; its rollback is still possible: add --force to remove it anyway)`);
    expect(listPlanIds(state)).toContain(oldApplied);

    const applied = runCli(['plans', 'rm', '--applied', '--json', '--root', root]);
    expect(JSON.parse(applied.stdout)).toEqual({ removed: [{ id: oldApplied, state: 'applied' }], kept: [] });
    expect(fs.existsSync(state.backupDir(oldApplied))).toBe(false);
    expect(fs.existsSync(path.join(root, 'c'))).toBe(true); // the applied change itself stays

    expect(runCli(['plans', 'rm', fresh.slice(-6), '--root', root]).stdout).toBe(`removed ${fresh} (planned)\n`);
    expect(listPlanIds(state)).toEqual([]);
  });

  it.each([
    [['plans', 'rm'], /plans rm needs plan ids, --applied or --older-than/],
    [['plans', 'rm', '--older-than', 'soon'], /--older-than takes a number and a unit: m, h, d or w \(e\.g\. 30d\), got "soon"/],
    [['plans', 'rm', 'x', '--applied'], /give plan ids or --applied\/--older-than, not both/],
    [['plans', 'rm', 'nope'], /no plan nope/],
  ])('usage error %j exits 2', (args, message) => {
    const r = runCli([...args, '--root', tempDir('mu-day-one-')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
  });
});

describe('doctor', () => {
  it('--profile names every profile it takes, auto included', () => {
    const r = runCli(['doctor', '--profile', 'generic', '--root', tempDir('mu-day-one-')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('doctor --profile takes auto, continuum, persag (got "generic")');
  });
});
