// Read-only views of the tree that migrators plan against. Entries are lstat-ed: symlinks are
// reported as links and never followed.
import fs from 'node:fs';
import path from 'node:path';
import { abs, display, isInside } from '../../plan/paths.js';
import type { Loc, Roots, Warning } from '../../plan/types.js';

export type EntryType = 'file' | 'dir' | 'symlink';

export function entryType(p: string): EntryType | undefined {
  let st: fs.Stats;
  try {
    st = fs.lstatSync(p);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw e;
  }
  if (st.isSymbolicLink()) return 'symlink';
  return st.isDirectory() ? 'dir' : 'file';
}

export function typeAt(roots: Roots, l: Loc): EntryType | undefined {
  return entryType(abs(roots, l));
}

/** Names in a directory, sorted so that plans are deterministic; empty when it is not a dir. */
export function childNames(p: string): string[] {
  if (entryType(p) !== 'dir') return [];
  return fs.readdirSync(p).sort();
}

/** Every entry below `dir`, keyed by POSIX path relative to it; links are not entered. */
export function listTree(dir: string): Map<string, EntryType> {
  const out = new Map<string, EntryType>();
  const walk = (absDir: string, rel: string): void => {
    // Dirent types come with the listing: one syscall per dir, not one per entry.
    const entries = fs.readdirSync(absDir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const childRel = rel ? `${rel}/${e.name}` : e.name;
      const t: EntryType = e.isSymbolicLink() ? 'symlink' : e.isDirectory() ? 'dir' : e.isFile() ? 'file' : entryType(path.join(absDir, e.name)) ?? 'file';
      out.set(childRel, t);
      if (t === 'dir') walk(path.join(absDir, e.name), childRel);
    }
  };
  if (entryType(dir) === 'dir') walk(dir, '');
  return out;
}

export function joinLoc(base: Loc, rel: string): Loc {
  return { root: base.root, path: rel ? `${base.path}/${rel}` : base.path };
}

/**
 * Warnings for the symlinks inside an entry that is about to move from `from` to `to`: a link
 * whose target lies outside every root is moved as a link and its target left alone; a
 * relative link that would resolve somewhere else after the move is named so that the user
 * can fix it (the migrator does not rewrite link targets). `tree` is `from`'s listing when the
 * caller already has it.
 */
export function symlinkWarnings(source: string, roots: Roots, from: Loc, to: Loc, tree?: Map<string, EntryType>): Warning[] {
  const fromAbs = abs(roots, from);
  const top = entryType(fromAbs);
  const links: string[] = top === 'symlink' ? [''] : top === 'dir' ? [...(tree ?? listTree(fromAbs))].filter(([, t]) => t === 'symlink').map(([r]) => r) : [];
  const rootDirs = [roots.project, roots.home].flatMap((r) => (r ? [path.resolve(r)] : []));
  const warnings: Warning[] = [];
  for (const rel of links) {
    const linkLoc = joinLoc(from, rel);
    const linkAbs = abs(roots, linkLoc);
    const target = fs.readlinkSync(linkAbs);
    const before = path.resolve(path.dirname(linkAbs), target);
    const after = path.resolve(path.dirname(abs(roots, joinLoc(to, rel))), target);
    if (!rootDirs.some((r) => isInside(r, before))) {
      warnings.push({ source, code: 'symlink-outside-roots', file: display(linkLoc), message: `symlink to ${target} points outside the roots: moved as a link, its target is left alone` });
    } else if (!path.isAbsolute(target) && before !== after && !isInside(fromAbs, before)) {
      warnings.push({ source, code: 'symlink-retargeted', file: display(linkLoc), message: `relative symlink to ${target} will point somewhere else once moved to ${display(joinLoc(to, rel))}; fix it by hand if it matters` });
    }
  }
  return warnings;
}
