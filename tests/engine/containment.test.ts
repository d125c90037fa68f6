// The check right before each step vouches for a location's ancestors in one lstat (the dir the
// path reaches, climbed back with `..`); the walk over every ancestor is the reference. On every
// shape of ancestor chain they must agree, or the one-call check must hand over to the walk.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { assertContained, ContainmentCache, joinRel, loc, UnsafePathError } from '../../plan/paths.js';
import { tempDir, writeTree, type TreeSpec } from '../helpers/tree.js';

const outcome = (check: () => void): string => {
  try {
    check();
    return 'inside';
  } catch (e) {
    if (!(e instanceof UnsafePathError)) throw e;
    return 'refused';
  }
};

/** A project with every kind of ancestor: plain dirs, links inside at the same and another depth, links out, dangling, a file on the way. */
function project(): { root: string; outside: string } {
  const base = tempDir('mu-contain-');
  const root = path.join(base, 'project');
  const outside = path.join(base, 'outside');
  writeTree(outside, { 'x/y/f': 'out', 'x/back': { link: path.join(root, 'c/d') } });
  writeTree(root, {
    'a/b/c/f': 'f',
    'c/d/f': 'f',
    'file': 'plain',
    'same': { link: 'c' }, // same depth as the dir it names
    'deeper': { link: 'c/d' }, // one level deeper
    'a/up': { link: '..' }, // back to the root itself
    'out': { link: path.join(outside, 'x') },
    'dangling': { link: 'nowhere' },
    'a/out': { link: path.join(outside, 'x/y') },
  });
  return { root, outside };
}

const LOCATIONS = [
  'a/b/c/f', 'a/b/c/new/deeper/still', 'a/b/missing/f', 'c/d/f', 'file/f', 'file/g/h',
  'same/d/f', 'deeper/f', 'deeper/x/y', 'a/up/c/d/f', 'a/up/a/up/file',
  'out/y/f', 'out/new', 'a/out/f', 'dangling/f', 'dangling/a/b', 'f', 'a',
];

describe('containment check right before a step', () => {
  it('agrees with the walk over every ancestor on every shape of chain (links in, out, dangling, a file on the way, missing)', () => {
    const { root } = project();
    const roots = { project: root };
    const differ: string[] = [];
    for (const p of LOCATIONS) {
      const walk = outcome(() => assertContained(roots, loc('project', p), new ContainmentCache()));
      const oneCall = outcome(() => assertContained(roots, loc('project', p), new ContainmentCache(new Map(), true)));
      if (walk !== oneCall) differ.push(`${p}: walk ${walk}, one call ${oneCall}`);
    }
    expect(differ).toEqual([]);
    // The cases that matter do differ from each other: the comparison is not vacuous.
    expect(outcome(() => assertContained(roots, loc('project', 'out/y/f'), new ContainmentCache(new Map(), true)))).toBe('refused');
    expect(outcome(() => assertContained(roots, loc('project', 'same/d/f'), new ContainmentCache(new Map(), true)))).toBe('inside');
  });

  it('a chain that leaves the root and comes back in: the walk refuses the link out, the one-call check vouches only for where the path lands (inside)', () => {
    const { root } = project();
    const roots = { project: root };
    // out -> outside/x, and outside/x/back -> project/c/d: `out/back/f` lands in project/c/d.
    expect(outcome(() => assertContained(roots, loc('project', 'out/back/f'), new ContainmentCache()))).toBe('refused');
    expect(outcome(() => assertContained(roots, loc('project', 'out/back/f'), new ContainmentCache(new Map(), true)))).toBe('inside');
  });

  it('a root reached through a symlink is still the root', () => {
    const { root } = project();
    const alias = `${root}-alias`;
    fs.symlinkSync(root, alias);
    const roots = { project: alias };
    for (const p of LOCATIONS) {
      const walk = outcome(() => assertContained(roots, loc('project', p), new ContainmentCache()));
      expect(outcome(() => assertContained(roots, loc('project', p), new ContainmentCache(new Map(), true))), p).toBe(walk);
    }
  });

  it('an ancestor swapped for a link to the very dir it was (renamed out of the root) is refused: same inode, but no longer inside', () => {
    const { root, outside } = project();
    const roots = { project: root };
    const runRoots = new ContainmentCache().roots; // what a run keeps: the root resolved once
    const check = (): string => outcome(() => assertContained(roots, loc('project', 'a/b/c/f'), new ContainmentCache(runRoots, true)));
    expect(check()).toBe('inside');
    fs.renameSync(path.join(root, 'a'), path.join(outside, 'a'));
    fs.symlinkSync(path.join(outside, 'a'), path.join(root, 'a'));
    expect(check()).toBe('refused');
  });
});

describe('containment check of a whole plan (one cache for every location)', () => {
  it('answers from a dir listing once many children of the dir were asked about, as a look at each path would: links out among them refused', () => {
    const base = tempDir('mu-contain-many-');
    const root = path.join(base, 'project');
    const special: Record<number, TreeSpec[string]> = {
      20: { link: path.join(base, 'outside') },
      21: { link: '../elsewhere' }, // inside the root
      22: 'a file',
    };
    const spec: TreeSpec = {};
    for (let u = 0; u < 30; u++) {
      if (special[u] === undefined) spec[`personas/u${u}/state.db`] = 'db';
      else spec[`personas/u${u}`] = special[u]!;
    }
    writeTree(path.join(base, 'outside'), { 'state.db': 'out' });
    writeTree(path.join(root, 'elsewhere'), { 'state.db': 'in' });
    writeTree(root, spec);
    const roots = { project: root };
    const locations = Array.from({ length: 32 }, (_, u) => [`personas/u${u}/state.db`, `personas/u${u}/data/longterm.db`]).flat();
    const shared = new ContainmentCache();
    const withOneCache = locations.map((p) => `${p}: ${outcome(() => assertContained(roots, loc('project', p), shared))}`);
    const eachAlone = locations.map((p) => `${p}: ${outcome(() => assertContained(roots, loc('project', p), new ContainmentCache()))}`);
    expect(withOneCache).toEqual(eachAlone);
    expect(withOneCache.filter((o) => o.endsWith('refused'))).toEqual(['personas/u20/state.db: refused', 'personas/u20/data/longterm.db: refused']);
  });
});

describe('joinRel', () => {
  it('gives what path.join gives, for normal and unusual dirs and paths', () => {
    const dirs = ['/r', '/r/s', '/', '/r/', '//r', '/r/./s', '/r/../s', '/r/..', '/r/.', 'rel/dir', '/r/.hidden', '/r/..x'];
    const rels = ['a', 'a/b', '.x/y', 'a/../b', './a', 'a//b', 'a/', '..', '...', 'a/.'];
    for (const d of dirs) for (const r of rels) expect(joinRel(d, r), `${d} + ${r}`).toBe(path.join(d, ...r.split('/')));
  });
});
