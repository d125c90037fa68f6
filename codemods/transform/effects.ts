// Turns what the transforms did to the overlay into plan operations: the changed files' new text
// as edits (one splice per changed run of lines), new files as writes, renamed untouched files as
// moves, removed files as `delete`, directories made or removed as mkdir / delete-empty-dir. The
// operations are ordered so that each one finds the tree it expects: removals, then moves, then
// creations, then edits.
import fs from 'node:fs';
import path from 'node:path';
import { deleteEmptyDirOp, editOp, mkdirOp, moveOp, writeOp, type OpMeta } from '../../plan/ops.js';
import { loc } from '../../plan/paths.js';
import { decodeText } from '../../plan/text.js';
import type { Operation, PlanError, Roots } from '../../plan/types.js';
import { deleteFileOp } from './delete-op.js';
import type { Effect, Overlay } from './overlay.js';
import { SOURCE_NAME } from './share.js';
import { lineSplices } from './splices.js';

/** Who last changed each path, for the plan's grouping; a path under a removed directory inherits it. */
export class Authors {
  private readonly by = new Map<string, string>();

  note(e: Effect): void {
    if (e.kind === 'rename') {
      this.by.set(e.from, e.by);
      this.by.set(e.to, e.by);
    } else this.by.set(e.path, e.by);
  }

  of(rel: string): string {
    for (let p = rel; p !== '.' && p !== ''; p = path.posix.dirname(p)) {
      const by = this.by.get(p);
      if (by !== undefined) return by;
    }
    return '';
  }
}

function lstatOrNull(p: string): fs.Stats | null {
  try {
    return fs.lstatSync(p);
  } catch {
    return null;
  }
}

const depth = (rel: string): number => rel.split('/').length;

export function operationsOf(roots: Roots, overlay: Overlay, authors: Authors): { operations: Operation[]; errors: PlanError[] } {
  const meta = (rel: string): OpMeta => ({ source: SOURCE_NAME, group: authors.of(rel) });
  const at = (rel: string) => loc('project', rel);
  const removals: Operation[] = [];
  const moves: Operation[] = [];
  const dirRemovals: Array<{ rel: string; op: Operation }> = [];
  const dirCreations: Array<{ rel: string; op: Operation }> = [];
  const writes: Operation[] = [];
  const edits: Operation[] = [];
  const errors: PlanError[] = [];
  const movedAway = new Set<string>();
  const changes = overlay.changed();

  // A real file renamed and not changed since: a move keeps its bytes and mode without copying them into the plan.
  const movedHere = new Set<string>();
  for (const { abs, now } of changes) {
    if (now.type !== 'file' || !now.origin || movedAway.has(now.origin)) continue;
    const origin = lstatOrNull(now.origin);
    if (!origin?.isFile() || overlay.see(now.origin).type !== 'absent' || lstatOrNull(abs)) continue;
    if (!fs.readFileSync(now.origin).equals(now.content)) continue;
    const rel = overlay.rel(abs);
    moves.push(moveOp(roots, meta(rel), at(overlay.rel(now.origin)), at(rel)));
    movedAway.add(now.origin);
    movedHere.add(abs);
  }

  for (const { abs, now } of changes) {
    if (movedHere.has(abs) || movedAway.has(abs)) continue;
    const rel = overlay.rel(abs);
    const was = lstatOrNull(abs);
    if (was?.isSymbolicLink()) {
      errors.push({ source: SOURCE_NAME, code: 'symlink-changed', paths: [rel], message: `${authors.of(rel)} changed the symlink ${rel}; only files and directories are captured, so its changes to ${rel} were left out of the plan` });
      continue;
    }
    if (now.type === 'absent') {
      if (was?.isDirectory()) dirRemovals.push({ rel, op: deleteEmptyDirOp(roots, meta(rel), at(rel)) });
      else if (was) removals.push(deleteFileOp(roots, meta(rel), at(rel)));
    } else if (now.type === 'dir') {
      if (was?.isDirectory()) continue;
      if (was) removals.push(deleteFileOp(roots, meta(rel), at(rel)));
      dirCreations.push({ rel, op: mkdirOp(roots, meta(rel), at(rel), now.mode) });
    } else if (now.type === 'file') {
      if (was?.isFile()) {
        const bytes = fs.readFileSync(abs);
        if (bytes.equals(now.content)) continue;
        const before = decodeText(bytes);
        const after = decodeText(now.content);
        if (before.ok && after.ok) {
          edits.push(editOp(roots, meta(rel), at(rel), before.text, lineSplices(before.text, after.text)));
          continue;
        }
        removals.push(deleteFileOp(roots, meta(rel), at(rel)));
      } else if (was?.isDirectory()) dirRemovals.push({ rel, op: deleteEmptyDirOp(roots, meta(rel), at(rel)) });
      writes.push(writeOp(roots, meta(rel), at(rel), now.content, now.mode));
    }
  }
  return {
    operations: [
      ...removals,
      ...moves,
      ...dirRemovals.sort((a, b) => depth(b.rel) - depth(a.rel)).map((d) => d.op),
      ...dirCreations.sort((a, b) => depth(a.rel) - depth(b.rel)).map((d) => d.op),
      ...writes,
      ...edits,
    ],
    errors,
  };
}
