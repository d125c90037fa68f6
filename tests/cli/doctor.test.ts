import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { materializeFixture } from '../helpers/materialize-fixture.js';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/tree.js';

function planAndApply(root: string, extra: string[] = []): string {
  const planned = runCli(['plan', '--root', root, '--json', ...extra]);
  const id = (JSON.parse(planned.stdout) as { planId: string }).planId;
  expect(runCli(['apply', id, '--root', root]).status).toBe(0);
  return id;
}

describe('migrate-users doctor', () => {
  it('continuum: reports what is missing before, only the collision after apply, and passes once it is resolved', async () => {
    const root = await materializeFixture('continuum-data', tempDir('mu-doctor-'));
    const before = runCli(['doctor', '--root', root]);
    expect(before.status).toBe(1);
    expect(before.stdout).toContain('legacy .continuum/personas/ remains');
    expect(before.stdout).toContain('configured user anna has no .continuum/users/anna/');

    planAndApply(root);
    const after = runCli(['doctor', '--root', root, '--json']);
    expect(after.status).toBe(1);
    const { findings } = JSON.parse(after.stdout) as { findings: Array<{ severity: string; message: string }> };
    expect(findings.filter((f) => f.severity === 'error').map((f) => f.message)).toEqual([
      'user gemini lacks data/, logs/',
      'legacy .continuum/personas/ remains with 1 entry (gemini)',
    ]);

    fs.rmSync(path.join(root, '.continuum/personas'), { recursive: true });
    for (const d of ['data', 'logs']) fs.mkdirSync(path.join(root, '.continuum/users/gemini', d));
    const ok = runCli(['doctor', '--root', root]);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain('✔ continuum-users: 7/7 users have the unified layout');
  });

  it('persag: the home is complete after apply; an env file out of sync is an error', async () => {
    const root = await materializeFixture('persag-data', tempDir('mu-doctor-'));
    const home = tempDir('mu-doctor-home-');
    expect(runCli(['doctor', '--root', root, '--home', home]).stdout).toContain('legacy env.userid remains in the project');
    planAndApply(root, ['--home', home, '--only', 'fs']);
    const ok = runCli(['doctor', '--root', root, '--home', home]);
    expect(ok.stdout).toMatch(/✔ persag-home: .*\.persag is complete; every env file says USER_ID=charlie/);
    expect(ok.status).toBe(0);
    const env = path.join(home, '.persag/lightrag_server/env.server');
    fs.writeFileSync(env, fs.readFileSync(env, 'utf8').replace('USER_ID=charlie', 'USER_ID=bob'));
    const bad = runCli(['doctor', '--root', root, '--home', home]);
    expect(bad.status).toBe(1);
    expect(bad.stdout).toContain('lightrag_server/env.server says USER_ID=bob but env.userid says charlie');
  });

  it('an interrupted run is reported', async () => {
    const root = await materializeFixture('continuum-data', tempDir('mu-doctor-'));
    const planned = runCli(['plan', '--root', root, '--json']);
    const id = (JSON.parse(planned.stdout) as { planId: string }).planId;
    runCli(['apply', id, '--root', root], { env: { MIGRATE_USERS_TEST_KILL_AFTER_STEP: '4' } });
    const r = runCli(['doctor', '--root', root]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(`plan ${id} was interrupted (applying)`);
  });
});
