import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { SafetyError } from './errors.js';
import { hashFile, sha256 } from './fingerprint.js';
import { ListingCache } from './listings.js';

export function fsyncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch (e) {
    // Some filesystems refuse fsync on directories (the rename itself is still atomic), and a
    // deferred sync may find its dir already removed by a later step: nothing left to sync.
    if (!['EISDIR', 'EINVAL', 'ENOENT'].includes((e as NodeJS.ErrnoException).code ?? '')) throw e;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** A sibling name for temporary files, recognisable so an interrupted run can clean it up. */
export function tempSibling(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.migrate-users-tmp-${crypto.randomBytes(4).toString('hex')}`);
}

export function isTempSiblingOf(name: string, target: string): boolean {
  return name.startsWith(`.${path.basename(target)}.migrate-users-tmp-`);
}

/**
 * Removes temp siblings an interrupted run may have left next to `target`. `listings` may be
 * shared by the steps of one run: what it lists that this run already removed is skipped.
 */
export function removeStaleTemps(target: string, listings = new ListingCache()): void {
  const dir = path.dirname(target);
  let names: Iterable<string>;
  try {
    names = listings.get(dir)?.keys() ?? [];
  } catch {
    return;
  }
  for (const n of names) if (isTempSiblingOf(n, target)) fs.rmSync(path.join(dir, n), { recursive: true, force: true });
}

/** write(2) and fsync(2) errors name no path: name the file they were for. */
function withPath(e: unknown, target: string): unknown {
  const err = e as NodeJS.ErrnoException;
  if (err && typeof err.code === 'string' && err.path === undefined) err.path = target;
  return e;
}

/** What reached the disk is not what was written: a full disk, a short write, a failing device. */
export class VerifyError extends SafetyError {}

/** Checks size and hash of what is on disk now against what was meant to be there. */
export function verifyFile(p: string, size: number, hash: string): void {
  const got = fs.statSync(p).size;
  if (got !== size) throw new VerifyError(`only ${got} of ${size} bytes of ${p} reached the disk (is it full?)`);
  if (hashFile(p) !== hash) throw new VerifyError(`${p} does not hold the bytes written to it (${size} bytes, content differs)`);
}

/** write(2) may write less than asked (a nearly full disk): loop until every byte is written. */
function writeAll(fd: number, data: Uint8Array): void {
  for (let off = 0; off < data.length; ) {
    const n = fs.writeSync(fd, data, off, data.length - off);
    if (n <= 0) throw new VerifyError(`write made no progress at byte ${off} of ${data.length} (is the disk full?)`);
    off += n;
  }
}

/**
 * Writes via temp file + fsync + verify + rename + fsync(dir): readers see the old or the new
 * bytes, never a mix, and the new bytes are checked (size and hash) before they replace anything.
 */
export function writeFileAtomic(target: string, data: Uint8Array, mode: number): void {
  const tmp = tempSibling(target);
  try {
    const fd = fs.openSync(tmp, 'wx', mode);
    try {
      writeAll(fd, data);
      fs.fchmodSync(fd, mode); // the umask must not widen or narrow what the original had
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    verifyFile(tmp, data.length, sha256(data));
    fs.renameSync(tmp, target);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw withPath(e, target);
  }
  fsyncDir(path.dirname(target));
}

/** Copies a file via a verified temp sibling: `target` ends up whole and equal to `source`, or untouched. */
export function copyFileAtomic(source: string, target: string, mode: number): void {
  const want = { size: fs.statSync(source).size, hash: hashFile(source) };
  const tmp = tempSibling(target);
  try {
    fs.copyFileSync(source, tmp, fs.constants.COPYFILE_EXCL);
    fs.chmodSync(tmp, mode);
    fsyncFile(tmp);
    verifyFile(tmp, want.size, want.hash);
    fs.renameSync(tmp, target);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw withPath(e, target);
  }
  fsyncDir(path.dirname(target));
}

export function fsyncFile(p: string): void {
  const fd = fs.openSync(p, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
