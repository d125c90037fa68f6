// How each built-in operation kind is applied and undone. Every step is idempotent over the
// states a crash can leave behind, which is what makes resume and rollback after kill -9 exact.
import fs from 'node:fs';
import path from 'node:path';
import { copyFileAtomic, writeFileAtomic } from './atomic.js';
import { SafetyError } from './errors.js';
import { fingerprint, hashFile, lstatOrNull, sameFingerprint, sha256 } from './fingerprint.js';
import { operationKindHandler } from './kinds.js';
import { newParentsOf } from './locations.js';
import { copyVerified, moveEntry, renameLocal } from './move.js';
import { display } from './paths.js';
import { applySplices, decodeText, encodeText } from './text.js';
import type { BuiltinOp, CopyOp, DeleteEmptyDirOp, EditOp, ExtensionOp, Fingerprint, Loc, MkdirOp, MoveOp, Operation, WriteOp } from './types.js';

export interface ExecContext {
  planId: string;
  force: boolean;
  abs(l: Loc): string;
  /** Throws when one of the locations now reaches outside its root (a dir swapped for a symlink). */
  assertContained(...ls: Loc[]): void;
  backupPath(i: number, n: number): string;
  /** Records a durable sub-step of operation i. */
  phase(i: number, name: string): void;
  hasPhase(i: number, name: string): boolean;
  /**
   * Removes temp siblings of `target` that an earlier, interrupted run of operation i may have
   * left. A no-op for steps no earlier run started: listing a big parent dir per step is costly.
   */
  cleanTemps(i: number, target: string): void;
  /** Whether operation i had started in an earlier, interrupted run. */
  wasStarted(i: number): boolean;
  /** Post-state recorded when operation i completed, if it did. */
  recordedPost(i: number): Array<{ path: string; fp: Fingerprint }> | undefined;
  /** Steps whose new dir was made ahead of them, after their containment check (see parents-ahead.ts). */
  madeAhead: Set<number>;
}

export type PostState = Array<{ path: string; fp: Fingerprint }>;
export type UndoResult = { skipped?: string };

/**
 * An undo whose last part only removes dirs the step made (`dirs`, absolute): rmdir(2) waits on
 * the filesystem's journal, so the caller may let it finish while undos of unrelated paths run.
 */
export interface UndoTail {
  dirs: string[];
  done: Promise<UndoResult>;
}

interface KindExecutor<O extends Operation> {
  apply(op: O, i: number, ctx: ExecContext): PostState | Promise<PostState>;
  undo(op: O, i: number, ctx: ExecContext): UndoResult | UndoTail;
}

function expectOf(op: Operation, l: Loc): Fingerprint | undefined {
  return op.pre.find((p) => p.loc.root === l.root && p.loc.path === l.path)?.expect;
}

