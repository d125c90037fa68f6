import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Fingerprint } from './types.js';

export function sha256(data: Uint8Array | string): string {
  return crypto.createHash('sha256').update(data).digest('hex');
}

export function lstatOrNull(p: string): fs.Stats | null {
  try {
    return fs.lstatSync(p);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT' || (e as NodeJS.ErrnoException).code === 'ENOTDIR') return null;
    throw e;
  }
}

const PERMS = 0o7777;

/**
 * Fingerprint of a directory: every entry's relative path, type, size, mode and link target.
 * Cost follows entries, not bytes: file contents are not hashed.
 */
function dirDigest(dir: string): { entries: number; bytes: number; digest: string } {
  const h = crypto.createHash('sha256');
  let entries = 0;
  let bytes = 0;
  const walk = (abs: string, rel: string): void => {
    const names = fs.readdirSync(abs).sort();
    for (const name of names) {
      const childAbs = path.join(abs, name);
      const childRel = rel ? `${rel}/${name}` : name;
      const st = fs.lstatSync(childAbs);
      entries++;
      if (st.isSymbolicLink()) h.update(`l\0${childRel}\0${fs.readlinkSync(childAbs)}\n`);
      else if (st.isDirectory()) {
        h.update(`d\0${childRel}\0${st.mode & PERMS}\n`);
        walk(childAbs, childRel);
      } else {
        bytes += st.size;
        h.update(`f\0${childRel}\0${st.size}\0${st.mode & PERMS}\n`);
      }
    }
  };
  walk(dir, '');
  return { entries, bytes, digest: h.digest('hex') };
}

export function fingerprint(p: string): Fingerprint {
  const st = lstatOrNull(p);
  if (!st) return { type: 'absent' };
  if (st.isSymbolicLink()) return { type: 'symlink', target: fs.readlinkSync(p) };
  if (st.isDirectory()) return { type: 'dir', mode: st.mode & PERMS, ...dirDigest(p) };
  return { type: 'file', size: st.size, mode: st.mode & PERMS, sha256: sha256(fs.readFileSync(p)) };
}

export function sameFingerprint(a: Fingerprint, b: Fingerprint): boolean {
  if (a.type !== b.type) return false;
  switch (a.type) {
    case 'absent':
      return true;
    case 'symlink':
      return a.target === (b as typeof a).target;
    case 'file': {
      const o = b as typeof a;
      return a.sha256 === o.sha256 && a.size === o.size && a.mode === o.mode;
    }
    case 'dir': {
      const o = b as typeof a;
      return a.digest === o.digest && a.mode === o.mode;
    }
  }
}

export function describeFingerprint(f: Fingerprint): string {
  switch (f.type) {
    case 'absent':
      return 'absent';
    case 'symlink':
      return `symlink -> ${f.target}`;
    case 'file':
      return `file (${f.size} bytes, mode ${f.mode.toString(8)})`;
    case 'dir':
      return `dir (${f.entries} entries)`;
  }
}
