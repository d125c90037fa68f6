// Transforms that change files themselves: every change becomes a plan operation and the tree
// stays as it is until apply; reads see the planned state; what cannot be captured is refused
// with the transform and the file named; apply makes the changes and rollback undoes them.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { applyPlan } from '../../plan/apply.js';
import { buildPlan } from '../../plan/build.js';
import { rollbackPlan } from '../../plan/rollback.js';
import { StateDir } from '../../plan/state-dir.js';
import { savePlan } from '../../plan/store.js';
import type { Plan } from '../../plan/types.js';
import { describeOperation } from '../../plan/render.js';
import { runCli } from '../../tests/helpers/cli.js';
import { checkEveryKillPoint } from '../../tests/helpers/kill-points.js';
import { hashTree, snapshotTree, tempDir, writeTree, type TreeSpec } from '../../tests/helpers/tree.js';
import { transformSource } from './index.js';

const temps: string[] = [];
afterAll(() => {
  for (const t of temps) fs.rmSync(t, { recursive: true, force: true });
});

function project(tree: TreeSpec): string {
  const root = tempDir('mu-capture-');
  temps.push(root);
  writeTree(root, tree);
  return root;
}

async function planWith(root: string, transform: string): Promise<Plan> {
  const before = hashTree(root);
  const plan = await buildPlan({ roots: { project: root }, sources: [transformSource([{ path: path.join(root, transform) }])] });
  expect(hashTree(root)).toBe(before);
  return plan;
}

async function applyThenRollback(root: string, plan: Plan, expected: (tree: ReturnType<typeof snapshotTree>) => void): Promise<void> {
  const before = snapshotTree(root);
  savePlan(new StateDir(root), plan);
  await applyPlan(root, plan.id);
  expected(snapshotTree(root));
  await rollbackPlan(root, plan.id);
  expect(snapshotTree(root)).toEqual(before);
}

/**
 * Uses every form: sync, callback and promise; write, append, copy, rename, unlink, rm -r,
 * mkdir -p; and checks after each step that reads see the planned state.
 */
const BUSY = `
const fs = require('fs');
const path = require('path');
const { promisify } = require('util');
module.exports = async function (file, api) {
  if (!file.path.endsWith('entry.js')) return undefined;
  const dir = path.dirname(file.path);
  const seen = [];
  fs.mkdirSync(path.join(dir, 'generated/deep'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'generated/deep/loader.js'), 'export default (src) => src;\\n');
  seen.push('loader ' + fs.readFileSync(path.join(dir, 'generated/deep/loader.js'), 'utf8').trim());
  await fs.promises.rename(path.join(dir, 'middleware.js'), path.join(dir, 'proxy.js'));
  seen.push('middleware ' + fs.existsSync(path.join(dir, 'middleware.js')) + ' proxy ' + fs.existsSync(path.join(dir, 'proxy.js')));
  await promisify(fs.unlink)(path.join(dir, 'obsolete.js'));
  fs.copyFileSync(path.join(dir, 'config.json'), path.join(dir, 'config.backup.json'));
  fs.appendFileSync(path.join(dir, 'config.json'), '// appended\\n');
  fs.rmSync(path.join(dir, 'legacy'), { recursive: true });
  await new Promise((resolve, reject) => fs.writeFile(path.join(dir, 'notes.txt'), 'callback form\\n', (e) => (e ? reject(e) : resolve())));
  seen.push('dir ' + fs.readdirSync(dir).join(','));
  seen.push('legacy ' + fs.existsSync(path.join(dir, 'legacy')) + ' stat ' + fs.statSync(path.join(dir, 'notes.txt')).size + ' isFile ' + fs.statSync(path.join(dir, 'notes.txt')).isFile());
  try { fs.readFileSync(path.join(dir, 'obsolete.js')); } catch (e) { seen.push('obsolete ' + e.code); }
  api.report(seen.join(' | '));
  return file.source.replace('middleware', 'proxy');
};
`;

