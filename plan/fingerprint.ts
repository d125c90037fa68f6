import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { SafetyError } from './errors.js';
import { ListingCache } from './listings.js';
import { joinRel } from './paths.js';
import type { Fingerprint } from './types.js';

/** A FIFO, socket or device: reading one can block forever, and none can be copied as bytes. */
export class SpecialFileError extends SafetyError {}

type KindOfStats = Pick<fs.Stats, 'isFIFO' | 'isSocket' | 'isCharacterDevice' | 'isBlockDevice'>;

function specialKind(st: KindOfStats): string | undefined {
  if (st.isFIFO()) return 'FIFO (named pipe)';
  if (st.isSocket()) return 'socket';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'device file';
  return undefined;
}

/** Throws for special files; plans are refused over them rather than hang or fail half way. */
export function assertNotSpecial(p: string, st: KindOfStats): void {
  const kind = specialKind(st);
  if (kind) throw new SpecialFileError(`${p} is a ${kind}; migrate-users does not read, move or copy special files; move it out of the tree and run \`migrate-users plan\` again`);
}

export function sha256(data: Uint8Array | string): string {
  return crypto.createHash('sha256').update(data).digest('hex');
}

const CHUNK = 4 * 1024 * 1024;
// One read buffer for every hash: allocating 4 MiB per file cost more than hashing small files.
let chunkBuffer: Buffer | undefined;

/** Hash of a file read in chunks: files of any size (readFileSync stops at 2 GiB). */
export function hashFile(p: string): string {
  const h = crypto.createHash('sha256');
  const fd = fs.openSync(p, 'r');
  try {
    const buf = (chunkBuffer ??= Buffer.allocUnsafe(CHUNK));
    for (let n = fs.readSync(fd, buf, 0, CHUNK, null); n > 0; n = fs.readSync(fd, buf, 0, CHUNK, null)) h.update(buf.subarray(0, n));
  } finally {
    fs.closeSync(fd);
  }
  return h.digest('hex');
}

// `throwIfNoEntry: false`: a missing path is the common answer of a check, and an exception per
// answer costs more than the lstat itself.
export function lstatOrNull(p: string): fs.Stats | null {
  try {
    return fs.lstatSync(p, { throwIfNoEntry: false }) ?? null;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT' || (e as NodeJS.ErrnoException).code === 'ENOTDIR') return null;
    throw e;
  }
}

const PERMS = 0o7777;

/** One line of a dir's own entries, the same from a walk with lstat as from a listing. */
const entryLine = (tag: string, name: string, target?: string): string => (target === undefined ? `${tag}\0${name}\n` : `${tag}\0${name}\0${target}\n`);
const entriesDigest = (lines: string[]): string => crypto.createHash('sha256').update(lines.sort(byName).join('')).digest('hex').slice(0, 16);

/**
 * Fingerprint of a directory: every entry's relative path, type, size, mode and link target
 * (`digest`), and the same without sizes and modes (`shape`). Cost follows entries, not bytes:
 * file contents are not hashed. `quick` also keeps each dir's inode, mtime and own entries
 * (`dirs`).
 */
function dirDigest(dir: string, top: fs.BigIntStats, quick: boolean): { entries: number; bytes: number; digest: string; shape: string; dirs?: Record<string, string> } {
  const full = crypto.createHash('sha256');
  const shape = crypto.createHash('sha256');
  let entries = 0;
  let bytes = 0;
  const dirs: Record<string, string> = {};
  const walk = (abs: string, rel: string, self: fs.BigIntStats): void => {
    const own: string[] = [];
    for (const name of fs.readdirSync(abs).sort()) {
      const childAbs = path.join(abs, name);
      const childRel = rel ? `${rel}/${name}` : name;
      const st = fs.lstatSync(childAbs, { bigint: true });
      const mode = Number(st.mode) & PERMS;
      entries++;
      if (st.isSymbolicLink()) {
        const target = fs.readlinkSync(childAbs);
        const line = `l\0${childRel}\0${target}\n`;
        full.update(line);
        shape.update(line);
        own.push(entryLine('l', name, target));
      } else if (st.isDirectory()) {
        full.update(`d\0${childRel}\0${mode}\n`);
        shape.update(`d\0${childRel}\n`);
        own.push(entryLine('d', name));
        walk(childAbs, childRel, st);
      } else {
        assertNotSpecial(childAbs, st);
        bytes += Number(st.size);
        full.update(`f\0${childRel}\0${st.size}\0${mode}\n`);
        shape.update(`f\0${childRel}\n`);
        own.push(entryLine('f', name));
      }
    }
    // A dir changed too recently for its mtime to tell gets no stat keys: its listing decides.
    if (quick) dirs[rel] = `${isRacy(self) ? '-:-' : `${self.ino}:${self.mtimeNs}`}:${entriesDigest(own)}`;
  };
  walk(dir, '', top);
  return { entries, bytes, digest: full.digest('hex'), shape: shape.digest('hex'), ...(quick ? { dirs } : {}) };
}

