import path from 'node:path';
import fs from 'node:fs';
import type { Loc, Roots } from './types.js';

export class UnsafePathError extends Error {}

/** A path already normal: segments of neither `.` nor `..`, one `/` between them, no `\\`, NUL or drive. */
const NORMAL = /^(?![A-Za-z]:)(?!\.\.?(?:\/|$))[^/\\\0]+(?:\/(?!\.\.?(?:\/|$))[^/\\\0]+)*$/;

/** Normalises a root-relative path and rejects anything that could leave the root. */
export function normaliseRel(p: string): string {
  if (NORMAL.test(p)) return p; // every path of a saved plan: checked without splitting it
  if (p.includes('\0')) throw new UnsafePathError(`path contains a NUL byte: ${JSON.stringify(p)}`);
  if (p.includes('\\')) throw new UnsafePathError(`path uses a backslash: ${p}`);
  if (p.startsWith('/') || /^[A-Za-z]:/.test(p)) throw new UnsafePathError(`path is absolute: ${p}`);
  const parts = p.split('/').filter((s) => s !== '' && s !== '.');
  if (parts.length === 0) throw new UnsafePathError(`path is empty: ${JSON.stringify(p)}`);
  if (parts.includes('..')) throw new UnsafePathError(`path escapes its root: ${p}`);
  return parts.join('/');
}

export function loc(root: Loc['root'], p: string): Loc {
  return { root, path: normaliseRel(p) };
}

export function rootDir(roots: Roots, l: Loc): string {
  const dir = roots[l.root];
  if (!dir) throw new UnsafePathError(`plan uses the ${l.root} root but none is set (use --home or PERSAG_HOME)`);
  return dir;
}

/** Absolute path for a location, without resolving symlinks. */
export function abs(roots: Roots, l: Loc): string {
  return path.join(rootDir(roots, l), ...normaliseRel(l.path).split('/'));
}

/** A location for people: project paths as they are, home paths as `$HOME/...` (summaries name the home root). */
export function display(l: Loc): string {
  return l.root === 'project' ? l.path : `$${l.root.toUpperCase()}/${l.path}`;
}

export function sameLoc(a: Loc, b: Loc): boolean {
  return a.root === b.root && a.path === b.path;
}

/** Whether two paths are the same, or one lies inside the other (work on one may change the other). */
export function overlaps(a: string, b: string, sep = path.sep): boolean {
  return a === b || a.startsWith(`${b}${sep}`) || b.startsWith(`${a}${sep}`);
}

export function isInside(parent: string, child: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

function realpathOrSelf(p: string): string {
  try {
    return fs.realpathSync(p);
  } catch {
    return path.resolve(path.dirname(p), fs.readlinkSync(p)); // dangling: where it points
  }
}

/** Resolved ancestors already checked, shared across the locations of one plan. */
export class ContainmentCache {
  readonly ancestors = new Map<string, string>();
  /** Parent paths (`root\0rel`) whose every ancestor was found to be a dir inside the root. */
  readonly parents = new Set<string>();
  /** Ancestors found missing: nothing below them can lead anywhere. */
  readonly missing = new Set<string>();
  /** Resolved roots can be shared by caches whose ancestors must be looked at afresh. */
  constructor(readonly roots = new Map<string, string>()) {}
}

/**
 * Checks that a location stays inside its root once symlinks in its existing ancestors are
 * resolved. The final component is not followed: symlinks themselves are moved as links.
 */
export function assertContained(roots: Roots, l: Loc, cache = new ContainmentCache()): void {
  const rootPath = rootDir(roots, l);
  let root = cache.roots.get(rootPath);
  if (root === undefined) {
    root = fs.realpathSync(rootPath);
    cache.roots.set(rootPath, root);
  }
  const parts = normaliseRel(l.path).split('/');
  const parentKey = `${rootPath}\0${parts.slice(0, -1).join('/')}`;
  if (cache.parents.has(parentKey)) return;
  let cur = root;
  for (let i = 0; i < parts.length - 1; i++) {
    const next = path.join(cur, parts[i]!);
    const known = cache.ancestors.get(next);
    if (known !== undefined) {
      cur = known;
      continue;
    }
    if (cache.missing.has(next)) return;
    let st: fs.Stats | undefined;
    try {
      st = fs.lstatSync(next, { throwIfNoEntry: false });
    } catch {
      return; // not reachable (a file on the way): nothing can be reached through it
    }
    if (!st) {
      cache.missing.add(next);
      return; // the rest does not exist yet, so cannot point anywhere
    }
    // A plain dir under a resolved ancestor is inside the root: only a link can lead out.
    const resolved = st.isSymbolicLink() ? realpathOrSelf(next) : next;
    if (st.isSymbolicLink() && !isInside(root, resolved)) {
      const via = parts.slice(0, i + 1).join('/');
      throw new UnsafePathError(`path escapes its root through a symlink: ${display(l)} (${display({ root: l.root, path: via })} -> ${fs.readlinkSync(next)})`);
    }
    if (!st.isSymbolicLink() && !st.isDirectory()) return; // not a dir: nothing can be reached through it
    cache.ancestors.set(next, resolved);
    cur = resolved;
  }
  cache.parents.add(parentKey);
}
