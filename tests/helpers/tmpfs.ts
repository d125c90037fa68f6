// A real, small filesystem that fills up: tmpfs mounted for one test (needs root, as in CI).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { tempDir } from './tree.js';

export async function withTmpfs<T>(sizeMiB: number, run: (dir: string) => Promise<T> | T): Promise<T> {
  if (process.getuid?.() !== 0) throw new Error('the full-disk tests mount a tmpfs and must run as root (CI does)');
  const dir = tempDir('mu-tmpfs-');
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeMiB}m`, 'tmpfs', dir]);
  try {
    return await run(dir);
  } finally {
    execFileSync('umount', [dir]);
    fs.rmdirSync(dir);
  }
}

/** Fills the filesystem of `dir` until only `leaveBytes` are free; returns the filler's path. */
export function fillDisk(dir: string, leaveBytes: number): string {
  const free = (): number => {
    const s = fs.statfsSync(dir);
    return s.bavail * s.bsize;
  };
  const filler = path.join(dir, `filler-${Date.now()}`);
  const size = free() - leaveBytes;
  if (size > 0) fs.writeFileSync(filler, Buffer.alloc(size, 1));
  return filler;
}