/** Removes an empty dir; false when it holds entries (no listing first: rmdir(2) says so). */
function removeIfEmpty(p: string): boolean {
  try {
    fs.rmdirSync(p);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOTEMPTY' || (e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
}

function backup(ctx: ExecContext, i: number, n: number, source: string): void {
  const dest = ctx.backupPath(i, n);
  if (fs.existsSync(dest)) return; // written atomically and verified by an earlier run: complete
  const st = fs.lstatSync(source);
  fs.mkdirSync(path.dirname(dest), { recursive: true, mode: 0o700 });
  // Backups may hold secrets: owner-only, and never more readable than the original.
  copyFileAtomic(source, dest, st.mode & 0o600);
}

type FileFingerprint = Extract<Fingerprint, { type: 'file' }>;

/** Why the backup of a file cannot bring back its bytes from before apply, if it cannot. */
function backupProblem(ctx: ExecContext, i: number, n: number, l: Loc, pre: FileFingerprint): string | undefined {
  const b = ctx.backupPath(i, n);
  const st = lstatOrNull(b);
  if (!st) return `the backup of ${display(l)} is missing (${b}); ${display(l)} left as it is`;
  if (st.size !== pre.size || hashFile(b) !== pre.sha256) return `the backup of ${display(l)} is damaged (${b} is not what apply saved); ${display(l)} left as it is`;
  return undefined;
}

/** Restores a file from its backup; the copy is verified against the backup before it lands. */
function restoreFile(ctx: ExecContext, i: number, n: number, target: string, mode: number): void {
  copyFileAtomic(ctx.backupPath(i, n), target, mode);
}

/** The journal phase of a step that kept a changed file aside: rollback lists those steps' `.bak` files. */
export const KEPT_ASIDE = 'kept-aside';

/** Keeps a file somebody changed after apply, next to where the original goes back. */
function setAside(p: string, ctx: ExecContext, i: number): string {
  const aside = `${p}.migrate-users-${ctx.planId}.bak`;
  ctx.phase(i, KEPT_ASIDE);
  renameLocal(p, aside);
  return aside;
}

const edit: KindExecutor<EditOp> = {
  apply(op: EditOp, i: number, ctx: ExecContext): PostState {
    const p = ctx.abs(op.path);
    ctx.cleanTemps(i, p);
    const st = lstatOrNull(p);
    if (!st?.isFile()) throw new SafetyError(`${display(op.path)} is gone or no longer a file; run \`migrate-users plan\` again`);
    const bytes = fs.readFileSync(p);
    const hash = sha256(bytes);
    const pre = expectOf(op, op.path);
    if (hash !== op.post.sha256) {
      if (pre?.type !== 'file' || hash !== pre.sha256) throw new SafetyError(`${display(op.path)} changed since the plan was made; run \`migrate-users plan\` again`);
      backup(ctx, i, 0, p);
      const decoded = decodeText(bytes);
      if (!decoded.ok) throw new SafetyError(`${display(op.path)} is ${decoded.reason}; cannot edit it`);
      const out = encodeText(applySplices(decoded.text, op.splices));
      if (sha256(out) !== op.post.sha256) throw new SafetyError(`edit of ${display(op.path)} does not give the planned result; the plan file may be damaged`);
      writeFileAtomic(p, out, st.mode & 0o7777);
    }
    return [];
  },
  undo(op: EditOp, i: number, ctx: ExecContext): UndoResult {
    const p = ctx.abs(op.path);
    const pre = expectOf(op, op.path) as Extract<Fingerprint, { type: 'file' }>;
    ctx.cleanTemps(i, p);
    const st = lstatOrNull(p);
    const hash = st?.isFile() ? hashFile(p) : undefined;
    if (hash === pre.sha256) return {};
    if (hash !== op.post.sha256) {
      if (!fs.existsSync(ctx.backupPath(i, 0))) return {}; // never replaced: nothing of ours to undo
      if (!ctx.force) return { skipped: `${display(op.path)} was changed after apply; not restored (use --force to keep the change as a .bak and restore)` };
    }
    const problem = backupProblem(ctx, i, 0, op.path, pre);
    if (problem) return { skipped: problem };
    if (st && hash !== op.post.sha256) setAside(p, ctx, i);
    restoreFile(ctx, i, 0, p, pre.mode);
    return {};
  },
};

const write: KindExecutor<WriteOp> = {
  apply(op: WriteOp, i: number, ctx: ExecContext): PostState {
    const p = ctx.abs(op.path);
    ctx.cleanTemps(i, p);
    const st = lstatOrNull(p);
    if (st) {
      if (st.isFile() && hashFile(p) === op.post.sha256) return [];
      throw new SafetyError(`${display(op.path)} exists but the plan creates it; run \`migrate-users plan\` again`);
    }
    writeFileAtomic(p, Buffer.from(op.contentBase64, 'base64'), op.mode);
    return [];
  },
  undo(op: WriteOp, i: number, ctx: ExecContext): UndoResult {
    const p = ctx.abs(op.path);
    ctx.cleanTemps(i, p);
    const st = lstatOrNull(p);
    if (!st) return {};
    if (!(st.isFile() && hashFile(p) === op.post.sha256)) {
      if (!ctx.force) return { skipped: `${display(op.path)} was changed after apply; not removed (use --force to keep it as a .bak)` };
      setAside(p, ctx, i);
      return {};
    }
    fs.rmSync(p);
    return {};
  },
};

const mkdir: KindExecutor<MkdirOp> = {
  apply(op: MkdirOp, _i: number, ctx: ExecContext): PostState {
    const p = ctx.abs(op.path);
    const st = lstatOrNull(p);
    if (st?.isDirectory()) return [];
    if (st) throw new SafetyError(`${display(op.path)} exists and is not a directory; run \`migrate-users plan\` again`);
    fs.mkdirSync(p, { mode: op.mode });
    fs.chmodSync(p, op.mode);
    return [];
  },
  undo(op: MkdirOp, _i: number, ctx: ExecContext): UndoResult {
    const p = ctx.abs(op.path);
    const st = lstatOrNull(p);
    if (!st) return {};
    if (!st.isDirectory() || !removeIfEmpty(p)) {
      return { skipped: `${display(op.path)} is no longer empty (files were added after apply); left in place` };
    }
    return {};
  },
};

// The undo of a move is journaled with the other renames' records; only a copy across
// filesystems, which leaves a temp while it runs, says durably that it started.
const undoHooks = (ctx: ExecContext, i: number) => ({ onCopying: () => ctx.phase(i, 'undo-copying'), onCopied: () => ctx.phase(i, 'undo-copied') });

const isMissing = (e: unknown): boolean => (e as NodeJS.ErrnoException).code === 'ENOENT';

/** Creates the dirs a move makes before it renames; one a resumed run already made is kept. */
function makeNewParents(op: MoveOp, i: number, ctx: ExecContext): void {
  const mode = op.parentMode ?? 0o755;
  for (const l of newParentsOf(op)) {
    const p = ctx.abs(l);
    try {
      if (!ctx.madeAhead.has(i)) fs.mkdirSync(p, { mode });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      if (lstatOrNull(p)?.isDirectory()) continue;
      throw new SafetyError(`${display(l)} exists and is not a directory; run \`migrate-users plan\` again`);
    }
    fs.chmodSync(p, mode);
  }
}

/** Removes the dirs a move made, innermost first, unless something else was put in them since. */
function removeNewParents(op: MoveOp, ctx: ExecContext): UndoResult | UndoTail {
  const made = newParentsOf(op).reverse();
  if (made.length === 0) return {};
  const remove = async (): Promise<UndoResult> => {
    for (const l of made) {
      try {
        await fs.promises.rmdir(ctx.abs(l));
      } catch (e) {
        if (isMissing(e)) continue;
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'ENOTEMPTY' || code === 'EEXIST' || code === 'ENOTDIR') return { skipped: `${display(l)} is no longer empty (files were added after apply); left in place` };
        throw e;
      }
    }
    return {};
  };
  return { dirs: made.map((l) => ctx.abs(l)), done: remove() };
}

