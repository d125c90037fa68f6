// Builders that sources use to describe changes: each one fingerprints the tree as it is now
// (the plan's preconditions) and fills in what the engine needs to apply and invert the step.
import fs from 'node:fs';
import { abs, display } from './paths.js';
import { assertNotSpecial, fingerprint, sha256 } from './fingerprint.js';
import { unifiedDiff } from './diff.js';
import { applySplices, encodeText } from './text.js';
import type {
  CopyOp, DeleteEmptyDirOp, EditOp, ExtensionOp, JoinablePart, Loc, MkdirOp, MoveOp, Roots, Splice, WriteOp,
} from './types.js';

export interface OpMeta {
  source: string;
  group?: string;
}

export function editOp(
  roots: Roots,
  meta: OpMeta,
  path: Loc,
  original: string,
  splices: Splice[],
  opts: { sensitive?: boolean; changedKeys?: string[]; joinable?: JoinablePart } = {},
): EditOp {
  const expect = fingerprint(abs(roots, path));
  if (expect.type !== 'file') throw new Error(`cannot edit ${display(path)}: it is not a regular file`);
  const updated = applySplices(original, splices);
  const bytes = encodeText(updated);
  return {
    kind: 'edit',
    ...meta,
    path,
    pre: [{ loc: path, expect }],
    splices,
    post: { sha256: sha256(bytes), size: bytes.length },
    diff: unifiedDiff(display(path), original, updated, opts.sensitive ? 0 : 3),
    ...(opts.sensitive ? { sensitive: true } : {}),
    ...(opts.changedKeys ? { changedKeys: opts.changedKeys } : {}),
    ...(opts.joinable ? { joinable: opts.joinable } : {}),
  };
}

export function writeOp(roots: Roots, meta: OpMeta, path: Loc, content: string | Uint8Array, mode = 0o644): WriteOp {
  const bytes = typeof content === 'string' ? encodeText(content) : Buffer.from(content);
  return {
    kind: 'write',
    ...meta,
    path,
    pre: [{ loc: path, expect: fingerprint(abs(roots, path)) }],
    contentBase64: bytes.toString('base64'),
    mode,
    post: { sha256: sha256(bytes), size: bytes.length },
  };
}

/** The mode of a dir the plan creates. */
const NEW_DIR_MODE = 0o755;

export function mkdirOp(roots: Roots, meta: OpMeta, path: Loc, mode = NEW_DIR_MODE): MkdirOp {
  return { kind: 'mkdir', ...meta, path, mode, pre: [{ loc: path, expect: fingerprint(abs(roots, path)) }] };
}

function transfer<K extends 'move' | 'copy'>(kind: K, roots: Roots, meta: OpMeta, from: Loc, to: Loc) {
  return {
    kind,
    ...meta,
    from,
    to,
    pre: [
      // A move's source is only renamed, never read: a stat check is enough to see it unchanged.
      { loc: from, expect: fingerprint(abs(roots, from), { quick: kind === 'move' }) },
      { loc: to, expect: fingerprint(abs(roots, to)) },
    ],
  };
}

export function moveOp(roots: Roots, meta: OpMeta, from: Loc, to: Loc): MoveOp {
  return transfer('move', roots, meta, from, to);
}

/** `move`, creating its target's missing ancestors `parents` (outermost first) before it renames. */
export function withNewParents(roots: Roots, move: MoveOp, parents: Loc[]): MoveOp {
  const pre = parents.map((l) => ({ loc: l, expect: fingerprint(abs(roots, l)) }));
  return { ...move, newParents: parents.length, parentMode: NEW_DIR_MODE, pre: [...pre, ...move.pre] };
}

export function copyOp(roots: Roots, meta: OpMeta, from: Loc, to: Loc): CopyOp {
  return transfer('copy', roots, meta, from, to);
}

export function deleteEmptyDirOp(roots: Roots, meta: OpMeta, path: Loc): DeleteEmptyDirOp {
  // Removed only once empty, never read: a quick check of its tree is enough.
  const expect = fingerprint(abs(roots, path), { quick: true });
  const mode = expect.type === 'dir' ? expect.mode : 0o755;
  return { kind: 'delete-empty-dir', ...meta, path, mode, pre: [{ loc: path, expect }] };
}

export function extensionOp(
  roots: Roots,
  meta: OpMeta,
  kind: string,
  spec: { reads?: Loc[]; replaces?: Loc[]; creates?: Loc[]; data: unknown; description: string },
): ExtensionOp {
  const touched = [...(spec.reads ?? []), ...(spec.replaces ?? []), ...(spec.creates ?? [])];
  return {
    kind,
    ...meta,
    replaces: spec.replaces ?? [],
    creates: spec.creates ?? [],
    data: spec.data,
    description: spec.description,
    pre: touched.map((l) => ({ loc: l, expect: fingerprint(abs(roots, l)) })),
  };
}

/** Reads a file the way edits expect it: raw bytes. A FIFO or device is refused, not read (it could block forever). */
export function readBytes(roots: Roots, path: Loc): Buffer {
  const p = abs(roots, path);
  assertNotSpecial(p, fs.statSync(p));
  return fs.readFileSync(p);
}
