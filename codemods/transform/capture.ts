// While a transform runs, its file-system changes go into an Overlay (and from there into the
// plan) instead of the tree, and its reads see them: `fs` and `fs/promises` are patched once per
// thread, before any transform loads (so `const { writeFileSync } = require('fs')` and ESM named
// imports get the patched functions too). Outside a capture every patched function is the
// original. What cannot be captured (a child process, a native module, a file descriptor opened
// for writing, a write outside the project) is refused inside the transform and recorded, so the
// plan can say which transform did it on which file.
import { AsyncLocalStorage } from 'node:async_hooks';
import childProcess from 'node:child_process';
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FsError, type Overlay } from './overlay.js';

export interface Capture {
  overlay: Overlay;
  /** The transform running now, for the log and for refusals. */
  transform: string;
  /** What the transform tried that cannot be captured, one line each. */
  refused: string[];
  /** Loading a module: nothing may be written at all. */
  loading?: boolean;
}

const current = new AsyncLocalStorage<Capture>();

export function runCaptured<T>(capture: Capture, run: () => Promise<T>): Promise<T> {
  installCapture();
  return current.run(capture, run);
}

class RefusedError extends Error {
  readonly code = 'EPERM';
}

function refuse(cap: Capture, what: string): never {
  const line = cap.loading ? `${what} while loading` : what;
  cap.refused.push(line);
  throw new RefusedError(`EPERM: migrate-users plans file changes instead of making them, and cannot capture this one: ${line}`);
}

type AnyFn = (...args: any[]) => any;

/** A path argument, or undefined for a file descriptor (passed through: stdout, fds opened for reading). */
function pathOf(p: unknown): string | undefined {
  if (typeof p === 'string') return p;
  if (Buffer.isBuffer(p)) return p.toString();
  if (p instanceof URL) return fileURLToPath(p);
  return undefined;
}

type Target = { abs: string; shown: string };

function target(p: unknown): Target | undefined {
  const shown = pathOf(p);
  if (shown === undefined) return undefined;
  return { abs: path.resolve(shown), shown };
}

function dataOf(data: unknown, opts: unknown): Buffer {
  if (typeof data === 'string') {
    const encoding = (typeof opts === 'string' ? opts : (opts as { encoding?: BufferEncoding } | undefined)?.encoding) ?? 'utf8';
    return Buffer.from(data, encoding as BufferEncoding);
  }
  if (Buffer.isBuffer(data)) return Buffer.from(data);
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return Buffer.from(String(data));
}

function encoded(content: Buffer, opts: unknown): string | Buffer {
  const encoding = typeof opts === 'string' ? opts : (opts as { encoding?: BufferEncoding | null } | undefined)?.encoding;
  return encoding ? content.toString(encoding as BufferEncoding) : Buffer.from(content);
}

function modeOf(opts: unknown): number | undefined {
  const mode = (opts as { mode?: unknown } | undefined)?.mode;
  return typeof mode === 'number' ? mode & 0o7777 : undefined;
}

/** A file outside the project, written by a transform: never captured, always refused. */
function inProject(cap: Capture, t: Target, what: string): Target {
  if (cap.loading) refuse(cap, `${what} ${t.shown}`);
  if (!cap.overlay.inside(t.abs)) refuse(cap, `${what} ${t.shown} (outside the project)`);
  return t;
}

const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;

/** A Stats object for an entry that exists only in the overlay. */
function virtualStats(type: 'file' | 'dir', size: number, mode: number): fs.Stats {
  const now = new Date();
  return Object.assign(Object.create(fs.Stats.prototype) as fs.Stats, {
    dev: 0, ino: 0, mode: (type === 'file' ? S_IFREG : S_IFDIR) | mode, nlink: 1, uid: process.getuid?.() ?? 0, gid: process.getgid?.() ?? 0,
    rdev: 0, size, blksize: 4096, blocks: Math.ceil(size / 512), atimeMs: now.getTime(), mtimeMs: now.getTime(), ctimeMs: now.getTime(),
    birthtimeMs: now.getTime(), atime: now, mtime: now, ctime: now, birthtime: now,
  });
}

/** A handler's answer when the real function should run: the path is untouched, or a file descriptor. */
const PASS = Symbol('pass');
type Answer = unknown;
type Handler = (cap: Capture, ...args: any[]) => Answer;

/** Reads: the overlay answers for a path something was captured on, the real file system for the rest. */
/** The overlay's target for a read, or undefined when the real file system answers unchanged. */
function overlaid(cap: Capture, p: unknown, listing = false): Target | undefined {
  const t = target(p);
  return t && cap.overlay.inside(t.abs) && !cap.overlay.untouched(t.abs, listing) ? t : undefined;
}