const move: KindExecutor<MoveOp> = {
  apply(op: MoveOp, i: number, ctx: ExecContext): PostState {
    const src = ctx.abs(op.from);
    const dst = ctx.abs(op.to);
    ctx.cleanTemps(i, dst);
    // rename(2) replaces an existing target: the target is looked at first, the source only
    // when the rename says it is missing.
    if (lstatOrNull(dst)) {
      if (!lstatOrNull(src)) return [];
      // A cross-device move died while deleting its source: the verified copy is complete.
      if (ctx.hasPhase(i, 'copied')) {
        fs.rmSync(src, { recursive: true, force: true });
        return [];
      }
      throw new SafetyError(`cannot move ${display(op.from)}: ${display(op.to)} already exists`);
    }
    makeNewParents(op, i, ctx);
    try {
      moveEntry(src, dst, { onCopied: () => ctx.phase(i, 'copied') });
    } catch (e) {
      if (isMissing(e) && !lstatOrNull(src)) throw new SafetyError(`${display(op.from)} is gone; run \`migrate-users plan\` again`);
      throw e;
    }
    return [];
  },
  undo(op: MoveOp, i: number, ctx: ExecContext): UndoResult | UndoTail {
    const src = ctx.abs(op.from);
    const dst = ctx.abs(op.to);
    // An interrupted copy leaves its temp next to the destination (apply) or the source (undo).
    ctx.cleanTemps(i, src);
    ctx.cleanTemps(i, dst);
    if (!lstatOrNull(src)) {
      try {
        moveEntry(dst, src, undoHooks(ctx, i));
      } catch (e) {
        if (!(isMissing(e) && !lstatOrNull(dst))) throw e;
        // neither there: the move never ran (or its undo already did)
      }
    } else if (lstatOrNull(dst)) {
      if (ctx.hasPhase(i, 'undo-copied')) fs.rmSync(dst, { recursive: true, force: true });
      else if (ctx.hasPhase(i, 'copied') && ctx.recordedPost(i) === undefined) {
        // Apply died while deleting the source of its verified copy: drop the partial source.
        // Once the move completed, a source path that exists again is somebody else's.
        fs.rmSync(src, { recursive: true, force: true });
        moveEntry(dst, src, undoHooks(ctx, i));
      } else return { skipped: `${display(op.from)} exists again; ${display(op.to)} left in place` };
    }
    return removeNewParents(op, ctx);
  },
};

