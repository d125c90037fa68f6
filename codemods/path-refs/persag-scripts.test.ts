// A project script of a persag-like app, run by bash before and after plan + apply: after the
// move it still reads the compose file and the user id, now from the persag home, and rollback
// restores the tree byte for byte.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { materializeFixture } from '../../tests/helpers/materialize-fixture.js';
import { runCli } from '../../tests/helpers/cli.js';
import { snapshotTree, tempDir } from '../../tests/helpers/tree.js';

const SCRIPT = ['#!/bin/bash', 'set -euo pipefail', 'head -1 lightrag_server/docker-compose.yml', 'grep USER_ID env.userid', ''].join('\n');
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

it('a restart script finds the moved dirs and env.userid in the persag home after apply', async () => {
  const root = tempDir('mu-persag-scripts-');
  const home = tempDir('mu-persag-home-');
  dirs.push(root, home);
  await materializeFixture('persag-data', root);
  fs.mkdirSync(path.join(root, 'scripts'));
  fs.writeFileSync(path.join(root, 'scripts/restart.sh'), SCRIPT);
  const run = () => spawnSync('bash', ['scripts/restart.sh'], { cwd: root, encoding: 'utf8', env: { ...process.env, PERSAG_HOME: home } });
  const before = run();
  expect(before.status, before.stderr).toBe(0);
  const tree = snapshotTree(root);

  const planned = runCli(['plan', '--root', root, '--home', home, '--json']);
  expect(planned.status, planned.stderr).toBe(0);
  const id = (JSON.parse(planned.stdout) as { planId: string }).planId;
  const applied = runCli(['apply', id, '--root', root, '--home', home]);
  expect(applied.status, applied.stderr).toBe(0);
  expect(fs.existsSync(path.join(root, 'lightrag_server'))).toBe(false);
  expect(fs.readFileSync(path.join(root, 'scripts/restart.sh'), 'utf8')).toContain('"${PERSAG_HOME:-${HOME}}"/.persag/lightrag_server/docker-compose.yml');
  const after = run();
  expect(after.status, after.stderr).toBe(0);
  expect(after.stdout).toBe(before.stdout);

  const rolled = runCli(['rollback', id, '--root', root]);
  expect(rolled.status, rolled.stderr).toBe(0);
  expect(snapshotTree(root)).toEqual(tree);
  expect(fs.readdirSync(home)).toEqual([]);
});
