// The operation model shared by every codemod and migrator. The engine executes these
// without knowing which source produced them.

/** Every path in a plan is relative to one of these named roots, never absolute. */
export type RootName = 'project' | 'home';

export interface Roots {
  project: string;
  home?: string;
}

/** A path inside a named root: POSIX separators, normalised, no `..`, never empty. */
export interface Loc {
  root: RootName;
  path: string;
}

/** What a path looked like when the plan was made; checked again before apply. */
export type Fingerprint =
  | { type: 'absent' }
  /**
   * `ino` and `mtimeNs` (only on the source of a move, which is renamed but never read) let a
   * check trust an unchanged inode, size, mode and mtime instead of hashing the bytes again, as
   * git's and rsync's quick check do. Left out when the file was written too recently for its
   * mtime to tell a later write apart.
   */
  | { type: 'file'; size: number; mode: number; sha256: string; ino?: string; mtimeNs?: string }
  /**
   * `digest` covers every entry's path, type, size, mode and link target; `shape` only paths,
   * types and link targets. `dirs` (only on the source of a move): for each dir of the tree by
   * relative path (`''` for itself), `inode:mtimeNs:digest of its own entries`, the keys of a
   * quick check of the shape.
   */
  | { type: 'dir'; mode: number; entries: number; bytes: number; digest: string; shape: string; dirs?: Record<string, string> }
  | { type: 'symlink'; target: string };

export interface Precondition {
  loc: Loc;
  expect: Fingerprint;
}

/** A replacement of `[start, end)` of the original text (UTF-16 offsets of the decoded file). */
export interface Splice {
  start: number;
  end: number;
  text: string;
}

interface OpBase {
  /** The source (codemod, migrator) that produced the operation, e.g. `user-id-ts`. */
  source: string;
  /** Optional grouping key for summaries, e.g. the user id a move belongs to. */
  group?: string;
  /** Preconditions describe the tree as it was before the plan started. */
  pre: Precondition[];
}

export interface EditOp extends OpBase {
  kind: 'edit';
  path: Loc;
  splices: Splice[];
  /** Hash and size of the result, to recognise an already-applied edit on resume/rollback. */
  post: { sha256: string; size: number };
  /** Unified diff for review (context trimmed to 0 lines when `sensitive`). */
  diff: string;
  /** The file may hold secrets: summaries and diffs show only the changed lines. */
  sensitive?: boolean;
  /** One line per changed key for sensitive files, e.g. `USER_ID`. */
  changedKeys?: string[];
  /** Splices another source's edit of this file may make too, with the data they came from (see `JoinablePart`). */
  joinable?: JoinablePart;
}

/**
 * Part of an edit that other sources' edits of the same file may also want, such as a new import
 * of one module: its splices (also in `splices`) and the plain data they were made from. When
 * several sources edit one file, the plan drops every such part of a kind and asks the kind's
 * joiner (`OperationSource.joiners`) to make it once from all their data. Like any splices of
 * two sources, the parts must not overlap (insertions at one place do not).
 */
export interface JoinablePart {
  kind: string;
  data: unknown;
  splices: Splice[];
}

/** Makes one kind of joinable part once, for the original text, from every source's data; undefined keeps each source's own. */
export type Joiner = (file: { roots: Roots; path: Loc; text: string }, data: readonly unknown[]) => Promise<Splice[] | undefined>;

export interface WriteOp extends OpBase {
  kind: 'write';
  path: Loc;
  /** New file content, base64 so that any bytes round-trip. */
  contentBase64: string;
  mode: number;
  post: { sha256: string; size: number };
}

export interface MkdirOp extends OpBase {
  kind: 'mkdir';
  path: Loc;
  mode: number;
}

export interface MoveOp extends OpBase {
  kind: 'move';
  from: Loc;
  to: Loc;
  /**
   * How many of `to`'s nearest ancestors were missing: the move creates them first (mode
   * `parentMode`) and its undo removes them, so a move into a new dir is one step. Each has an
   * `absent` precondition.
   */
  newParents?: number;
  parentMode?: number;
}

export interface CopyOp extends OpBase {
  kind: 'copy';
  from: Loc;
  to: Loc;
}

export interface DeleteEmptyDirOp extends OpBase {
  kind: 'delete-empty-dir';
  path: Loc;
  mode: number;
}

/**
 * Extension point for kinds the engine does not know (e.g. `db-merge`). The engine backs up
 * every `replaces` path before calling the handler and restores them on rollback; `creates`
 * paths are removed on rollback. The handler registered for `kind` does the work.
 */
export interface ExtensionOp extends OpBase {
  kind: string;
  replaces: Loc[];
  creates: Loc[];
  /** Handler-specific, JSON-serialisable. */
  data: unknown;
  /** One human line for plan listings. */
  description: string;
}

export type BuiltinOp = EditOp | WriteOp | MkdirOp | MoveOp | CopyOp | DeleteEmptyDirOp;
export type Operation = BuiltinOp | ExtensionOp;

