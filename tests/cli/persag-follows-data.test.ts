// Code follows the data, on the persag sample app with its data (fixtures/persag-app +
// fixtures/persag-data) and a temp home, through the built CLI: plan + apply with the persag
// profile, then python3 runs the migrated app: importing settings creates no repo-root
// env.userid, every accessor returns the migrated id, the Docker dirs and the restart script
// point into the home, the app's own switch_user() reaches every accessor in this process and
// the next one; then rollback restores both trees byte for byte.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { materializeFixture } from '../helpers/materialize-fixture.js';
import { REPO, runCli } from '../helpers/cli.js';
import { snapshotTree, tempDir } from '../helpers/tree.js';

const python = spawnSync('python3', ['--version']).status === 0 ? 'python3' : undefined;
const temps: string[] = [];
afterEach(() => {
  for (const t of temps.splice(0)) fs.rmSync(t, { recursive: true, force: true });
});

async function persagProject(): Promise<{ project: string; home: string }> {
  const base = tempDir('mu-persag-follows-');
  temps.push(base);
  const project = path.join(base, 'project');
  fs.cpSync(path.join(REPO, 'fixtures', 'persag-app'), project, { recursive: true });
  await materializeFixture('persag-data', project);
  const home = path.join(base, 'home');
  fs.mkdirSync(home);
  return { project, home };
}

/** Runs python3 in the project with the app on its path and the temp home as PERSAG_HOME. */
function runPython(project: string, home: string, script: string): string[] {
  const env: NodeJS.ProcessEnv = { ...process.env, PYTHONPATH: path.join(project, 'src'), PYTHONDONTWRITEBYTECODE: '1', PERSAG_HOME: home };
  delete env.USER_ID;
  return execFileSync(python!, ['-c', script], { cwd: project, env, encoding: 'utf8' }).trim().split('\n');
}

const ACCESSORS = [
  'import os',
  'from personal_agent.config import settings',
  'from personal_agent.config.settings import get_userid, load_user_from_file, get_current_user_id',
  'from personal_agent.core.docker.user_sync import DockerUserSync',
  'from personal_agent.core.user_manager import UserManager',
  'def ids():',
  '    return "|".join([get_userid(), load_user_from_file(), get_current_user_id(), UserManager().current_user(), os.environ["USER_ID"]])',
].join('\n');

describe('persag: code follows the data', () => {
  it('after apply every accessor agrees with the migrated id, switch_user reaches them all, and rollback is exact', async () => {
    if (!python) return console.warn('[persag-follows-data] python3 not found: behavioural check SKIPPED');
    const { project, home } = await persagProject();
    const before = { project: snapshotTree(project), home: snapshotTree(home) };
    const recorded = fs.readFileSync(path.join(project, 'env.userid'), 'utf8');
    expect(recorded).toMatch(/^USER_ID="charlie"$/m);

    const planned = runCli(['plan', '--root', project, '--profile', 'persag', '--home', home, '--json']);
    expect(planned.status, planned.stderr).toBe(0);
    const plan = JSON.parse(planned.stdout) as { planId: string; summary: { errors: number } };
    expect(plan.summary.errors).toBe(0);
    const applied = runCli(['apply', plan.planId, '--root', project]);
    expect(applied.status, applied.stderr).toBe(0);
    expect(fs.existsSync(path.join(project, 'env.userid'))).toBe(false);
    expect(fs.readFileSync(path.join(home, '.persag', 'env.userid'), 'utf8')).toBe(recorded);

    const first = runPython(project, home, [
      ACCESSORS,
      'print(os.path.exists("env.userid"))',
      'print(ids())',
      'print(settings.userid_path)',
      'sync = DockerUserSync()',
      'print("|".join(str(c["dir"]) for c in sync.docker_configs.values()))',
      'print(sync.server_user("lightrag_server"))',
      `UserManager(data_dir=${JSON.stringify(path.join(project, 'data', 'users'))}).switch_user("bob")`,
      'print(ids())',
      'print(os.path.exists("env.userid"))',
    ].join('\n'));
    const persag = path.join(home, '.persag');
    expect(first).toEqual([
      'False', // importing settings re-creates nothing in the repo
      'charlie|charlie|charlie|charlie|charlie',
      path.join(persag, 'env.userid'),
      `${path.join(persag, 'lightrag_server')}|${path.join(persag, 'lightrag_memory_server')}`,
      'charlie', // the env file the migrator synced, read through the Docker dir config
      'bob|bob|bob|bob|bob',
      'False',
    ]);
    expect(fs.readFileSync(path.join(persag, 'env.userid'), 'utf8')).toBe('USER_ID="bob"\n');
    expect(runPython(project, home, `${ACCESSORS}\nprint(ids())`)).toEqual(['bob|bob|bob|bob|bob']);
    expect(runPython(project, home, 'import runpy, sys\nsys.argv = ["restart_lightrag.py"]\nrunpy.run_path("scripts/restart_lightrag.py", run_name="__main__")'))
      .toEqual([path.join(persag, 'lightrag_server'), path.join(persag, 'lightrag_memory_server')]);

    // Undo what the run itself wrote (switch_user's registry and env.userid), then roll back.
    fs.rmSync(path.join(project, 'data', 'users'), { recursive: true, force: true });
    fs.writeFileSync(path.join(persag, 'env.userid'), recorded);
    const rolled = runCli(['rollback', plan.planId, '--root', project]);
    expect(rolled.status, rolled.stderr).toBe(0);
    expect(snapshotTree(project)).toEqual(before.project);
    expect(snapshotTree(home)).toEqual(before.home);
  });
});