const reads: Record<string, Handler> = {
  existsSync(cap: Capture, p: unknown): Answer {
    const t = overlaid(cap, p);
    if (!t) return PASS;
    return cap.overlay.exists(t.abs);
  },
  readFileSync(cap: Capture, p: unknown, opts: unknown): Answer {
    const t = overlaid(cap, p);
    if (!t) return PASS;
    return encoded(cap.overlay.readFile(t.abs, t.shown), opts);
  },
  statSync(cap: Capture, p: unknown, opts: unknown): Answer {
    const t = overlaid(cap, p);
    if (!t) return PASS;
    const seen = cap.overlay.see(t.abs);
    if (seen.type === 'absent') {
      if ((opts as { throwIfNoEntry?: boolean } | undefined)?.throwIfNoEntry === false) return undefined;
      throw new FsError('ENOENT', 'stat', t.shown, 'no such file or directory');
    }
    if (seen.type === 'file') return virtualStats('file', seen.content.length, seen.mode);
    if (seen.type === 'dir') return virtualStats('dir', 4096, seen.mode);
    return seen.stats;
  },
  readdirSync(cap: Capture, p: unknown, opts: unknown): Answer {
    const t = overlaid(cap, p, true);
    if (!t) return PASS;
    const names = cap.overlay.readdir(t.abs, t.shown);
    if (!(opts as { withFileTypes?: boolean } | undefined)?.withFileTypes) return names;
    return names.map((name) => {
      const isDir = cap.overlay.isDir(path.join(t.abs, name));
      return { name, parentPath: t.shown, path: t.shown, isFile: () => !isDir, isDirectory: () => isDir, isSymbolicLink: () => false, isBlockDevice: () => false, isCharacterDevice: () => false, isFIFO: () => false, isSocket: () => false };
    });
  },
  accessSync(cap: Capture, p: unknown): Answer {
    const t = overlaid(cap, p);
    if (!t) return PASS;
    if (!cap.overlay.exists(t.abs)) throw new FsError('ENOENT', 'access', t.shown, 'no such file or directory');
    return undefined;
  },
};

/** Writes, each returning what the sync form returns. */
const writes: Record<string, Handler> = {
  writeFileSync(cap: Capture, p: unknown, data: unknown, opts: unknown): Answer {
    const t = target(p);
    // A descriptor can only be one the process had (stdout): opening a file for writing is refused.
    if (!t) return PASS;
    inProject(cap, t, 'a write to');
    const flag = (opts as { flag?: string } | undefined)?.flag;
    const content = dataOf(data, opts);
    const before = flag?.startsWith('a') && cap.overlay.exists(t.abs) ? cap.overlay.readFile(t.abs, t.shown) : undefined;
    cap.overlay.writeFile(t.abs, before ? Buffer.concat([before, content]) : content, cap.transform, t.shown, modeOf(opts));
    return undefined;
  },
  appendFileSync(cap: Capture, p: unknown, data: unknown, opts: unknown): Answer {
    const t = target(p);
    if (!t) return PASS;
    inProject(cap, t, 'a write to');
    const before = cap.overlay.exists(t.abs) ? cap.overlay.readFile(t.abs, t.shown) : Buffer.alloc(0);
    cap.overlay.writeFile(t.abs, Buffer.concat([before, dataOf(data, opts)]), cap.transform, t.shown, modeOf(opts));
    return undefined;
  },
  renameSync(cap: Capture, from: unknown, to: unknown): Answer {
    const a = inProject(cap, target(from)!, 'a rename of');
    const b = inProject(cap, target(to)!, 'a rename to');
    cap.overlay.rename(a.abs, b.abs, cap.transform, a.shown);
    return undefined;
  },
  unlinkSync(cap: Capture, p: unknown): Answer {
    const t = inProject(cap, target(p)!, 'a deletion of');
    cap.overlay.remove(t.abs, { recursive: false, force: false, fileOnly: true }, cap.transform, t.shown);
    return undefined;
  },
  rmSync(cap: Capture, p: unknown, opts: unknown): Answer {
    const t = inProject(cap, target(p)!, 'a deletion of');
    const o = (opts ?? {}) as { recursive?: boolean; force?: boolean };
    cap.overlay.remove(t.abs, { recursive: o.recursive === true, force: o.force === true }, cap.transform, t.shown);
    return undefined;
  },
  rmdirSync(cap: Capture, p: unknown, opts: unknown): Answer {
    const t = inProject(cap, target(p)!, 'a deletion of');
    cap.overlay.remove(t.abs, { recursive: (opts as { recursive?: boolean } | undefined)?.recursive === true, force: false, dirOnly: true }, cap.transform, t.shown);
    return undefined;
  },
  mkdirSync(cap: Capture, p: unknown, opts: unknown): Answer {
    const t = inProject(cap, target(p)!, 'a directory creation at');
    const o = typeof opts === 'number' ? { mode: opts } : ((opts ?? {}) as { recursive?: boolean; mode?: number });
    const first = cap.overlay.mkdir(t.abs, { recursive: o.recursive === true, ...(o.mode !== undefined ? { mode: o.mode & 0o7777 } : {}) }, cap.transform, t.shown);
    return o.recursive ? first : undefined;
  },
  copyFileSync(cap: Capture, from: unknown, to: unknown, mode: unknown): Answer {
    const a = target(from)!;
    const b = inProject(cap, target(to)!, 'a copy to');
    if (typeof mode === 'number' && mode & fs.constants.COPYFILE_EXCL && cap.overlay.exists(b.abs)) throw new FsError('EEXIST', 'copyfile', b.shown, 'file already exists');
    const content = cap.overlay.inside(a.abs) ? cap.overlay.readFile(a.abs, a.shown) : fs.readFileSync(a.abs);
    cap.overlay.writeFile(b.abs, content, cap.transform, b.shown);
    return undefined;
  },
};

