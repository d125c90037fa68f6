import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { editOp, mkdirOp, moveOp } from '../../plan/ops.js';
import { loc } from '../../plan/paths.js';
import { StateDir } from '../../plan/state-dir.js';
import { BIN, runCli } from '../helpers/cli.js';
import { savedPlan } from '../helpers/plans.js';
import { snapshotTree, tempDir, writeTree } from '../helpers/tree.js';
import type { Roots } from '../../plan/types.js';

const ops = (roots: Roots) => [
  editOp(roots, { source: 'demo' }, loc('project', 'src/a.ts'), 'const a = USER_ID;\n', [{ start: 10, end: 17, text: 'getUserId()' }]),
  mkdirOp(roots, { source: 'demo' }, loc('project', 'users')),
  moveOp(roots, { source: 'demo', group: 'joel' }, loc('project', 'personas/joel'), loc('project', 'users/joel')),
];

function project(): { root: string; roots: Roots } {
  const root = tempDir();
  writeTree(root, { 'src/a.ts': 'const a = USER_ID;\n', 'personas/joel/state.db': 'db' });
  return { root, roots: { project: root } };
}

describe('the binary, run like a user', () => {
  it.each(['plan', 'apply', 'rollback', 'list'])('`%s --help` shows an example and exits 0', (cmd) => {
    const r = runCli([cmd, '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Examples?:\n\s+\$ migrate-users /);
    expect(r.stderr).toBe('');
  });

  it('--help loads no parser: the TypeScript compiler, tree-sitter and YAML stay unloaded until a command needs them', () => {
    const r = runCli(['--help'], { env: { NODE_DEBUG: 'module' } });
    expect(r.status).toBe(0);
    expect(r.stderr).not.toMatch(/node_modules\/(typescript|web-tree-sitter|yaml|sql\.js|jscodeshift)\//);
    // lint loads the compiler for the first file that passes the prefilters, not before.
    const empty = runCli(['lint', '--root', tempDir()], { env: { NODE_DEBUG: 'module' } });
    expect(empty.stderr).not.toMatch(/node_modules\/typescript\//);
    const root = tempDir();
    fs.writeFileSync(path.join(root, 'a.ts'), "import { USER_ID } from './settings';\nexport const who = USER_ID;\n");
    const lint = runCli(['lint', '--root', root], { env: { NODE_DEBUG: 'module' } });
    expect(lint.stderr).toMatch(/node_modules\/typescript\//); // the probe does see loads when they happen
  });

  it('a command loads its own module only, and gets its options, help and exit codes as when all are loaded', () => {
    // ESM loads show in no NODE_DEBUG: a loader hook names each module loaded.
    const hooks = path.join(tempDir(), 'hooks.mjs');
    fs.writeFileSync(hooks, "export async function load(url, context, next) { process._rawDebug('LOADED ' + url); return next(url, context); }\n");
    const probe = `data:text/javascript,import { register } from 'node:module'; register(${JSON.stringify(pathToFileURL(hooks).href)});`;
    const loaded = (args: string[]) => {
      const r = spawnSync(process.execPath, ['--import', probe, BIN, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
      return [...r.stderr.matchAll(/LOADED \S*\/dist\/bin\/commands\/(\w+)\.js/g)].map((m) => m[1]);
    };
    const root = tempDir();
    expect(new Set(loaded(['--root', root, 'list']))).toEqual(new Set(['list']));
    expect(new Set(loaded(['help', 'plan']))).toEqual(new Set(['plan']));
    expect(new Set(loaded(['--help']))).toEqual(new Set(['plan', 'apply', 'rollback', 'list', 'plans', 'lint', 'doctor']));
    // Options before the command, the program's and the command's own, as commander takes them.
    const before = runCli(['--root', root, '--json', 'plan', '--only', 'code']);
    expect(before.status).toBe(0);
    expect(JSON.parse(before.stdout)).toMatchObject({ planId: null, nothingToMigrate: true });
    const help = runCli(['help', 'plan']);
    expect(help.status).toBe(0);
    expect(help.stdout).toBe(runCli(['plan', '--help']).stdout);
    expect(help.stdout).toMatch(/--transform <path>/);
    const nested = runCli(['plans', 'rm', '--help']);
    expect(nested.status).toBe(0);
    expect(nested.stdout).toMatch(/--older-than/);
    // A mistyped command gets every command to suggest from.
    const typo = runCli(['--root', root, 'pln']);
    expect(typo.status).toBe(2);
    expect(typo.stderr).toMatch(/unknown command 'pln'.*\n.*Did you mean plan\?/);
    const all = runCli(['--help']).stdout;
    for (const c of ['plan', 'apply', 'rollback', 'list', 'plans', 'lint', 'doctor']) expect(all).toMatch(new RegExp(`\\n  ${c} `));
  });

  it('--version prints the package version on stdout', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '../../package.json'), 'utf8')) as { version: string };
    const r = runCli(['--version']);
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe(pkg.version);
  });

  it.each([
    [['frobnicate'], /unknown command 'frobnicate'/],
    [['plan', '--no-such-flag'], /unknown option '--no-such-flag'/],
    [['apply'], /apply needs a PLAN_ID/],
    [['rollback'], /rollback needs a PLAN_ID/],
    [['plan', '--root', '/does/not/exist'], /--root \/does\/not\/exist is not a directory/],
    [['plan', '--only', 'docs'], /--only takes code, fs or code,fs/],
    [['plan', '--profile', 'nope'], /unknown profile "nope"/],
    [['rollback', '20990101'], /no plan 20990101/],
    [['rollback', ' '], /no plan " ": plan ids look like 20261121-231502-3f9a2c/],
    [['plan', '--root', '/'], /--root \/ is the root of the filesystem, not a project/],
  ])('usage error %j exits 2 with one clear line and no stack trace', (args, message) => {
    const root = tempDir();
    const r = runCli([...args, ...(args.includes('--root') ? [] : ['--root', root])]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout).toBe('');
  });

  it('a broken config file is a usage error naming the file', () => {
    const root = tempDir();
    fs.writeFileSync(path.join(root, 'migrate-users.config.json'), '{ "profile": ');
    const r = runCli(['plan', '--root', root]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/config file .*migrate-users\.config\.json is not valid JSON/);
    const debug = runCli(['plan', '--root', root, '--config', 'missing.json']);
    expect(debug.stderr).toMatch(/config file missing.json does not exist/);
  });

  it('--debug adds the stack trace', () => {
    const root = tempDir();
    const r = runCli(['rollback', '20990101', '--root', root, '--debug']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/UsageError: no plan 20990101[\s\S]*\n\s+at /);
  });

  it('apply and rollback print human text on stderr and JSON on stdout with --json', async () => {
    const { root, roots } = project();
    const before = snapshotTree(root);
    const plan = await savedPlan(roots, ops);
    const listed = runCli(['list', '--root', root, '--json']);
    expect(JSON.parse(listed.stdout)).toMatchObject([{ id: plan.id, state: 'planned', operations: 3 }]);

    const applied = runCli(['apply', plan.id, '--root', root, '--json']);
    expect(applied.status).toBe(0);
    expect(JSON.parse(applied.stdout)).toMatchObject({ planId: plan.id, applied: 3, resumed: false });
    expect(applied.stderr).toContain(`Undo with \`migrate-users rollback ${plan.id}\``);
    expect(fs.readFileSync(path.join(root, 'src/a.ts'), 'utf8')).toBe('const a = getUserId();\n');

    const table = runCli(['list', '--root', root]);
    expect(table.stdout).toMatch(new RegExp(`${plan.id}\\s+\\S+ \\S+\\s+applied\\s+3 ops\\s+1 edit, 1 mkdir, 1 move`));

    const rolled = runCli(['rollback', plan.id, '--root', root, '--json']);
    expect(JSON.parse(rolled.stdout)).toMatchObject({ planId: plan.id, outcome: 'rolled-back', undone: 3 });
    expect(snapshotTree(root)).toEqual(before);
    expect(JSON.parse(runCli(['list', '--root', root, '--json']).stdout)[0].state).toBe('rolled-back');
  });

  it('apply and rollback take the --home the plan was made with, and refuse another one', async () => {
    const { root } = project();
    const home = tempDir('mu-home-');
    const roots = { project: root, home };
    const before = snapshotTree(root);
    const plan = await savedPlan(roots, (r) => [...ops(r), mkdirOp(r, { source: 'demo' }, loc('home', '.persag'))]);
    const elsewhere = tempDir('mu-home-');
    for (const command of ['apply', 'rollback']) {
      const wrong = runCli([command, plan.id, '--root', root, '--home', elsewhere]);
      expect(wrong.status).toBe(2);
      expect(wrong.stderr).toContain(`plan ${plan.id} was made with home ${home}, not --home ${elsewhere}; ${command} uses the plan's roots`);
    }
    expect(snapshotTree(root)).toEqual(before);
    expect(runCli(['apply', plan.id, '--root', root, '--home', home]).status).toBe(0);
    expect(fs.existsSync(path.join(home, '.persag'))).toBe(true);
    const rolled = runCli(['rollback', plan.id, '--root', root, '--home', home]);
    expect(rolled.status, rolled.stderr).toBe(0);
    expect(snapshotTree(root)).toEqual(before);
    expect(fs.existsSync(path.join(home, '.persag'))).toBe(false);
    // A plan that touches no home records none: any --home is beside the point, not an error.
    const projectOnly = project();
    const local = await savedPlan(projectOnly.roots, ops);
    expect(runCli(['apply', local.id, '--root', projectOnly.root, '--home', elsewhere]).status).toBe(0);
    expect(runCli(['rollback', local.id, '--root', projectOnly.root, '--home', elsewhere]).status).toBe(0);
  });

  it('rollback refuses a file changed after apply, and --force keeps the change as .bak', async () => {
    const { root, roots } = project();
    const plan = await savedPlan(roots, ops);
    runCli(['apply', plan.id, '--root', root]);
    fs.writeFileSync(path.join(root, 'src/a.ts'), 'const a = getUserId(); // my change\n');
    const r = runCli(['rollback', plan.id, '--root', root]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('src/a.ts was changed after apply; not restored');
    expect(fs.existsSync(path.join(root, 'personas/joel/state.db'))).toBe(true); // everything else went back
    const forced = runCli(['rollback', plan.id, '--root', root, '--force']);
    expect(forced.status).toBe(0);
    expect(fs.readFileSync(path.join(root, 'src/a.ts'), 'utf8')).toBe('const a = USER_ID;\n');
    expect(fs.readFileSync(path.join(root, `src/a.ts.migrate-users-${plan.id}.bak`), 'utf8')).toContain('my change');
  });

  it('an interrupted apply is announced by the next command, with what to do', async () => {
    const { root, roots } = project();
    const plan = await savedPlan(roots, ops);
    const killed = runCli(['apply', plan.id, '--root', root], { env: { MIGRATE_USERS_TEST_KILL_AFTER_STEP: '3' } });
    expect(killed.signal).toBe('SIGKILL');
    const listed = runCli(['list', '--root', root]);
    expect(listed.stderr).toContain(`plan ${plan.id} was interrupted during apply`);
    expect(listed.stderr).toContain(`\`migrate-users apply ${plan.id}\` to resume or \`migrate-users rollback ${plan.id}\` to undo`);
    expect(listed.stdout).toMatch(/applying/);
    expect(fs.existsSync(new StateDir(root).lockFile)).toBe(true);
    const resumed = runCli(['apply', plan.id, '--root', root]);
    expect(resumed.status).toBe(0);
    expect(resumed.stderr).toMatch(/taking over a stale lock[\s\S]*resuming the interrupted apply/);
  });

  it('plan on a tree with nothing to migrate says so and exits 0', () => {
    const root = tempDir();
    const r = runCli(['plan', '--root', root]);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('nothing to migrate');
    expect(fs.existsSync(path.join(root, '.migrate-users'))).toBe(false);
  });
});