describe('file changes a transform makes itself', () => {
  it('become plan operations (sync, callback and promise forms), with reads seeing the planned state', async () => {
    const root = project({
      'codemods/busy.cjs': BUSY,
      'src/entry.js': "import './middleware';\n",
      'src/middleware.js': 'export const runtime = "edge";\n',
      'src/obsolete.js': 'old\n',
      'src/config.json': '{ "a": 1 }\n',
      'src/legacy/a.js': 'a\n',
      'src/legacy/sub/b.js': 'b\n',
    });
    const plan = await planWith(root, 'codemods/busy.cjs');
    expect(plan.errors).toEqual([]);
    expect(plan.warnings.map((w) => w.message.replace(/^[^:]*: /, ''))).toEqual([
      'loader export default (src) => src; | middleware false proxy true | dir config.backup.json,config.json,entry.js,generated,notes.txt,proxy.js | legacy false stat 14 isFile true | obsolete ENOENT',
    ]);
    expect(plan.operations.map(describeOperation)).toEqual([
      'delete src/legacy/a.js',
      'delete src/legacy/sub/b.js',
      'delete src/obsolete.js',
      'move src/middleware.js -> src/proxy.js',
      'delete-empty-dir src/legacy/sub',
      'delete-empty-dir src/legacy',
      'mkdir src/generated',
      'mkdir src/generated/deep',
      'write src/config.backup.json',
      'write src/generated/deep/loader.js',
      'write src/notes.txt',
      'edit src/config.json  +1 -0',
      'edit src/entry.js  +1 -1',
    ]);
    await applyThenRollback(root, plan, (tree) => {
      expect(Object.keys(tree).filter((f) => f.startsWith('src')).sort()).toEqual([
        'src', 'src/config.backup.json', 'src/config.json', 'src/entry.js', 'src/generated', 'src/generated/deep', 'src/generated/deep/loader.js', 'src/notes.txt', 'src/proxy.js',
      ]);
      expect(fs.readFileSync(path.join(root, 'src/config.json'), 'utf8')).toBe('{ "a": 1 }\n// appended\n');
      expect(fs.readFileSync(path.join(root, 'src/proxy.js'), 'utf8')).toBe('export const runtime = "edge";\n');
    });
  });

  it('refuses what it cannot capture, names the transform and the file, and leaves that file out', async () => {
    const outside = tempDir('mu-capture-outside-');
    temps.push(outside);
    const root = project({
      'codemods/escapes.cjs': `
        const fs = require('fs');
        const { execSync } = require('child_process');
        module.exports = (file) => {
          if (file.path.endsWith('shell.js')) execSync('touch ran-a-shell');
          if (file.path.endsWith('outside.js')) fs.writeFileSync(${JSON.stringify(path.join(outside, 'leak.txt'))}, 'x');
          if (file.path.endsWith('swallowed.js')) { try { fs.openSync('fd-write.txt', 'w'); } catch {} }
          if (file.path.endsWith('fine.js')) fs.writeFileSync(file.path + '.map', '{}');
          return file.source + '// seen\\n';
        };`,
      'src/shell.js': 'a\n',
      'src/outside.js': 'b\n',
      'src/swallowed.js': 'c\n',
      'src/fine.js': 'd\n',
    });
    const plan = await planWith(root, 'codemods/escapes.cjs');
    expect(plan.operations.map(describeOperation)).toEqual(['write src/fine.js.map', 'edit src/fine.js  +1 -0']);
    const t = path.join(root, 'codemods/escapes.cjs');
    expect(plan.errors.map((e) => [e.code, e.message])).toEqual([
      ['uncapturable-change', `${t} failed on src/outside.js: a write to ${path.join(outside, 'leak.txt')} (outside the project): such changes cannot be captured into the plan (the file was left out of the plan)`],
      ['uncapturable-change', `${t} failed on src/shell.js: running a child process (touch ran-a-shell): such changes cannot be captured into the plan (the file was left out of the plan)`],
      ['uncapturable-change', `${t} failed on src/swallowed.js: opening fd-write.txt for writing: such changes cannot be captured into the plan (the file was left out of the plan)`],
    ]);
    expect(fs.readdirSync(outside)).toEqual([]);
    expect(fs.existsSync(path.join(process.cwd(), 'ran-a-shell'))).toBe(false);
  });

  it('captures in worker threads, for destructured and ESM named imports of fs, through the CLI', () => {
    const files: TreeSpec = {
      'codemods/snap.mjs': `import { writeFileSync, existsSync } from 'node:fs';
export default function (file) {
  const snap = file.path.replace(/\\.js$/, '.snap');
  if (existsSync(snap)) throw new Error('saw a snapshot before writing it');
  writeFileSync(snap, file.source.length + '\\n');
  return undefined;
}
`,
      'codemods/rename.cjs': `const { renameSync } = require('fs');
module.exports = (file) => { if (file.path.endsWith('m3.js')) renameSync(file.path, file.path.replace('m3', 'renamed')); };
`,
    };
    for (let i = 0; i < 8; i++) files[`src/m${i}.js`] = `export const n = ${i};\n`;
    const root = project(files);
    const before = snapshotTree(root);
    const planned = runCli(['plan', '--json', '--cpus=2', '--transform', 'codemods/snap.mjs', '--transform', 'codemods/rename.cjs', 'src'], { cwd: root });
    expect(planned.status, planned.stderr).toBe(0);
    const { planId } = JSON.parse(planned.stdout) as { planId: string };
    expect(snapshotTree(root)).toEqual(before);
    const dry = runCli(['apply', '--dry-run', planId], { cwd: root });
    expect(dry.stdout).toContain('move src/m3.js -> src/renamed.js');
    expect(dry.stdout.match(/^ {2}write src\/m\d\.snap$/gm)).toHaveLength(8);
    expect(snapshotTree(root)).toEqual(before);
    expect(runCli(['apply', planId], { cwd: root }).status).toBe(0);
    expect(fs.readFileSync(path.join(root, 'src/m5.snap'), 'utf8')).toBe('20\n');
    expect(fs.existsSync(path.join(root, 'src/renamed.js'))).toBe(true);
    expect(runCli(['rollback', planId], { cwd: root }).status).toBe(0);
    expect(snapshotTree(root)).toEqual(before);
  });

  it('are applied crash-safely: SIGKILL after every journal step, then rollback or resume, gives the exact trees', async () => {
    const makeTree = (root: string): void =>
      writeTree(root, {
        'codemods/to-proxy.cjs': `const fs = require('fs');
module.exports = (file) => {
  fs.writeFileSync(file.path.replace('middleware', 'proxy'), file.source.replace('middleware', 'proxy'));
  fs.unlinkSync(file.path);
  return '';
};
`,
        'src/middleware.js': 'export function middleware() {}\n',
      });
    const sources = (roots: { project: string }) => [transformSource([{ path: path.join(roots.project, 'codemods/to-proxy.cjs') }])];
    await checkEveryKillPoint({ makeTree, sources }, 4);
  }, 300_000);
});