const copy: KindExecutor<CopyOp> = {
  apply(op: CopyOp, i: number, ctx: ExecContext): PostState {
    const src = ctx.abs(op.from);
    const dst = ctx.abs(op.to);
    ctx.cleanTemps(i, dst);
    if (lstatOrNull(dst)) {
      const there = fingerprint(dst);
      if (sameFingerprint(there, fingerprint(src))) return [{ path: display(op.to), fp: there }];
      throw new SafetyError(`cannot copy to ${display(op.to)}: it already exists`);
    }
    copyVerified(src, dst);
    return [{ path: display(op.to), fp: fingerprint(dst) }];
  },
  undo(op: CopyOp, i: number, ctx: ExecContext): UndoResult {
    const dst = ctx.abs(op.to);
    ctx.cleanTemps(i, dst);
    if (!lstatOrNull(dst)) return {};
    // The copy lands atomically, so an unrecorded one is still exactly what apply made.
    const made = ctx.recordedPost(i)?.[0]?.fp;
    if (made && !sameFingerprint(fingerprint(dst), made)) {
      if (!ctx.force) return { skipped: `${display(op.to)} was changed after apply; not removed (use --force to keep it as a .bak)` };
      setAside(dst, ctx, i);
      return {};
    }
    fs.rmSync(dst, { recursive: true, force: true });
    return {};
  },
};

const deleteEmptyDir: KindExecutor<DeleteEmptyDirOp> = {
  apply(op: DeleteEmptyDirOp, _i: number, ctx: ExecContext): PostState {
    const p = ctx.abs(op.path);
    const st = lstatOrNull(p);
    if (!st) return [];
    if (!st.isDirectory() || !removeIfEmpty(p)) throw new SafetyError(`${display(op.path)} is not empty; run \`migrate-users plan\` again`);
    return [];
  },
  undo(op: DeleteEmptyDirOp, _i: number, ctx: ExecContext): UndoResult {
    const p = ctx.abs(op.path);
    if (lstatOrNull(p)) return {};
    fs.mkdirSync(p, { mode: op.mode });
    fs.chmodSync(p, op.mode);
    return {};
  },
};

