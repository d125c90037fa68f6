import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';

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

/** Removes temp siblings an interrupted run may have left next to `target`. */
export function removeStaleTemps(target: string): void {
  const dir = path.dirname(target);
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return;
  }
  for (const n of names) if (isTempSiblingOf(n, target)) fs.rmSync(path.join(dir, n), { recursive: true, force: true });
}

/** Writes via temp file + fsync + rename + fsync(dir): readers see the old or the new bytes, never a mix. */
export function writeFileAtomic(target: string, data: Uint8Array, mode: number): void {
  const tmp = tempSibling(target);
  const fd = fs.openSync(tmp, 'wx', mode);
  try {
    fs.writeSync(fd, data);
    fs.fchmodSync(fd, mode); // the umask must not widen or narrow what the original had
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  try {
    fs.renameSync(tmp, target);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
  fsyncDir(path.dirname(target));
}
