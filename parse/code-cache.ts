// require() of a large CommonJS file with a V8 code cache. Compiling the 9 MB TypeScript
// compiler is most of what a run pays before its first parse; V8 can instead deserialize the
// code it compiled last time (Node 20 has no module.enableCompileCache, so this does it with
// vm.Script's cachedData). The cache is per user, keyed by the file's path, size and mtime and
// by the Node/V8 version and architecture: a new TypeScript (or Node) gets a new entry and the
// old one is removed. V8 rejects data that does not fit and the file is then compiled as usual.
import { isAscii } from 'node:buffer';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire, Module } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { isMainThread } from 'node:worker_threads';

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

function cacheFileFor(file: string, stat: fs.Stats, dir: string): { file: string; prefix: string } {
  const key = crypto
    .createHash('sha256')
    .update([file, stat.size, stat.mtimeMs, process.version, process.versions.v8, process.arch].join('\0'))
    .digest('hex')
    .slice(0, 20);
  const prefix = `${path.basename(file).replace(/[^\w.-]/g, '_')}-`;
  return { file: path.join(dir, `${prefix}${key}.v8`), prefix };
}

/** Written once the process is done, so that the code compiled while it ran is in it too. */
function saveOnExit(script: vm.Script, cacheFile: string, prefix: string): void {
  process.once('exit', () => {
    try {
      const dir = path.dirname(cacheFile);
      fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
      const temp = `${cacheFile}.${process.pid}.tmp`;
      fs.writeFileSync(temp, script.createCachedData(), { mode: 0o600 });
      fs.renameSync(temp, cacheFile);
      // Entries of an older TypeScript or Node are never read again.
      for (const name of fs.readdirSync(dir)) {
        if (name.startsWith(prefix) && name.endsWith('.v8') && path.join(dir, name) !== cacheFile) fs.rmSync(path.join(dir, name), { force: true });
      }
    } catch {
      // A read-only or full cache dir costs the next run its compile, nothing else.
    }
  });
}

/** An ASCII file (typescript.js is one) as a one-byte string, without the UTF-8 decoder's pass. */
function sourceText(bytes: Buffer): string {
  return isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8').replace(/^\uFEFF/, '');
}

/** The module's exports, as require(file) would give them, and what the code cache did. */
export function requireWithCodeCache(file: string, cacheDir: string | undefined = codeCacheDir()): { exports: unknown; cache: CodeCacheUse } {
  if (cacheDir === undefined) return { exports: createRequire(file)(file), cache: 'off' };
  const stat = fs.statSync(file);
  const { file: cacheFile, prefix } = cacheFileFor(file, stat, cacheDir);
  let cachedData: Buffer | undefined;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(Module.wrap(sourceText(fs.readFileSync(file))), { filename: file, ...(cachedData ? { cachedData } : {}) });
  const module = { exports: {} as unknown, id: file, filename: file, loaded: false };
  (script.runInThisContext() as (...args: unknown[]) => void).call(module.exports, module.exports, createRequire(file), module, file, path.dirname(file));
  module.loaded = true;
  const cache: CodeCacheUse = cachedData === undefined ? 'created' : script.cachedDataRejected ? 'rejected' : 'used';
  // Worker threads read the cache but leave writing it to the main thread.
  if (cache !== 'used' && isMainThread) saveOnExit(script, cacheFile, prefix);
  return { exports: module.exports, cache };
}