/** Puts the paths an extension op touches back as they were: restore replaced, remove created. */
function undoExtensionPaths(op: ExtensionOp, i: number, ctx: ExecContext, post: PostState | undefined): UndoResult {
  const created = (l: Loc): boolean => op.creates.some((c) => c.root === l.root && c.path === l.path);
  // Already as before apply: a created path gone, a replaced one back to its planned bytes
  // (an earlier rollback that was interrupted got this far).
  const alreadyUndone = (l: Loc, now: Fingerprint): boolean => {
    const pre = expectOf(op, l);
    return created(l) ? now.type === 'absent' : pre !== undefined && sameFingerprint(now, pre);
  };
  const changed: string[] = [];
  const done = new Set<string>();
  for (const l of [...op.replaces, ...op.creates]) {
    ctx.cleanTemps(i, ctx.abs(l));
    const now = fingerprint(ctx.abs(l));
    if (alreadyUndone(l, now)) {
      done.add(display(l));
      continue;
    }
    // A completed step recorded what it left at each path: anything else there is not ours.
    const rec = post?.find((p) => p.path === display(l));
    if (post && !(rec && sameFingerprint(now, rec.fp))) changed.push(display(l));
  }
  if (changed.length > 0 && !ctx.force) return { skipped: `${changed.join(', ')} changed after apply; not restored (use --force to keep the changes as .bak files)` };
  const problems: string[] = [];
  op.replaces.forEach((l, n) => {
    const pre = expectOf(op, l);
    if (done.has(display(l)) || pre?.type !== 'file' || !fs.existsSync(ctx.backupPath(i, n))) return;
    const problem = backupProblem(ctx, i, n, l, pre);
    if (problem) return void problems.push(problem);
    const p = ctx.abs(l);
    if (changed.includes(display(l)) && lstatOrNull(p)) setAside(p, ctx, i);
    restoreFile(ctx, i, n, p, pre.mode);
  });
  for (const l of op.creates) {
    const p = ctx.abs(l);
    if (done.has(display(l)) || !lstatOrNull(p)) continue;
    if (changed.includes(display(l))) setAside(p, ctx, i);
    else fs.rmSync(p, { recursive: true, force: true });
  }
  return problems.length > 0 ? { skipped: problems.join('; ') } : {};
}

const extension: KindExecutor<ExtensionOp> = {
  async apply(op: ExtensionOp, i: number, ctx: ExecContext): Promise<PostState> {
    const handler = operationKindHandler(op.kind);
    if (!handler) throw new SafetyError(`this build of migrate-users cannot apply operations of kind "${op.kind}"`);
    // A run that died inside the handler left an unknown mix: put it back, then start over.
    if (ctx.wasStarted(i)) undoExtensionPaths(op, i, { ...ctx, force: true }, undefined);
    op.replaces.forEach((l, n) => {
      if (lstatOrNull(ctx.abs(l))?.isFile()) backup(ctx, i, n, ctx.abs(l));
    });
    // The handler reaches only what the plan declares, checked again now: its own data (a
    // merge target, say) is not trusted to stay inside the roots.
    const declared = (l: Loc): boolean => op.pre.some((p) => p.loc.root === l.root && p.loc.path === l.path);
    await handler.apply(op, {
      abs: (l) => {
        if (!declared(l)) throw new SafetyError(`the ${op.kind} step uses ${display(l)}, which the plan does not declare; the plan file may be damaged; run \`migrate-users plan\` again`);
        ctx.assertContained(l);
        return ctx.abs(l);
      },
    });
    return [...op.replaces, ...op.creates].map((l) => ({ path: display(l), fp: fingerprint(ctx.abs(l)) }));
  },
  undo(op: ExtensionOp, i: number, ctx: ExecContext): UndoResult {
    return undoExtensionPaths(op, i, ctx, ctx.recordedPost(i));
  },
};

const BUILTIN: { [K in BuiltinOp['kind']]: KindExecutor<Extract<BuiltinOp, { kind: K }>> } = {
  edit,
  write,
  mkdir,
  move,
  copy,
  'delete-empty-dir': deleteEmptyDir,
};

// The kind names the executor, so the op always has the type the executor takes.
const executorFor = (op: Operation): KindExecutor<Operation> =>
  ((BUILTIN as Record<string, unknown>)[op.kind] ?? extension) as KindExecutor<Operation>;

export async function applyOperation(op: Operation, i: number, ctx: ExecContext): Promise<PostState> {
  return executorFor(op).apply(op, i, ctx);
}

export function undoOperation(op: Operation, i: number, ctx: ExecContext): UndoResult | UndoTail {
  return executorFor(op).undo(op, i, ctx);
}
