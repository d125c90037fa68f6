// The check thread needs the compiled script, so the threaded parts run the built library (npm
// test builds dist/ first): a check shared with its thread must find exactly what a check in one
// thread finds, before apply and after a rollback.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO, runCli } from '../tests/helpers/cli.js';
import { savedPlan } from '../tests/helpers/plans.js';
import { snapshotTree, tempDir } from '../tests/helpers/tree.js';
import { FinalSteps } from './final-steps.js';
import { deleteEmptyDirOp, moveOp, withNewParents } from './ops.js';
import { loc } from './paths.js';
import type * as Preflight from './preflight.js';
import type * as StaleThread from './stale-thread.js';
import type * as StateDirs from './state-dir.js';
import type * as Store from './store.js';
import type { Operation, Roots } from './types.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

const load = async <T>(name: string): Promise<T> => (await import(pathToFileURL(path.join(REPO, 'dist/plan', name)).href)) as T;

const USERS = 1000;
const HOUR_AGO = new Date(Date.now() - 3600_000);

/** A continuum tree of USERS personas, each with a legacy database and a few dirs, last changed an hour ago (so the plan keeps quick-check keys). */
function personasTree(): string {
  const root = tempDir('mu-stale-thread-');
  dirs.push(root);
  const personas = path.join(root, '.continuum/personas');
  fs.mkdirSync(path.join(root, '.continuum/users'), { recursive: true });
  for (let u = 0; u < USERS; u++) {
    const home = path.join(personas, `u${u}`);
    fs.mkdirSync(path.join(home, 'logs'), { recursive: true });
    fs.mkdirSync(path.join(home, 'memory/notes'), { recursive: true });
    fs.writeFileSync(path.join(home, 'state.db'), `db ${u}`);
    fs.writeFileSync(path.join(home, 'logs/2026-11-01.log'), `log ${u}\n`);
    fs.writeFileSync(path.join(home, 'memory/notes/recent.md'), `# ${u}\n`);
    for (const p of ['state.db', 'logs/2026-11-01.log', 'memory/notes/recent.md', 'memory/notes', 'memory', 'logs', '']) fs.utimesSync(path.join(home, p), HOUR_AGO, HOUR_AGO);
  }
  for (const p of ['.continuum/personas', '.continuum/users']) fs.utimesSync(path.join(root, p), HOUR_AGO, HOUR_AGO);
  return root;
}

/** Per persona: its database into a new data/ dir, then the persona into users/; at last the empty personas/ dir removed. */
function continuumOps(roots: Roots): Operation[] {
  const ops: Operation[] = [];
  const meta = { source: 't' };
  for (let u = 0; u < USERS; u++) {
    const home = `.continuum/personas/u${u}`;
    ops.push(withNewParents(roots, moveOp(roots, meta, loc('project', `${home}/state.db`), loc('project', `${home}/data/longterm.db`)), [loc('project', `${home}/data`)]));
    ops.push(moveOp(roots, meta, loc('project', home), loc('project', `.continuum/users/u${u}`)));
  }
  ops.push(deleteEmptyDirOp(roots, meta, loc('project', '.continuum/personas')));
  return ops;
}

describe('a plan whose preconditions are checked on a second thread', () => {
  it('before apply: the shared check names exactly the paths a check in one thread names, and the thread takes part', async () => {
    const { ThreadedCheck } = await load<typeof StaleThread>('stale-thread.js');
    const { scanPlan, stalePaths, staleOfScan } = await load<typeof Preflight>('preflight.js');
    const { readPlan } = await load<typeof Store>('store.js');
    const { StateDir } = await load<typeof StateDirs>('state-dir.js');
    const root = personasTree();
    const saved = await savedPlan({ project: root }, continuumOps);
    const at = (p: string): string => path.join(root, '.continuum', p);
    fs.writeFileSync(at('personas/u5/logs/2026-11-02.log'), 'new'); // an entry added deep in a moved tree
    fs.rmSync(at('personas/u100/memory/notes/recent.md')); // one removed
    fs.writeFileSync(at('users/u900'), 'in the way'); // a target that appeared
    fs.chmodSync(at('personas/u500'), 0o700); // a mode changed
    fs.utimesSync(at('personas/u800/logs'), new Date(), new Date()); // touched, same entries: not a change
    fs.writeFileSync(at('personas/u999/state.db'), 'db 999 changed'); // a file rewritten in place

    const { plan } = readPlan(new StateDir(root), saved.id);
    const check = ThreadedCheck.start(plan.operations, plan.roots)!;
    expect(check).toBeDefined();
    const scan = scanPlan(plan, (_, i) => check.add(i));
    while (check.checkedByThread === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    const threaded = staleOfScan(scan, await check.problems());

    expect(threaded).toEqual(await stalePaths(plan));
    expect(threaded.map((p) => p.replace(/ \(.*$/, ''))).toEqual([
      '.continuum/personas/u5',
      '.continuum/personas/u100',
      '.continuum/personas/u500',
      '.continuum/users/u900',
      '.continuum/personas/u999/state.db',
      '.continuum/personas',
    ]);
  });

  it('rollback: the check of each user as soon as it is back finds the tree as it was but for a file added after apply', async () => {
    const root = personasTree();
    const before = snapshotTree(root);
    const plan = await savedPlan({ project: root }, continuumOps);
    const apply = runCli(['apply', plan.id, '--root', root]);
    expect(apply.status, apply.stderr).toBe(0);
    const late = path.join(root, '.continuum/users/u123/logs/late.log');
    fs.writeFileSync(late, 'written after apply');
    const back = runCli(['rollback', plan.id, '--root', root, '--json']);
    expect(back.status, back.stderr).toBe(1);
    const out = JSON.parse(back.stdout) as { outcome: string; differences: string[] };
    expect(out.outcome).toBe('differs');
    expect(out.differences.map((p) => p.replace(/ \(.*$/, ''))).toEqual(['.continuum/personas/u123', '.continuum/personas']);
    fs.rmSync(path.join(root, '.continuum/personas/u123/logs/late.log'));
    expect(snapshotTree(root)).toEqual(before);
  });
});

describe('FinalSteps', () => {
  const move = (from: string, to: string, newParents = 0): Operation => ({
    kind: 'move',
    source: 't',
    from: loc('project', from),
    to: loc('project', to),
    ...(newParents ? { newParents, parentMode: 0o755 } : {}),
    pre: [
      { loc: loc('project', from), expect: { type: 'file', size: 1, mode: 0o644, sha256: '' } },
      { loc: loc('project', to), expect: { type: 'absent' } },
    ],
  });

  it('a step is checkable once the lowest step touching its paths, one inside them or one containing them, is undone', () => {
    const ops = [
      move('p/a/db', 'p/a/data/db', 1), // 0: inside p/a, which step 1 moves
      move('p/a', 'u/a'), // 1
      move('x/f', 'y/f'), // 2: nothing else touches x/ or y/
      move('y', 'z'), // 3: contains step 2's target
      move('q/g', 'r/g'), // 4
    ];
    const steps = new FinalSteps();
    ops.forEach((op, i) => steps.add(op, i));
    expect([...steps.byFinalStep()].sort(([a], [b]) => a - b)).toEqual([
      [0, [0, 1]],
      [2, [2, 3]],
      [4, [4]],
    ]);
  });
});
