import path from 'node:path';
import fs from 'node:fs';
import { ListingCache, type EntryKind } from './listings.js';
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

/** What path.join would change in an absolute POSIX dir: `//`, a `.` or `..` segment, a trailing `/`. */
const UNNORMAL_DIR = /\/\/|\/\.\.?(?:\/|$)|\/$/;

/** `dir` joined with a relative path; both already normal (every path of a saved plan) are joined without splitting them. */
export function joinRel(dir: string, rel: string): string {
  if (path.sep === '/' && dir.startsWith('/') && !UNNORMAL_DIR.test(dir) && NORMAL.test(rel)) return `${dir}/${rel}`;
  return path.join(dir, ...rel.split('/'));
}

/** Absolute path for a location, without resolving symlinks. */
export function abs(roots: Roots, l: Loc): string {
  return joinRel(rootDir(roots, l), normaliseRel(l.path));
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

/** A root as a check sees it: where it resolves to, and which dir that is (dev and inode). */
export interface ResolvedRoot {
  real: string;
  dev: bigint;
  ino: bigint;
}

/** Resolved ancestors already checked, shared across the locations of one plan. */
export class ContainmentCache {
  readonly ancestors = new Map<string, string>();
  /** Parent paths (`root\0rel`) whose every ancestor was found to be a dir inside the root. */
  readonly parents = new Set<string>();
  /** Ancestors found missing: nothing below them can lead anywhere. */
  readonly missing = new Set<string>();
  /** How many children of each dir were looked up one by one; past LIST_AFTER its listing answers (made when first needed). */
  private lookups: Map<string, number> | undefined;
  private listings: ListingCache | undefined;
  /**
   * Resolved roots can be shared by caches whose ancestors must be looked at afresh. Such a
   * cache (`fresh`) checks each parent with one call first (see reachesRoot), where a cache
   * kept for a whole plan is better served by the ancestors it already holds.
   */
  constructor(
    readonly roots = new Map<string, ResolvedRoot>(),
    readonly fresh = false,
  ) {}

  /** Forgets every ancestor seen (not the roots): the next check looks at each afresh. */
  forget(): void {
    // clear() allocates a new table even for an empty map: most checks leave two of them empty.
    if (this.ancestors.size > 0) this.ancestors.clear();
    if (this.parents.size > 0) this.parents.clear();
    if (this.missing.size > 0) this.missing.clear();
    this.lookups = undefined;
    this.listings = undefined;
  }

  /**
   * What `dir`'s listing says its entry `name` is, once many of its children were asked about
   * (one read of a dir of 10,000 users instead of 10,000 lstats); undefined while it does not
   * say. A fresh cache never answers from a listing: it looks at each path when asked.
   */
  listedKind(dir: string, name: string): EntryKind | 'missing' | undefined {
    if (this.fresh) return undefined;
    const listings = (this.listings ??= new ListingCache());
    if (!listings.has(dir)) {
      const lookups = (this.lookups ??= new Map());
      const asked = (lookups.get(dir) ?? 0) + 1;
      lookups.set(dir, asked);
      if (asked <= LIST_AFTER) return undefined;
    }
    const listing = listings.get(dir);
    return listing ? (listing.get(name) ?? 'missing') : undefined;
  }
}

/** Children of one dir looked up one by one before its listing is read instead. */
const LIST_AFTER = 8;

function resolveRoot(rootPath: string, cache: ContainmentCache): ResolvedRoot {
  let root = cache.roots.get(rootPath);
  if (root === undefined) {
    const real = fs.realpathSync(rootPath);
    const st = fs.lstatSync(real, { bigint: true });
    root = { real, dev: st.dev, ino: st.ino };
    cache.roots.set(rootPath, root);
  }
  return root;
}

/**
 * Whether the dir at `rootPath/parentRel` (`depth` names deep) lies inside the root, in one
 * lstat instead of one per ancestor: the kernel follows every link on the way down, then climbs
 * `..` through the real parents of the dir it reached (`..` is never a link), so `depth` times
 * `..` lands on the root itself exactly when that dir lies inside the root at that depth. False
 * when it cannot tell so (an ancestor missing or not a dir, a link to elsewhere in the root):
 * the walk over the ancestors decides then, and names the link that leads out.
 */
function reachesRoot(rootPath: string, parentRel: string, depth: number, root: ResolvedRoot): boolean {
  let st: fs.BigIntStats | undefined;
  try {
    st = fs.lstatSync(`${rootPath}/${parentRel}${'/..'.repeat(depth)}`, { bigint: true, throwIfNoEntry: false });
  } catch {
    return false;
  }
  return st !== undefined && st.ino === root.ino && st.dev === root.dev;
}

/**
 * Checks that a location stays inside its root once symlinks in its existing ancestors are
 * resolved. The final component is not followed: symlinks themselves are moved as links.
 */
export function assertContained(roots: Roots, l: Loc, cache = new ContainmentCache()): void {
  const rootPath = rootDir(roots, l);
  const resolvedRoot = resolveRoot(rootPath, cache);
  const root = resolvedRoot.real;
  const rel = normaliseRel(l.path);
  const cut = rel.lastIndexOf('/');
  if (cut < 0) return; // right in the root: no ancestor to resolve
  const parentRel = rel.slice(0, cut);
  const parentKey = `${rootPath}\0${parentRel}`;
  if (cache.parents.has(parentKey)) return;
  const parts = rel.split('/');
  if (cache.fresh && reachesRoot(rootPath, parentRel, parts.length - 1, resolvedRoot)) {
    cache.parents.add(parentKey);
    return;
  }
  let cur = root;
  for (let i = 0; i < parts.length - 1; i++) {
    const next = joinRel(cur, parts[i]!);
    const known = cache.ancestors.get(next);
    if (known !== undefined) {
      cur = known;
      continue;
    }
    if (cache.missing.has(next)) return;
    const listed = cache.listedKind(cur, parts[i]!);
    if (listed === 'missing') {
      cache.missing.add(next);
      return;
    }
    if (listed === 'file' || listed === 'other') return; // not a dir: nothing can be reached through it
    if (listed === 'dir') {
      cache.ancestors.set(next, next);
      cur = next;
      continue;
    }
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
