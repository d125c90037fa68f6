// The project as a transform sees it while it runs: the real tree with the changes transforms
// made so far laid over it, none of them on disk. Writes land here (and in a log the plan is
// built from); reads see them. Paths are absolute and inside the project root.
import fs from 'node:fs';
import path from 'node:path';

/** The real file system, as it was before any capture patched `fs`. */
const real = {
  lstat: fs.lstatSync,
  stat: fs.statSync,
  readFile: fs.readFileSync,
  readdir: fs.readdirSync,
};

type Node =
  | { type: 'file'; content: Buffer; mode: number; origin?: string }
  /** `fresh`: made here, so the real directory's entries (if any) are not in it. */
  | { type: 'dir'; mode: number; fresh: boolean }
  | { type: 'absent' };

/** What a path holds now: an overlay node, or the real entry (read lazily). */
export type Seen = Node | { type: 'real-file' | 'real-dir' | 'real-other'; stats: fs.Stats };

/** A change in the order it happened, with project-relative POSIX paths: sent between threads and replayed. */
export type Effect =
  | { kind: 'write'; path: string; content: Uint8Array; mode: number; by: string }
  | { kind: 'rename'; from: string; to: string; by: string }
  | { kind: 'remove'; path: string; by: string }
  | { kind: 'mkdir'; path: string; by: string };

export class FsError extends Error {
  constructor(
    readonly code: string,
    syscall: string,
    readonly path: string,
    what: string,
  ) {
    super(`${code}: ${what}, ${syscall} '${path}'`);
  }
}

const DESCRIPTIONS: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EEXIST: 'file already exists',
  EISDIR: 'illegal operation on a directory',
  ENOTDIR: 'not a directory',
  ENOTEMPTY: 'directory not empty',
};

export const fsError = (code: keyof typeof DESCRIPTIONS & string, syscall: string, shown: string): FsError => new FsError(code, syscall, shown, DESCRIPTIONS[code]!);

export class Overlay {
  private readonly nodes = new Map<string, Node>();
  private readonly undo: Array<[string, Node | undefined]> = [];
  readonly log: Effect[] = [];

  constructor(readonly root: string) {}

  inside(abs: string): boolean {
    return abs === this.root || abs.startsWith(this.root + path.sep);
  }

  rel(abs: string): string {
    return path.relative(this.root, abs).split(path.sep).join('/');
  }

  /**
   * Nothing changed on this path or its ancestors (nor, for a listing, below it): the real entry
   * stands. A directory made here has a node of its own, so only a listing looks below.
   */
  untouched(abs: string, listing = false): boolean {
    if (this.nodes.size === 0) return true;
    for (let p = abs; this.inside(p); p = path.dirname(p)) {
      if (this.nodes.has(p)) return false;
      if (p === this.root) break;
    }
    if (!listing) return true;
    const prefix = abs + path.sep;
    for (const key of this.nodes.keys()) if (key.startsWith(prefix)) return false;
    return true;
  }

  see(abs: string): Seen {
    const own = this.nodes.get(abs);
    if (own) return own;
    for (let p = path.dirname(abs); this.inside(p) && p !== abs; p = path.dirname(p)) {
      const up = this.nodes.get(p);
      if (up && (up.type !== 'dir' || up.fresh)) return { type: 'absent' };
      if (p === this.root) break;
    }
    let stats: fs.Stats;
    try {
      stats = real.lstat(abs);
    } catch {
      return { type: 'absent' };
    }
    if (stats.isSymbolicLink()) {
      try {
        stats = real.stat(abs);
      } catch {
        return { type: 'real-other', stats };
      }
    }
    return { type: stats.isFile() ? 'real-file' : stats.isDirectory() ? 'real-dir' : 'real-other', stats };
  }

  isDir(abs: string): boolean {
    const s = this.see(abs);
    return s.type === 'dir' || s.type === 'real-dir';
  }

  exists(abs: string): boolean {
    return this.see(abs).type !== 'absent';
  }

