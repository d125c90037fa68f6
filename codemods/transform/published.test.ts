// Published transforms, pinned as devDependencies, run both ways on the same tree: jscodeshift
// 17's own CLI on one copy, `plan` + `apply` on another. Every byte of the two trees must agree
// (or differ only where the README says we differ on purpose), `plan` and `apply --dry-run`
// must leave the tree alone, and `rollback` must give back the original byte for byte.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO, runCli, type CliResult } from '../../tests/helpers/cli.js';
import { hashTree, snapshotTree, tempDir } from '../../tests/helpers/tree.js';

const JSCODESHIFT = path.join(REPO, 'node_modules/jscodeshift/bin/jscodeshift.js');
const REACT_CODEMOD = path.join(REPO, 'node_modules/react-codemod/transforms');
const NEXT_CODEMOD = path.join(REPO, 'node_modules/@next/codemod/transforms');
const NEXT_APP = path.join(REPO, 'fixtures/transforms/next-app');

// The runner sets NODE_ENV=test, which puts @next/codemod's transforms in their test mode
// (and jscodeshift's babel-register would write its cache into the tree without BABEL_DISABLE_CACHE).
const ENV = { NODE_ENV: undefined };

const temps: string[] = [];
afterAll(() => {
  for (const t of temps) fs.rmSync(t, { recursive: true, force: true });
});

/** Two copies of `files` (a map or a directory to copy), each in a folder named `name`. */
function copies(files: Record<string, string> | string, name: string): { ours: string; theirs: string } {
  const base = tempDir('mu-published-');
  temps.push(base);
  const dirs = { ours: path.join(base, 'ours', name), theirs: path.join(base, 'theirs', name) };
  for (const dir of Object.values(dirs)) {
    if (typeof files === 'string') fs.cpSync(files, dir, { recursive: true });
    else {
      for (const [rel, text] of Object.entries(files)) {
        fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
        fs.writeFileSync(path.join(dir, rel), text);
      }
    }
  }
  return dirs;
}

/** jscodeshift's CLI, run as its users run it: from the project folder, on `.`. */
function jscodeshift(dir: string, transform: string, flags: string[] = []): string {
  const r = spawnSync(process.execPath, [JSCODESHIFT, '-t', transform, '--run-in-band', ...flags, '.'], { cwd: dir, encoding: 'utf8', env: { ...process.env, NODE_ENV: '', BABEL_DISABLE_CACHE: '1' } });
  if (r.status !== 0) throw new Error(`jscodeshift failed: ${r.stderr}${r.stdout}`);
  return r.stdout;
}

interface OurRun {
  plan: { planId: string | null; errors: Array<{ message: string }>; warnings: Array<{ message: string; file?: string }> };
  planned: CliResult;
}

/**
 * `plan --json` from the project folder; checks that planning and the dry run change nothing
 * and that stdout is exactly one JSON document, whatever the transforms printed.
 */
function plan(dir: string, args: string[]): OurRun {
  const before = hashTree(dir);
  const planned = runCli(['plan', '--json', ...args], { cwd: dir, env: ENV });
  expect(planned.status, planned.stderr).not.toBe(2);
  const parsed = JSON.parse(planned.stdout) as OurRun['plan'];
  expect(hashTree(dir)).toBe(before);
  if (parsed.planId) {
    const dry = runCli(['apply', '--dry-run', parsed.planId], { cwd: dir, env: ENV });
    expect(dry.status, dry.stderr).toBe(0);
    expect(hashTree(dir)).toBe(before);
  }
  return { plan: parsed, planned };
}

/** Applies the plan, checks the tree equals jscodeshift's, rolls back to the original bytes. */
function applyMatchesThenRollsBack(dirs: { ours: string; theirs: string }, run: OurRun, original: Record<string, string>): void {
  const id = run.plan.planId!;
  const applied = runCli(['apply', id], { cwd: dirs.ours, env: ENV });
  expect(applied.status, applied.stderr).toBe(0);
  expect(snapshotTree(dirs.ours)).toEqual(snapshotTree(dirs.theirs));
  const rolled = runCli(['rollback', id], { cwd: dirs.ours, env: ENV });
  expect(rolled.status, rolled.stderr).toBe(0);
  expect(snapshotTree(dirs.ours)).toEqual(original);
}

/** The transform run both ways on two copies of `files`; `theirs` is jscodeshift's resulting tree. */
function runBoth(files: Record<string, string> | string, name: string, transform: string, flags: string[] = []) {
  const dirs = copies(files, name);
  const original = snapshotTree(dirs.ours);
  jscodeshift(dirs.theirs, transform, flags);
  const run = plan(dirs.ours, ['--transform', transform, ...flags]);
  return { dirs, original, theirs: snapshotTree(dirs.theirs), run };
}

describe('published transforms give jscodeshift 17\'s output', () => {
  it('react-codemod manual-bind-to-arrow (ESM syntax that calls require) on its own fixtures', () => {
    const fixtures = path.join(REACT_CODEMOD, '__testfixtures__/manual-bind-to-arrow');
    const inputs = Object.fromEntries(
      fs.readdirSync(fixtures).filter((f) => f.endsWith('.input.js')).map((f) => [f, fs.readFileSync(path.join(fixtures, f), 'utf8')]),
    );
    expect(Object.keys(inputs).length).toBeGreaterThan(10);
    // react-codemod's own tests parse these fixtures with flow.
    const { dirs, original, run } = runBoth(inputs, 'components', path.join(REACT_CODEMOD, 'manual-bind-to-arrow.js'), ['--parser=flow']);
    expect(run.plan.planId).not.toBeNull();
    expect(run.planned.stderr).not.toMatch(/require is not defined/);
    // Both leave out the fixture that uses class properties, which the flow parser's recast printer rejects.
    expect(run.plan.errors.map((e) => e.message)).toEqual([expect.stringMatching(/failed on manual-bind-to-arrow2\.input\.js: did not recognize object of type "PropertyDefinition"/)]);
    applyMatchesThenRollsBack(dirs, run, original);
  });

  it('@next/codemod cache-components-instant-false decides by path segments relative to the folder it runs in', () => {
    // A project folder named `app`, as Docker's `WORKDIR /app` makes it: only src/app/ is App Router.
    const { dirs, original, theirs, run } = runBoth(NEXT_APP, 'app', path.join(NEXT_CODEMOD, 'cache-components-instant-false.js'));
    expect(run.plan.errors).toEqual([]);
    const changed = Object.entries(theirs).filter(([f, e]) => original[f] !== e).map(([f]) => f);
    expect(changed.sort()).toEqual(['src/app/layout.tsx', 'src/app/page.tsx']);
    applyMatchesThenRollsBack(dirs, run, original);
  });

  it('@next/codemod middleware-to-proxy: the rename it does itself becomes plan operations, undone by rollback', () => {
    const { dirs, original, theirs, run } = runBoth(NEXT_APP, 'app', path.join(NEXT_CODEMOD, 'middleware-to-proxy.js'));
    // What jscodeshift did: middleware.ts gone, proxy.ts written, the config and the type import renamed.
    expect(theirs['src/middleware.ts']).toBeUndefined();
    expect(theirs['src/proxy.ts']).toBeDefined();
    expect(theirs['next.config.js']).not.toBe(original['next.config.js']);
    expect(run.plan.errors).toEqual([]);
    applyMatchesThenRollsBack(dirs, run, original);
  });
});
