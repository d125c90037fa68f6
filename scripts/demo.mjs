// `npm run demo`: copies the bundled sample apps to temp dirs and runs the real CLI on them:
// plan -> apply --dry-run -> apply -> rollback, then proves the rollback restored every byte.
// The temp dirs are removed at the end; `npm run demo -- --keep` keeps them to look around.
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
// The sample trees are built by the tests' helper, compiled by `npm run demo` (scripts/tsconfig.demo.json).
import { materializeFixture } from '../node_modules/.cache/migrate-users-demo/tests/helpers/materialize-fixture.js';

const keep = process.argv.includes('--keep');
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(repo, 'bin', 'migrate-users.js');

function treeHash(root) {
  const h = crypto.createHash('sha256');
  const walk = (dir, rel) => {
    for (const name of fs.readdirSync(dir).sort()) {
      if (rel === '' && name === '.migrate-users') continue;
      const p = path.join(dir, name);
      const st = fs.lstatSync(p);
      h.update(`${rel}/${name} ${st.mode}`);
      if (st.isSymbolicLink()) h.update(fs.readlinkSync(p));
      else if (st.isDirectory()) walk(p, `${rel}/${name}`);
      else h.update(fs.readFileSync(p));
    }
  };
  walk(root, '');
  return h.digest('hex');
}

function banner(text) {
  process.stdout.write(`\n\x1b[1m━━ ${text}\x1b[0m\n`);
}

function run(cwd, args, env = {}) {
  process.stdout.write(`\n$ migrate-users ${args.join(' ')}\n`);
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, env: { ...process.env, ...env }, encoding: 'utf8' });
  process.stdout.write(r.stdout);
  process.stdout.write(r.stderr);
  if (r.status !== 0 && !(args[0] === 'plan' && r.status === 1)) {
    throw new Error(`migrate-users ${args.join(' ')} exited ${r.status}`);
  }
  return r;
}

function planId(output) {
  const m = /Saved plan (\S+)\./.exec(output);
  if (!m) throw new Error('no plan id in the output of `plan`');
  return m[1];
}

async function demo(title, fixtures, { home } = {}) {
  banner(title);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'migrate-users-demo-'));
  for (const f of fixtures) {
    if (fs.existsSync(path.join(repo, 'fixtures', f, 'manifest.json'))) await materializeFixture(f, root);
    else fs.cpSync(path.join(repo, 'fixtures', f), root, { recursive: true });
  }
  const homeDir = home ? fs.mkdtempSync(path.join(os.tmpdir(), 'migrate-users-demo-home-')) : undefined;
  try {
    await walkThrough(root, homeDir);
  } finally {
    if (keep) process.stdout.write(`\nkept ${root}${homeDir ? ` and ${homeDir}` : ''}\n`);
    else for (const dir of [root, homeDir]) if (dir) fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function walkThrough(root, homeDir) {
  const homeArgs = homeDir ? ['--home', homeDir] : [];
  process.stdout.write(`sample copied to ${root}${homeDir ? ` (home: ${homeDir})` : ''}\n`);
  const before = treeHash(root);
  const homeBefore = homeDir ? treeHash(homeDir) : '';

  const planned = run(root, ['plan', ...homeArgs]);
  const id = planId(planned.stdout);
  run(root, ['apply', '--dry-run', id]);
  run(root, ['apply', id]);
  run(root, ['list']);
  run(root, ['rollback', id]);
  const restored = treeHash(root) === before && (!homeDir || treeHash(homeDir) === homeBefore);
  process.stdout.write(restored ? '\n✔ rollback restored the tree byte for byte\n' : '\n✘ the tree differs after rollback\n');
  if (!restored) process.exitCode = 1;
}

await demo('continuum: TypeScript code + .continuum/personas data', ['ts-app', 'continuum-data']);
await demo('persag: Python code + env.userid and lightrag_* dirs', ['persag-app', 'persag-data'], { home: true });