  readFile(abs: string, shown: string): Buffer {
    const s = this.see(abs);
    if (s.type === 'file') return s.content;
    if (s.type === 'real-file' || s.type === 'real-other') return real.readFile(abs);
    if (s.type === 'absent') throw fsError('ENOENT', 'open', shown);
    throw fsError('EISDIR', 'read', shown);
  }

  /** Entry names of a directory, sorted. */
  readdir(abs: string, shown: string): string[] {
    const s = this.see(abs);
    if (s.type === 'absent') throw fsError('ENOENT', 'scandir', shown);
    if (s.type !== 'dir' && s.type !== 'real-dir') throw fsError('ENOTDIR', 'scandir', shown);
    const names = new Set<string>(s.type === 'real-dir' || (s.type === 'dir' && !s.fresh) ? (real.readdir(abs) as string[]) : []);
    for (const key of this.nodes.keys()) if (path.dirname(key) === abs) names.add(path.basename(key));
    return [...names].filter((n) => this.exists(path.join(abs, n))).sort();
  }

  private set(abs: string, node: Node): void {
    this.undo.push([abs, this.nodes.get(abs)]);
    this.nodes.set(abs, node);
  }

  private parentMustBeDir(abs: string, shown: string, syscall: string): void {
    const parent = this.see(path.dirname(abs));
    if (parent.type === 'absent') throw fsError('ENOENT', syscall, shown);
    if (parent.type !== 'dir' && parent.type !== 'real-dir') throw fsError('ENOTDIR', syscall, shown);
  }

  /** Where the changes made from now on can be dropped to (a transform failed on its file). */
  checkpoint(): { undo: number; log: number } {
    return { undo: this.undo.length, log: this.log.length };
  }

  rollbackTo(mark: { undo: number; log: number }): void {
    while (this.undo.length > mark.undo) {
      const [abs, prev] = this.undo.pop()!;
      if (prev) this.nodes.set(abs, prev);
      else this.nodes.delete(abs);
    }
    this.log.length = mark.log;
  }

  writeFile(abs: string, content: Buffer, by: string, shown = abs, mode?: number): void {
    this.parentMustBeDir(abs, shown, 'open');
    const s = this.see(abs);
    if (s.type === 'dir' || s.type === 'real-dir') throw fsError('EISDIR', 'open', shown);
    const keep = s.type === 'file' ? s.mode : s.type === 'real-file' ? s.stats.mode & 0o7777 : undefined;
    const newMode = keep ?? mode ?? 0o644;
    this.set(abs, { type: 'file', content, mode: newMode });
    this.log.push({ kind: 'write', path: this.rel(abs), content, mode: newMode, by });
  }

  rename(from: string, to: string, by: string, shown = from): void {
    const s = this.see(from);
    if (s.type === 'absent') throw fsError('ENOENT', 'rename', shown);
    this.parentMustBeDir(to, shown, 'rename');
    if (from === to) return;
    this.moveNode(from, to, s);
    this.log.push({ kind: 'rename', from: this.rel(from), to: this.rel(to), by });
  }

  private moveNode(from: string, to: string, s: Seen): void {
    if (s.type === 'file' || s.type === 'real-file' || s.type === 'real-other') {
      const content = s.type === 'file' ? s.content : real.readFile(from);
      const mode = s.type === 'file' ? s.mode : s.stats.mode & 0o7777;
      // An untouched real file keeps where it came from, so the plan can say `move`.
      const origin = s.type === 'file' ? s.origin : from;
      this.set(to, { type: 'file', content, mode, ...(origin ? { origin } : {}) });
    } else if (s.type === 'dir' || s.type === 'real-dir') {
      const children = this.readdir(from, from);
      this.set(to, { type: 'dir', mode: s.type === 'dir' ? s.mode : s.stats.mode & 0o7777, fresh: true });
      for (const name of children) this.moveNode(path.join(from, name), path.join(to, name), this.see(path.join(from, name)));
    }
    this.set(from, { type: 'absent' });
  }

