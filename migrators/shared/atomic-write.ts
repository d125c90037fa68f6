import fs from 'node:fs';
import path from 'node:path';

/** Writes a file so that it is either absent/old or complete: temp sibling, fsync, rename, fsync dir. */
export function writeFileAtomic(target: string, bytes: Uint8Array, mode: number): void {
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.migrate-users-tmp`);
  const fd = fs.openSync(tmp, 'w', mode);
  try {
    fs.writeSync(fd, bytes);
    fs.fchmodSync(fd, mode); // the umask may have narrowed the mode given to open
    fs.fsyncSync(fd);
  } catch (e) {
    fs.closeSync(fd);
    fs.rmSync(tmp, { force: true });
    throw e;
  }
  fs.closeSync(fd);
  fs.renameSync(tmp, target);
  const dir = fs.openSync(path.dirname(target), 'r');
  try {
    fs.fsyncSync(dir);
  } finally {
    fs.closeSync(dir);
  }
}
