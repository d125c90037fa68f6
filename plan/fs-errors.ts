// Operating-system errors in words a user acts on: what happened, to which path.
import path from 'node:path';

const WHAT: Record<string, string> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EACCES: 'permission denied',
  EPERM: 'the operation is not permitted',
  ENOENT: 'it does not exist',
  EROFS: 'the filesystem is read-only',
  EIO: 'an input/output error (failing disk?)',
  EEXIST: 'it already exists',
  ENOTDIR: 'a parent is not a directory',
  EISDIR: 'it is a directory',
  ENOTEMPTY: 'the directory is not empty',
  EMFILE: 'too many open files',
  ENAMETOOLONG: 'the name is too long',
  ELOOP: 'too many levels of symlinks',
  EBUSY: 'it is in use',
  EFBIG: 'the file is too large for this filesystem',
};

function shown(p: string): string {
  const rel = path.relative(process.cwd(), p);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : p;
}

/** Whether `e` is an error from a system call (it carries an errno code). */
export function isSystemError(e: unknown): e is NodeJS.ErrnoException {
  return e instanceof Error && typeof (e as NodeJS.ErrnoException).code === 'string' && typeof (e as NodeJS.ErrnoException).syscall === 'string';
}

/** `the disk is full writing data/a.db`, never the raw `ENOSPC: no space left on device, write`. */
export function describeError(e: unknown): string {
  if (!isSystemError(e)) return (e as Error).message;
  const what = WHAT[e.code!] ?? `system error ${e.code}`;
  const dest = (e as { dest?: string }).dest;
  const target = dest ? `${shown(e.path ?? '')} -> ${shown(dest)}` : e.path ? shown(e.path) : '';
  return `${what}${target ? ` (${e.syscall} ${target})` : ` (${e.syscall})`}`;
}

/** Whether freeing space is the fix. */
export function isDiskFull(e: unknown): boolean {
  return isSystemError(e) && (e.code === 'ENOSPC' || e.code === 'EDQUOT');
}