const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const SHAPE_TAG = { file: 'f', dir: 'd', symlink: 'l', other: 's' } as const;

/** The `shape` of a directory from directory listings alone (no stat per file). */
function dirShape(dir: string, listings: ListingCache, ignoreName?: (name: string) => boolean): { entries: number; shape: string } {
  const h = crypto.createHash('sha256');
  let entries = 0;
  const walk = (abs: string, rel: string): void => {
    const listing = listings.get(abs);
    if (!listing) throw Object.assign(new Error(`ENOENT: no such directory, scandir '${abs}'`), { code: 'ENOENT', path: abs });
    for (const name of [...listing.keys()].sort(byName)) {
      if (ignoreName?.(name)) continue;
      const kind = listing.get(name)!;
      const childAbs = path.join(abs, name);
      const childRel = rel ? `${rel}/${name}` : name;
      entries++;
      if (kind === 'symlink') h.update(`l\0${childRel}\0${fs.readlinkSync(childAbs)}\n`);
      else {
        h.update(`${SHAPE_TAG[kind]}\0${childRel}\n`);
        if (kind === 'dir') walk(childAbs, childRel);
      }
    }
  };
  walk(dir, '');
  return { entries, shape: h.digest('hex') };
}

/**
 * A file whose mtime is this close to now may still be written within the same tick of the
 * filesystem's clock (coarse on Linux, seconds on some filesystems) without its mtime changing:
 * like git's "racy" entries, such a file is always hashed.
 */
const RACY_MS = 3000n;

function lstatBigOrNull(p: string): fs.BigIntStats | null {
  try {
    return fs.lstatSync(p, { bigint: true, throwIfNoEntry: false }) ?? null;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT' || (e as NodeJS.ErrnoException).code === 'ENOTDIR') return null;
    throw e;
  }
}

/** The keys of a file's quick check, or none when its mtime is too recent to vouch for its bytes. */
const isRacy = (st: fs.BigIntStats): boolean => st.mtimeMs >= BigInt(Date.now()) - RACY_MS;

function quickKeys(st: fs.BigIntStats): { ino: string; mtimeNs: string } | Record<string, never> {
  return isRacy(st) ? {} : { ino: st.ino.toString(), mtimeNs: st.mtimeNs.toString() };
}

/**
 * What is at `p`. `quick`: a file also gets the keys of a quick check (inode and mtime), for
 * an entry the plan only renames (a rename keeps both).
 */
export function fingerprint(p: string, opts: { quick?: boolean } = {}): Fingerprint {
  const st = lstatBigOrNull(p);
  if (!st) return { type: 'absent' };
  if (st.isSymbolicLink()) return { type: 'symlink', target: fs.readlinkSync(p) };
  const mode = Number(st.mode) & PERMS;
  if (st.isDirectory()) return { type: 'dir', mode, ...dirDigest(p, st, opts.quick ?? false) };
  assertNotSpecial(p, st);
  return { type: 'file', size: Number(st.size), mode, sha256: hashFile(p), ...(opts.quick ? quickKeys(st) : {}) };
}

type FileFingerprint = Extract<Fingerprint, { type: 'file' }>;

