// require() of a large CommonJS file with a V8 code cache. Compiling the 9 MB TypeScript
// compiler is most of what a run pays before its first parse; V8 can instead deserialize the
// code it compiled last time (Node 20 has no module.enableCompileCache, so this does it with
// vm.Script's cachedData). The cache is per user, keyed by the file's path, size and mtime and
// by the Node/V8 version and architecture: a new TypeScript (or Node) at the same path replaces
// its entry, while other installs (other projects, npx's copies) keep theirs, up to
// MAX_INSTALLS. V8 rejects data that does not fit and the file is then compiled as usual.
import { isAscii } from 'node:buffer';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire, Module } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { isMainThread } from 'node:worker_threads';
import { appliedV8Flags } from './v8-tuning.js';

/** What the cache did for one load: read and accepted, written afresh, refused by V8, or not in use. */
export type CodeCacheUse = 'used' | 'created' | 'rejected' | 'off';

/**
 * Where compiled code is kept: MIGRATE_USERS_CODE_CACHE (a directory, or `0` for none), else
 * migrate-users/v8 under the user's cache dir (XDG_CACHE_HOME or ~/.cache).
 */
export function codeCacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const configured = env.MIGRATE_USERS_CODE_CACHE;
  if (configured === '0') return undefined;
  if (configured) return path.resolve(configured);
  let home: string;
  try {
    home = os.homedir();
  } catch {
    return undefined;
  }
  const base = env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : home ? path.join(home, '.cache') : undefined;
  return base ? path.join(base, 'migrate-users', 'v8') : undefined;
}

/** Installs whose compiled code is kept; the ones written longest ago go first. */
const MAX_INSTALLS = 8;
/** A temp file this old was left by a killed run, not one still writing it. */
const STALE_TEMP_MS = 10 * 60_000;

const shortHash = (parts: unknown[]): string => crypto.createHash('sha256').update(parts.join('\0')).digest('hex').slice(0, 12);

interface CacheEntry {
  file: string;
  /** Every entry of this library's name: `typescript.js-`. */
  prefix: string;
  /** Entries for this install (path) of it, whatever its version. */
  installPrefix: string;
}

function cacheFileFor(file: string, stat: fs.Stats, dir: string): CacheEntry {
  const prefix = `${path.basename(file).replace(/[^\w.-]/g, '_')}-`;
  // Runs under other V8 flags (lint's tuning) cannot use each other's code: an install of their own each, not one entry each replaces.
  const flags = appliedV8Flags();
  const installPrefix = `${prefix}${shortHash(flags ? [file, flags] : [file])}-`;
  const version = shortHash([stat.size, stat.mtimeMs, process.version, process.versions.v8, process.arch]);
  return { file: path.join(dir, `${installPrefix}${version}.v8`), prefix, installPrefix };
}

/** Older versions of this install, installs past the bound, and temp files of killed runs. */
function prune(dir: string, entry: CacheEntry): void {
  const now = Date.now();
  const others: { name: string; mtimeMs: number }[] = [];
  for (const name of fs.readdirSync(dir)) {
    if (!name.startsWith(entry.prefix)) continue;
    const full = path.join(dir, name);
    if (full === entry.file) continue;
    const mtimeMs = fs.statSync(full, { throwIfNoEntry: false })?.mtimeMs ?? now;
    if (name.endsWith('.tmp')) {
      if (now - mtimeMs > STALE_TEMP_MS) fs.rmSync(full, { force: true });
    } else if (name.startsWith(entry.installPrefix)) {
      fs.rmSync(full, { force: true });
    } else if (name.endsWith('.v8')) {
      others.push({ name, mtimeMs });
    }
  }
  others.sort((a, b) => b.mtimeMs - a.mtimeMs);
  for (const { name } of others.slice(MAX_INSTALLS - 1)) fs.rmSync(path.join(dir, name), { force: true });
}

/** Written once the process is done, so that the code compiled while it ran is in it too. */
function saveOnExit(script: vm.Script, entry: CacheEntry): void {
  process.once('exit', () => {
    try {
      const dir = path.dirname(entry.file);
      fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
      const temp = `${entry.file}.${process.pid}.tmp`;
      fs.writeFileSync(temp, script.createCachedData(), { mode: 0o600 });
      fs.renameSync(temp, entry.file);
      prune(dir, entry);
    } catch {
      // A read-only or full cache dir costs the next run its compile, nothing else.
    }
  });
}

/** What Module.wrap puts before and after a CommonJS module's text. */
const [WRAP_HEAD, WRAP_TAIL] = Module.wrap('\0').split('\0') as [string, string];

/** The file's bytes read into `into` from `at`; false when the file no longer has `size` bytes. */
function readExactly(file: string, size: number, into: Buffer, at: number): boolean {
  const fd = fs.openSync(file, 'r');
  try {
    let got = 0;
    for (let n = -1; got < size && n !== 0; got += n) n = fs.readSync(fd, into, at + got, size - got, null);
    return got === size && fs.readSync(fd, Buffer.alloc(1), 0, 1, null) === 0;
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * The file wrapped as a CommonJS module, as Module.wrap gives it. An ASCII file (typescript.js
 * is one) is read into a buffer that already holds the wrapper around it and becomes one flat
 * one-byte string: wrapping the text after decoding made a string of three pieces, which V8
 * copies into one before compiling: 9 MB more of fresh memory for typescript.js, ~60 ms on
 * the bench's 2-core VM, where the first touch of a page costs ~25 us.
 */
function wrappedSource(file: string, size: number): string {
  const wrapped = Buffer.allocUnsafe(WRAP_HEAD.length + size + WRAP_TAIL.length);
  wrapped.write(WRAP_HEAD, 0, 'latin1');
  wrapped.write(WRAP_TAIL, WRAP_HEAD.length + size, 'latin1');
  if (readExactly(file, size, wrapped, WRAP_HEAD.length) && isAscii(wrapped)) return wrapped.toString('latin1');
  return Module.wrap(fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
}

/** The module's exports, as require(file) would give them, and what the code cache did. */
export function requireWithCodeCache(file: string, cacheDir: string | undefined = codeCacheDir()): { exports: unknown; cache: CodeCacheUse } {
  if (cacheDir === undefined) return { exports: createRequire(file)(file), cache: 'off' };
  const stat = fs.statSync(file);
  const entry = cacheFileFor(file, stat, cacheDir);
  let cachedData: Buffer | undefined;
  try {
    cachedData = fs.readFileSync(entry.file);
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(wrappedSource(file, stat.size), { filename: file, ...(cachedData ? { cachedData } : {}) });
  const module = { exports: {} as unknown, id: file, filename: file, loaded: false };
  (script.runInThisContext() as (...args: unknown[]) => void).call(module.exports, module.exports, createRequire(file), module, file, path.dirname(file));
  module.loaded = true;
  const cache: CodeCacheUse = cachedData === undefined ? 'created' : script.cachedDataRejected ? 'rejected' : 'used';
  // Worker threads read the cache but leave writing it to the main thread.
  if (cache !== 'used' && isMainThread) saveOnExit(script, entry);
  return { exports: module.exports, cache };
}