const WRITE_FLAGS = /[wax+]/;

/** Calls that would change files in a way the overlay cannot hold: each names what it would do, or passes. */
const refusals: Record<string, (...args: unknown[]) => string | undefined> = {
  open: (p, flags) => ((typeof flags === 'string' && WRITE_FLAGS.test(flags)) || (typeof flags === 'number' && flags & (fs.constants.O_WRONLY | fs.constants.O_RDWR)) ? `opening ${pathOf(p)} for writing` : undefined),
  symlink: (_t, p) => `a symlink at ${pathOf(p)}`,
  link: (_t, p) => `a hard link at ${pathOf(p)}`,
  chmod: (p) => `a mode change of ${pathOf(p)}`,
  truncate: (p) => `truncating ${pathOf(p)}`,
  utimes: (p) => `a time change of ${pathOf(p)}`,
  cp: (from, to) => `a copy of ${pathOf(from)} to ${pathOf(to)} (copyFile is captured)`,
};

const table = (o: object): Record<string, AnyFn | undefined> => o as Record<string, AnyFn | undefined>;

/** The sync function, its callback form and its promise form, all answered by one handler. */
function patchTriple(name: string, handle: Handler): void {
  const sync = table(fs)[`${name}Sync`];
  const callback = table(fs)[name];
  const promise = table(fs.promises)[name];
  if (sync) {
    table(fs)[`${name}Sync`] = function (this: unknown, ...args: unknown[]) {
      const cap = current.getStore();
      const answer = cap ? handle(cap, ...args) : PASS;
      return answer === PASS ? sync.apply(this, args) : answer;
    };
  }
  if (callback) {
    table(fs)[name] = function (this: unknown, ...args: unknown[]) {
      const cap = current.getStore();
      const cb = args[args.length - 1];
      if (!cap || typeof cb !== 'function') return callback.apply(this, args);
      let answer: unknown;
      try {
        answer = handle(cap, ...args.slice(0, -1));
      } catch (e) {
        process.nextTick(cb as AnyFn, e);
        return undefined;
      }
      if (answer === PASS) return callback.apply(this, args);
      // `fs.exists` is the one callback without an error argument.
      if (name === 'exists') process.nextTick(cb as AnyFn, answer);
      else process.nextTick(cb as AnyFn, null, answer);
      return undefined;
    };
  }
  if (promise) {
    table(fs.promises)[name] = async function (this: unknown, ...args: unknown[]) {
      const cap = current.getStore();
      const answer = cap ? handle(cap, ...args) : PASS;
      return answer === PASS ? promise.apply(this, args) : answer;
    };
  }
}

/** Wraps a plain function (no sync or promise twin) so that it is refused inside a capture. */
function refuseInside(owner: Record<string, AnyFn | undefined>, name: string, why: (...args: unknown[]) => string): void {
  const original = owner[name]!;
  owner[name] = function (this: unknown, ...args: unknown[]) {
    const cap = current.getStore();
    if (cap) refuse(cap, why(...args));
    return original.apply(this, args);
  };
}

let installed = false;

export function installCapture(): void {
  if (installed) return;
  installed = true;
  for (const [syncName, handle] of Object.entries(reads)) patchTriple(syncName.replace(/Sync$/, ''), handle);
  patchTriple('lstat', reads.statSync!);
  for (const [syncName, handle] of Object.entries(writes)) patchTriple(syncName.replace(/Sync$/, ''), handle);
  for (const [name, why] of Object.entries(refusals)) {
    patchTriple(name, (cap, ...args) => {
      const what = why(...args);
      return what === undefined ? PASS : refuse(cap, what);
    });
  }
  refuseInside(table(fs), 'createWriteStream', (p) => `a write stream to ${pathOf(p)}`);
  const describeCommand = (cmd: unknown, args: unknown): string => `running a child process (${String(cmd)}${Array.isArray(args) ? ` ${args.join(' ')}` : ''})`;
  for (const name of ['exec', 'execSync', 'execFile', 'execFileSync', 'spawn', 'spawnSync', 'fork']) refuseInside(table(childProcess), name, describeCommand);
  refuseInside(table(process), 'dlopen', (_module, filename) => `loading the native module ${String(filename)}`);
  syncBuiltinESMExports();
}
