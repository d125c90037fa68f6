// Moving entries between locations: a rename on one filesystem (cost per entry, not per
// byte), and a verified copy-then-delete when the rename fails with EXDEV.
import fs from 'node:fs';
import path from 'node:path';
import { fsyncDir, fsyncFile, tempSibling, VerifyError } from './atomic.js';
import { SafetyError } from './errors.js';
import { assertNotSpecial, hashFile } from './fingerprint.js';

type RenameFn = (from: string, to: string) => void;

let renameImpl: RenameFn = fs.renameSync;

/** Test seam: replace rename(2), e.g. with one that throws EXDEV to force the copy path. */
export function setRenameForTesting(fn: RenameFn | undefined): void {
  renameImpl = fn ?? fs.renameSync;
}

if (process.env.MIGRATE_USERS_TEST_FORCE_EXDEV === '1') {
  setRenameForTesting((from, to) => {
    const err = new Error(`EXDEV: cross-device link not permitted, rename '${from}' -> '${to}'`) as NodeJS.ErrnoException;
    err.code = 'EXDEV';
    throw err;
  });
}

/** Plain renames inside the tool's own temp files never cross devices. */
export function renameLocal(from: string, to: string): void {
  fs.renameSync(from, to);
}

/** Where each multiply-linked inode was first copied to, so its other names link to the copy. */
type LinkMap = Map<string, string>;
const inodeKey = (st: fs.Stats): string => `${st.dev}:${st.ino}`;

/**
 * Copies a tree: files (verified later), dirs with their modes, symlinks as links, and hard
 * links inside the tree as hard links. Special files are refused before anything is read.
 */
export function copyTree(src: string, dst: string, links: LinkMap = new Map()): void {
  const st = fs.lstatSync(src);
  if (st.isSymbolicLink()) {
    fs.symlinkSync(fs.readlinkSync(src), dst);
  } else if (st.isDirectory()) {
    fs.mkdirSync(dst, { mode: 0o700 });
    for (const name of fs.readdirSync(src)) copyTree(path.join(src, name), path.join(dst, name), links);
    fs.chmodSync(dst, st.mode & 0o7777);
    fsyncDir(dst);
  } else {
    assertNotSpecial(src, st);
    const first = st.nlink > 1 ? links.get(inodeKey(st)) : undefined;
    if (first) {
      fs.linkSync(first, dst);
      return;
    }
    fs.copyFileSync(src, dst, fs.constants.COPYFILE_EXCL);
    fs.chmodSync(dst, st.mode & 0o7777);
    fsyncFile(dst);
    if (st.nlink > 1) links.set(inodeKey(st), dst);
  }
}

/**
 * A copy-then-delete move would split a file from its hard links outside the moved tree (the
 * outside name would keep the old bytes alone): refuse that before copying anything.
 */
function assertNoOutsideLinks(src: string): void {
  const seen = new Map<string, { path: string; nlink: number; inside: number }>();
  const walk = (p: string): void => {
    const st = fs.lstatSync(p);
    if (st.isDirectory()) {
      for (const name of fs.readdirSync(p)) walk(path.join(p, name));
    } else if (st.isFile() && st.nlink > 1) {
      const e = seen.get(inodeKey(st)) ?? { path: p, nlink: st.nlink, inside: 0 };
      e.inside++;
      seen.set(inodeKey(st), e);
    }
  };
  walk(src);
  for (const e of seen.values()) {
    if (e.inside < e.nlink) {
      throw new SafetyError(`${e.path} has ${e.nlink - e.inside} hard link(s) outside ${src}; moving it to another filesystem would split them; remove the extra links (or move the data yourself) and run \`migrate-users plan\` again`);
    }
  }
}

/** Every file's bytes, mode, every link target and the hard links identical: the copy may replace the source. */
export function verifyCopy(src: string, dst: string, links = new Map<string, string>()): void {
  const a = fs.lstatSync(src);
  const b = fs.lstatSync(dst);
  const fail = (what: string): never => {
    throw new VerifyError(`the copy of ${src} at ${dst} differs from it (${what}); the source is kept`);
  };
  if (a.isSymbolicLink() !== b.isSymbolicLink() || a.isDirectory() !== b.isDirectory()) fail('type');
  if (a.isSymbolicLink()) {
    if (fs.readlinkSync(src) !== fs.readlinkSync(dst)) fail('link target');
    return;
  }
  if ((a.mode & 0o7777) !== (b.mode & 0o7777)) fail('mode');
  if (a.isDirectory()) {
    const names = fs.readdirSync(src).sort();
    const other = fs.readdirSync(dst).sort();
    if (names.join('\0') !== other.join('\0')) fail('entries');
    for (const n of names) verifyCopy(path.join(src, n), path.join(dst, n), links);
    return;
  }
  if (a.nlink > 1) {
    const first = links.get(inodeKey(a));
    if (first !== undefined && first !== inodeKey(b)) fail('hard links');
    links.set(inodeKey(a), inodeKey(b));
  }
  if (a.size !== b.size) fail(`size ${b.size} of ${a.size} bytes`);
  if (hashFile(src) !== hashFile(dst)) fail('content');
}

/** Copies `src` to a verified temp sibling of `dst` and renames it into place; no temp is left on failure. */
export function copyVerified(src: string, dst: string): void {
  const tmp = tempSibling(dst);
  try {
    copyTree(src, tmp);
    verifyCopy(src, tmp);
    renameLocal(tmp, dst);
  } catch (e) {
    fs.rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
  fsyncDir(path.dirname(dst));
}

export interface MoveHooks {
  /** Called before a copy starts leaving a temp beside the destination. */
  onCopying?: () => void;
  /** Called once the verified copy is in place and before the source is deleted. */
  onCopied?: () => void;
}

/**
 * Moves `src` to `dst` (which must not exist). Symlinks move as links. Across filesystems:
 * copy to a temp sibling, verify size+hash+mode, rename into place, delete the source last.
 * A rename is not followed by directory fsyncs: the entry is always whole at one of the two
 * places, and apply and rollback read the tree to see which, so a rename a power cut undid is
 * simply redone (the copy path, which deletes data, does sync before deleting).
 */
export function moveEntry(src: string, dst: string, hooks: MoveHooks = {}): 'renamed' | 'copied' {
  try {
    renameImpl(src, dst);
    return 'renamed';
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EXDEV') throw e;
  }
  assertNoOutsideLinks(src);
  hooks.onCopying?.();
  copyVerified(src, dst);
  hooks.onCopied?.();
  fs.rmSync(src, { recursive: true, force: true });
  fsyncDir(path.dirname(src));
  return 'copied';
}