/** Whether a file is unchanged by its quick check: same inode, size, mode and mtime; no bytes read. */
function passesQuickCheck(p: string, expect: FileFingerprint): boolean {
  if (expect.ino === undefined || expect.mtimeNs === undefined) return false;
  const st = lstatBigOrNull(p);
  return st !== null && st.isFile() && Number(st.size) === expect.size && (Number(st.mode) & PERMS) === expect.mode && st.ino.toString() === expect.ino && st.mtimeNs.toString() === expect.mtimeNs;
}

/**
 * Whether every dir of a tree holds the entries it held at plan time, from its inode and mtime
 * (creating, removing or renaming an entry moves its dir's mtime; a dir made anew has a new
 * inode), and for a dir whose mtime moved, from its own listing: one lstat per dir instead of
 * one listing, and no listing at all for a tree nobody touched.
 */
function dirsUnchanged(top: string, topStat: fs.BigIntStats, dirs: Record<string, string>, listings: ListingCache, ignoreName?: (name: string) => boolean): boolean {
  for (const rel in dirs) {
    const keys = dirs[rel]!;
    const abs = rel ? joinRel(top, rel) : top;
    const seen = listings.unchanged.get(abs);
    let ok = seen?.keys === keys ? seen.ok : undefined;
    if (ok === undefined) {
      ok = dirUnchanged(abs, rel ? lstatBigOrNull(abs) : topStat, keys, listings, ignoreName);
      listings.unchanged.set(abs, { keys, ok });
    }
    if (!ok) return false;
  }
  return true;
}

function dirUnchanged(abs: string, st: fs.BigIntStats | null, keys: string, listings: ListingCache, ignoreName?: (name: string) => boolean): boolean {
  if (!st?.isDirectory()) return false;
  const [ino, mtimeNs, digest] = keys.split(':');
  if (st.ino.toString() === ino && st.mtimeNs.toString() === mtimeNs) return true;
  const listing = listings.get(abs);
  if (!listing) return false;
  const own: string[] = [];
  for (const [name, kind] of listing) {
    if (ignoreName?.(name)) continue;
    own.push(entryLine(SHAPE_TAG[kind], name, kind === 'symlink' ? fs.readlinkSync(path.join(abs, name)) : undefined));
  }
  return entriesDigest(own) === digest;
}

/**
 * Whether the nearest ancestor a check already listed shows `p` absent: `p`, or the dir on the
 * way to it, is not there (or is a plain file). False when the listings cannot tell.
 */
function listedAbsent(p: string, listings: ListingCache): boolean {
  for (let child = p, dir = path.dirname(p); dir !== child; child = dir, dir = path.dirname(dir)) {
    if (listings.absent.has(dir)) return true;
    if (!listings.has(dir)) continue;
    const kind = listings.get(dir)?.get(path.basename(child));
    return kind === undefined || (child !== p && (kind === 'file' || kind === 'other'));
  }
  return false;
}

/**
 * Whether a path still looks as a precondition expects. A directory counts as unchanged when its
 * entries (paths, types, link targets) are: what a plan moves is the directory with whatever it
 * holds, so this check can skip a stat per file, which is what apply's cost would otherwise be.
 */
export function stillAsExpected(p: string, expect: Fingerprint, ignoreName?: (name: string) => boolean, listings = new ListingCache()): { ok: boolean; now: Fingerprint } {
  if (expect.type === 'absent' && listedAbsent(p, listings)) return { ok: true, now: expect };
  // A failed quick check is not a change yet (a copy across filesystems makes a new inode): the bytes decide.
  if (expect.type === 'file' && passesQuickCheck(p, expect)) return { ok: true, now: expect };
  if (expect.type !== 'dir') {
    const now = fingerprint(p);
    if (now.type === 'absent') listings.absent.add(p);
    return { ok: sameFingerprint(now, expect), now };
  }
  const st = lstatBigOrNull(p);
  if (!st?.isDirectory()) {
    const now = fingerprint(p);
    return { ok: false, now };
  }
  const mode = Number(st.mode) & PERMS;
  if (expect.dirs && mode === expect.mode && dirsUnchanged(p, st, expect.dirs, listings, ignoreName)) return { ok: true, now: expect };
  const { entries, shape } = dirShape(p, listings, ignoreName);
  const now: Fingerprint = { type: 'dir', mode, entries, bytes: 0, digest: '', shape };
  return { ok: shape === expect.shape && now.mode === expect.mode, now };
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