  remove(abs: string, opts: { recursive: boolean; force: boolean; dirOnly?: boolean; fileOnly?: boolean }, by: string, shown = abs): void {
    const s = this.see(abs);
    if (s.type === 'absent') {
      if (opts.force) return;
      throw fsError('ENOENT', opts.dirOnly ? 'rmdir' : opts.fileOnly ? 'unlink' : 'rm', shown);
    }
    const isDir = s.type === 'dir' || s.type === 'real-dir';
    if (isDir && opts.fileOnly) throw fsError('EISDIR', 'unlink', shown);
    if (!isDir && opts.dirOnly) throw fsError('ENOTDIR', 'rmdir', shown);
    if (isDir && !opts.recursive && this.readdir(abs, shown).length > 0) throw fsError('ENOTEMPTY', opts.dirOnly ? 'rmdir' : 'rm', shown);
    if (isDir && !opts.recursive && !opts.dirOnly) throw fsError('EISDIR', 'rm', shown);
    this.set(abs, { type: 'absent' });
    this.log.push({ kind: 'remove', path: this.rel(abs), by });
  }

  /** Returns the first directory made, as `fs.mkdirSync` does with `recursive`. */
  mkdir(abs: string, opts: { recursive: boolean; mode?: number }, by: string, shown = abs): string | undefined {
    const s = this.see(abs);
    if (s.type !== 'absent') {
      if (opts.recursive && (s.type === 'dir' || s.type === 'real-dir')) return undefined;
      throw fsError('EEXIST', 'mkdir', shown);
    }
    let first: string | undefined;
    if (!this.exists(path.dirname(abs))) {
      if (!opts.recursive || !this.inside(path.dirname(abs))) throw fsError('ENOENT', 'mkdir', shown);
      first = this.mkdir(path.dirname(abs), opts, by, shown);
    }
    this.parentMustBeDir(abs, shown, 'mkdir');
    this.set(abs, { type: 'dir', mode: opts.mode ?? 0o755, fresh: true });
    this.log.push({ kind: 'mkdir', path: this.rel(abs), by });
    return first ?? abs;
  }

  /** Replays a change another thread made (the main thread builds the plan this way). */
  replay(e: Effect): void {
    const at = (p: string): string => path.join(this.root, p);
    if (e.kind === 'write') this.writeFile(at(e.path), Buffer.from(e.content), e.by, e.path, e.mode);
    else if (e.kind === 'rename') this.rename(at(e.from), at(e.to), e.by, e.from);
    else if (e.kind === 'remove') this.remove(at(e.path), { recursive: true, force: true }, e.by, e.path);
    else this.mkdir(at(e.path), { recursive: true }, e.by, e.path);
  }

  /** Every path whose state differs from the real tree's, with what it holds now. */
  changed(): Array<{ abs: string; now: Seen }> {
    const out = new Map<string, Seen>();
    const visit = (abs: string): void => {
      const now = this.see(abs);
      out.set(abs, now);
      // A removed or replaced real directory takes its real entries with it.
      if (now.type !== 'dir' && now.type !== 'real-dir' || (now.type === 'dir' && now.fresh)) {
        let st: fs.Stats | undefined;
        try {
          st = real.lstat(abs);
        } catch {
          st = undefined;
        }
        if (st?.isDirectory()) for (const name of real.readdir(abs) as string[]) if (!out.has(path.join(abs, name))) visitReal(path.join(abs, name));
      }
    };
    const visitReal = (abs: string): void => {
      if (this.nodes.has(abs)) return visit(abs);
      out.set(abs, this.see(abs));
      const st = real.lstat(abs);
      if (st.isDirectory()) for (const name of real.readdir(abs) as string[]) visitReal(path.join(abs, name));
    };
    for (const abs of [...this.nodes.keys()].sort()) visit(abs);
    return [...out]
      .map(([abs, now]) => ({ abs, now }))
      .filter(({ now }) => now.type === 'file' || now.type === 'dir' || now.type === 'absent')
      .sort((a, b) => (a.abs < b.abs ? -1 : a.abs > b.abs ? 1 : 0));
  }
}
