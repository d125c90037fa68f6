// Moving entries between locations: a rename on one filesystem (cost per entry, not per
// byte), and a verified copy-then-delete when the rename fails with EXDEV.
import fs from 'node:fs';
import path from 'node:path';
import { fsyncDir, tempSibling } from './atomic.js';
import { sha256 } from './fingerprint.js';

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

export function copyTree(src: string, dst: string): void {
  const st = fs.lstatSync(src);
  if (st.isSymbolicLink()) {
    fs.symlinkSync(fs.readlinkSync(src), dst);
  } else if (st.isDirectory()) {
    fs.mkdirSync(dst, { mode: 0o700 });
    for (const name of fs.readdirSync(src)) copyTree(path.join(src, name), path.join(dst, name));
    fs.chmodSync(dst, st.mode & 0o7777);
    fsyncDir(dst);
  } else {
    fs.copyFileSync(src, dst, fs.constants.COPYFILE_EXCL);
    fs.chmodSync(dst, st.mode & 0o7777);
    const fd = fs.openSync(dst, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  }
}

/** Every file's bytes, mode and every link target identical: the copy may replace the source. */
function verifyCopy(src: string, dst: string): void {
  const a = fs.lstatSync(src);
  const b = fs.lstatSync(dst);
  const where = `${src} -> ${dst}`;
  if (a.isSymbolicLink() !== b.isSymbolicLink() || a.isDirectory() !== b.isDirectory()) throw new Error(`copy verification failed (type): ${where}`);
  if (a.isSymbolicLink()) {
    if (fs.readlinkSync(src) !== fs.readlinkSync(dst)) throw new Error(`copy verification failed (link): ${where}`);
    return;
  }
  if ((a.mode & 0o7777) !== (b.mode & 0o7777)) throw new Error(`copy verification failed (mode): ${where}`);
  if (a.isDirectory()) {
    const names = fs.readdirSync(src).sort();
    const other = fs.readdirSync(dst).sort();
    if (names.join('\0') !== other.join('\0')) throw new Error(`copy verification failed (entries): ${where}`);
    for (const n of names) verifyCopy(path.join(src, n), path.join(dst, n));
    return;
  }
  if (a.size !== b.size || sha256(fs.readFileSync(src)) !== sha256(fs.readFileSync(dst))) {
    throw new Error(`copy verification failed (content): ${where}`);
  }
}

export interface MoveHooks {
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
  const tmp = tempSibling(dst);
  copyTree(src, tmp);
  verifyCopy(src, tmp);
  renameLocal(tmp, dst);
  fsyncDir(path.dirname(dst));
  hooks.onCopied?.();
  fs.rmSync(src, { recursive: true, force: true });
  fsyncDir(path.dirname(src));
  return 'copied';
}