export const BUILTIN_KINDS = ['edit', 'write', 'mkdir', 'move', 'copy', 'delete-empty-dir'] as const;

export function isBuiltin(op: Operation): op is BuiltinOp {
  return (BUILTIN_KINDS as readonly string[]).includes(op.kind);
}

export interface Warning {
  source: string;
  message: string;
  /** Path relative to the project root (or `$HOME/...` for the home root). */
  file?: string;
  line?: number;
  column?: number;
  /** Stable machine-readable code, e.g. `module-level-read`. */
  code?: string;
  /**
   * The warning is about a path that names a location the plan moves: where a source of the plan
   * rewrites that code (`SourceResult.rewrote`), the path follows the move and the plan drops the warning.
   */
  movedPath?: boolean;
}

/** A stretch of a project file a source rewrites (1-based lines and columns, end exclusive). */
export interface Span {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** A note with nothing to act on (e.g. a transform's stats): same shape as a warning, never counted as one. */
export type Info = Warning;

/** Something a source refused to plan (a collision, an invalid user id); the rest of the plan stands. */
export interface PlanError {
  source: string;
  message: string;
  paths?: string[];
  code?: string;
}

/**
 * A location the plan moves, as a pattern: code that names `from` must name `to` after apply.
 * A path segment `{userId}` stands for any one user id and maps to the same id in `to`.
 * Migrators report these; code sources that rewire path expressions read them from
 * `PlanContext.relocations`. The engine only hands the values on.
 */
export interface Relocation {
  source: string;
  from: Loc;
  to: Loc;
  type: 'file' | 'dir';
}

export interface SourceResult {
  operations: Operation[];
  warnings: Warning[];
  errors: PlanError[];
  /** Locations this source's operations move (fs sources). */
  relocations?: Relocation[];
  /** Path expressions this source rewrites to follow a relocation: they settle `movedPath` warnings there. */
  rewrote?: Span[];
  infos?: Info[];
}

/** Shared, overlay-aware view of the project's files for sources. */
export interface FileIndex {
  /** Project-relative POSIX paths of files with one of these extensions (`.ts`), honouring ignores. */
  list(extensions: readonly string[]): Promise<string[]>;
}

export interface PlanContext {
  roots: Roots;
  /** The whole parsed config file (`{}` when absent); each source reads its own section. */
  config: Record<string, unknown>;
  /** Options for this source given by the profile or the CLI. */
  options: Record<string, unknown>;
  files: FileIndex;
  /** Restrict code sources to these project-relative paths (files or dirs); empty = everything. */
  paths: string[];
  /** Progress reporting hook; sources call it for long loops. */
  progress?: (done: number, total: number, label: string) => void;
  /**
   * What the other sources of this plan relocate. Complete only for a source that sets
   * `followsRelocations`; empty for the others.
   */
  relocations?: readonly Relocation[];
  /**
   * Adds an operation to the plan now, in the order the source produces them (before any it
   * returns): the plan writes it to its store, so a source that emits rather than collects
   * keeps no edit in memory.
   */
  emit(op: Operation): void;
}

/** A codemod or migrator: reads the tree, returns operations. Never writes. */
export interface OperationSource {
  name: string;
  /** `code` sources edit source files, `fs` sources move data; `--only code,fs` selects. */
  category: 'code' | 'fs';
  /** Runs after every other source, so that `ctx.relocations` holds all their relocations. */
  followsRelocations?: boolean;
  /** How the joinable parts (`EditOp.joinable`) of this source's edits are made once when another source edits the same file. */
  joiners?: Record<string, Joiner>;
  plan(ctx: PlanContext): Promise<SourceResult>;
}

// 2: operations in their own file beside the plan, one JSON line each.
// 3: moves that create their target's parents; quick-check keys on moved files. A build that
// reads 3 applies 2 as well (a 2 plan uses neither); older builds refuse 3.
export const PLAN_SCHEMA_VERSION = 3;
export const READABLE_SCHEMA_VERSIONS: readonly number[] = [2, 3];

/** Operations read in order or by index: an array, or a saved plan's operations file. */
export interface OpList extends Iterable<Operation> {
  readonly length: number;
  at(i: number): Operation | undefined;
}

/** Everything of a plan but its operations. */
export interface PlanHeader {
  schemaVersion: number;
  id: string;
  createdAt: string;
  toolVersion: string;
  roots: Roots;
  profile: string;
  options: Record<string, unknown>;
  sources: string[];
  warnings: Warning[];
  errors: PlanError[];
  /** Absent in plans made before notes existed, and when there are none. */
  infos?: Info[];
}

/** A plan in memory. */
export interface Plan extends PlanHeader {
  operations: Operation[];
}

/** A plan as the engine reads it: a saved plan's operations stay on disk until each is needed. */
export interface PlanView extends PlanHeader {
  operations: OpList;
}

export type PlanState = 'planned' | 'applying' | 'applied' | 'rolling-back' | 'rolled-back' | 'failed';
