// continuum-users: every `.continuum/personas/{id}/` becomes `.continuum/users/{id}/` with the
// unified layout `data/longterm.db`, `logs/`, `config/` (SPEC §8).
//
// Operations are ordered so that each one's preconditions hold on the original tree: a persona
// dir is normalised where it is (db renamed or merged, empty legacy dirs removed, layout dirs
// created) and then moved with a single rename, so the cost follows entries, not bytes.
//
// Databases: a single candidate (`state.sqlite`, `state.db`, `memory/longterm.db`, ...) is
// renamed to `data/longterm.db`. Several candidates are merged into `data/longterm.db` by a
// `db-merge` operation and the old files are moved, untouched, to `data/legacy/<old path>`:
// nothing is deleted, a re-plan does not see them as candidates again, and the user can
// remove the attic once the app runs on the merged database.
import path from 'node:path';
import { abs, display, loc, sameLoc } from '../../plan/paths.js';
import { deleteEmptyDirOp, moveOp, type OpMeta } from '../../plan/ops.js';
import type { Loc, Operation, OperationSource, PlanContext, PlanError, Relocation, SourceResult, Warning } from '../../plan/types.js';
import { section, stringListOption, stringOption } from '../shared/config.js';
import { locKey, missingDirs, mkdirChain, type PlannedDirs } from '../shared/mkdirs.js';
import { childNames, entryType, type EntryType, joinLoc, listTree, symlinkWarnings, typeAt } from '../shared/tree.js';
import { checkUserId } from '../shared/user-id.js';
import { planDbMerge } from './db-merge.js';

export const SOURCE = 'continuum-users';
export const TARGET_DB = 'data/longterm.db';
export const ATTIC = 'data/legacy';
export const LAYOUT = ['data', 'logs', 'config'] as const;
/** Legacy database locations inside a user dir, relative to it. */
export const DEFAULT_LEGACY_DATABASES = [
  'longterm.db',
  'state.sqlite',
  'state.db',
  'memory/longterm.db',
  'memory/state.sqlite',
  'memory/state.db',
  'data/state.sqlite',
  'data/state.db',
];
// Files SQLite keeps beside a database while it is open or not checkpointed; moving or reading
// the main file without them would lose committed data.
const SIDECARS = ['-wal', '-journal', '-shm'];

export interface Settings {
  dir: string;
  users: string[];
  legacyDatabases: string[];
}

export function settings(ctx: Pick<PlanContext, 'config' | 'options'>): Settings {
  const s = section(ctx, 'continuum');
  return {
    dir: stringOption(s, 'dir', 'continuum', '.continuum'),
    users: stringListOption(s, 'users', 'continuum', []),
    legacyDatabases: stringListOption(s, 'legacyDatabases', 'continuum', DEFAULT_LEGACY_DATABASES),
  };
}

interface UserPlan {
  ops: Operation[];
  warnings: Warning[];
  errors: PlanError[];
}

type Tree = Map<string, EntryType>;

function childrenByParent(tree: Tree): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const rel of [...tree.keys()].sort()) {
    const parent = path.posix.dirname(rel);
    const key = parent === '.' ? '' : parent;
    out.set(key, [...(out.get(key) ?? []), rel]);
  }
  return out;
}

/**
 * Dirs of `tree` left empty once `moved` files have gone, deepest first. Layout dirs stay:
 * the user needs them anyway.
 */
function emptiedDirs(tree: Tree, moved: Set<string>): string[] {
  const children = childrenByParent(tree);
  const emptied = new Set<string>();
  const dirs = [...tree].filter(([, t]) => t === 'dir').map(([r]) => r).sort((a, b) => b.split('/').length - a.split('/').length || a.localeCompare(b));
  for (const d of dirs) {
    const kids = children.get(d) ?? [];
    if ((LAYOUT as readonly string[]).includes(d) || kids.length === 0) continue;
    if (kids.every((k) => moved.has(k) || emptied.has(k))) emptied.add(d);
  }
  return dirs.filter((d) => emptied.has(d));
}

class UserPlanner {
  readonly plan: UserPlan = { ops: [], warnings: [], errors: [] };
  private readonly meta: OpMeta;

  constructor(
    private readonly ctx: PlanContext,
    private readonly id: string,
    private readonly src: Loc,
    private readonly dst: Loc,
    private readonly usersDir: Loc,
    private readonly legacy: string[],
    private readonly planned: PlannedDirs,
  ) {
    this.meta = { source: SOURCE, group: id };
  }

  private error(message: string, paths: string[], code: string): void {
    this.plan.errors.push({ source: SOURCE, message: `user ${this.id}: ${message}; user skipped`, paths, code });
  }

  /** mkdir operations so that `l` exists; false (with an error) when something is in the way. */
  private ensureDir(l: Loc): boolean {
    const r = mkdirChain(this.ctx.roots, this.meta, l, this.planned);
    if ('blocked' in r) {
      this.error(r.blocked, [display(l)], 'not-a-directory');
      return false;
    }
    this.plan.ops.push(...r.ops);
    return true;
  }

  private move(from: Loc, to: Loc, tree?: Tree): void {
    this.plan.ops.push(moveOp(this.ctx.roots, this.meta, from, to));
    this.plan.warnings.push(...symlinkWarnings(SOURCE, this.ctx.roots, from, to, tree));
  }

  /**
   * A move into a dir that may not exist yet: the plan has the move create it (one step per
   * user instead of a mkdir each); false (with an error) when something is in the way.
   */
  private moveInto(from: Loc, to: Loc, tree?: Tree): boolean {
    const r = missingDirs(this.ctx.roots, { root: to.root, path: path.posix.dirname(to.path) }, this.planned);
    if ('blocked' in r) {
      this.error(r.blocked, [display(to)], 'not-a-directory');
      return false;
    }
    this.move(from, to, tree);
    return true;
  }

  async run(): Promise<UserPlan> {
    const roots = this.ctx.roots;
    const srcType = typeAt(roots, this.src);
    const dstType = typeAt(roots, this.dst);
    if (srcType === 'symlink' || dstType === 'symlink') return this.linkedUser(srcType, dstType);
    for (const [l, t] of [[this.src, srcType], [this.dst, dstType]] as const) {
      if (t === 'file') this.error(`${display(l)} exists and is not a directory`, [display(l)], 'not-a-directory');
    }
    if (this.plan.errors.length) return this.plan;

    const S: Tree = srcType === 'dir' ? listTree(abs(roots, this.src)) : new Map();
    const D: Tree = dstType === 'dir' ? listTree(abs(roots, this.dst)) : new Map();
    const merging = srcType === 'dir' && dstType === 'dir';
    if (merging) this.reportCollisions(S, D);
    if (this.plan.errors.length) return this.plan;

    // Where the layout is built: the persona dir itself when it moves as a whole.
    const work = srcType === 'dir' && !merging ? this.src : this.dst;
    const workTree = work === this.src ? S : D;
    const movedS = new Set<string>();
    const movedD = new Set<string>();
    const ok = await this.normaliseDatabases(S, D, work, movedS, movedD);
    if (!ok) return this.plan;

    for (const [side, tree, moved] of [[this.src, S, movedS], [this.dst, D, movedD]] as const) {
      if (merging && side === this.src) continue; // the merge walk below handles the persona side
      for (const d of emptiedDirs(tree, moved)) {
        if (merging && S.get(d) === 'dir') continue; // the persona's files still go there
        this.plan.ops.push(deleteEmptyDirOp(roots, this.meta, joinLoc(side, d)));
      }
    }
    for (const name of LAYOUT) {
      if (workTree.get(name) === 'dir' || this.planned.has(locKey(joinLoc(work, name)))) continue;
      if (merging && S.has(name)) continue; // moved in from the persona dir
      if (!this.ensureDir(joinLoc(work, name))) return this.plan;
    }

    if (merging) {
      this.mergeInto(S, D, movedS, emptiedDirs(S, movedS));
    } else if (srcType === 'dir') {
      this.moveInto(this.src, this.dst, S);
    }
    return this.plan;
  }

  /** A user dir that is itself a link (already checked to stay inside the root) moves as a link. */
  private linkedUser(srcType: EntryType | undefined, dstType: EntryType | undefined): UserPlan {
    if (srcType === 'symlink' && dstType === undefined) {
      if (!this.moveInto(this.src, this.dst)) return this.plan;
      this.plan.warnings.push({ source: SOURCE, code: 'linked-user-dir', file: display(this.src), message: `${display(this.src)} is a symlink: moved as a link, its contents are not normalised` });
    } else if (srcType === undefined) {
      this.plan.warnings.push({ source: SOURCE, code: 'linked-user-dir', file: display(this.dst), message: `${display(this.dst)} is a symlink: left alone` });
    } else {
      this.error(`both ${display(this.src)} and ${display(this.dst)} exist and one is a symlink`, [display(this.src), display(this.dst)], 'collision');
    }
    return this.plan;
  }

  private reportCollisions(S: Tree, D: Tree): void {
    for (const [rel, t] of S) {
      const other = D.get(rel);
      if (other === undefined || (t === 'dir' && other === 'dir')) continue;
      const a = display(joinLoc(this.src, rel));
      const b = display(joinLoc(this.dst, rel));
      this.error(`${a} and ${b} both exist (collision)`, [a, b], 'collision');
    }
  }

  /**
   * Brings the user to one `data/longterm.db`: renames a single candidate, or merges several
   * and moves the old files to the attic. Fills `movedS`/`movedD` with the files it moves away.
   */
  private async normaliseDatabases(S: Tree, D: Tree, work: Loc, movedS: Set<string>, movedD: Set<string>): Promise<boolean> {
    const roots = this.ctx.roots;
    const names = [TARGET_DB, ...this.legacy.filter((n) => n !== TARGET_DB)];
    const sides = [[this.dst, D, movedD], [this.src, S, movedS]] as const;
    const candidates = sides.flatMap(([side, tree, moved]) => names.filter((n) => tree.get(n) === 'file').map((rel) => ({ rel, loc: joinLoc(side, rel), tree, moved })));
    for (const c of candidates) {
      const busy = SIDECARS.filter((s) => c.tree.has(c.rel + s));
      if (busy.length) {
        const files = busy.map((s) => display(c.loc) + s);
        this.error(`${display(c.loc)} has ${files.join(', ')} beside it (the app may be running or did not checkpoint); stop it and plan again`, [display(c.loc), ...files], 'database-in-use');
      }
    }
    if (this.plan.errors.length || candidates.length === 0) return this.plan.errors.length === 0;

    const target = joinLoc(work, TARGET_DB);
    const workData = joinLoc(work, 'data');
    if (typeAt(roots, workData) === 'symlink') {
      // Renaming into a linked dir would move the database somewhere else entirely.
      this.error(`${display(workData)} is a symlink; move the database into place by hand`, [display(workData)], 'not-a-directory');
      return false;
    }
    if (candidates.length === 1) {
      const only = candidates[0]!;
      if (sameLoc(only.loc, target)) return true;
      if (!this.moveInto(only.loc, target)) return false;
      only.moved.add(only.rel);
      return true;
    }

    if (!this.ensureDir(joinLoc(work, 'data'))) return false;
    const ordered = [...candidates].sort((a, b) => Number(sameLoc(b.loc, target)) - Number(sameLoc(a.loc, target)));
    const merged = await planDbMerge(roots, this.meta, target, ordered.map((c) => c.loc));
    if ('conflict' in merged) {
      this.error(`cannot merge ${ordered.map((c) => display(c.loc)).join(' and ')}: ${merged.conflict}`, ordered.map((c) => display(c.loc)), 'db-merge-conflict');
      return false;
    }
    this.plan.ops.push(merged.op);
    for (const c of ordered) {
      if (sameLoc(c.loc, target)) continue;
      const atticRel = `${ATTIC}/${c.rel}`;
      const attic = joinLoc(work, atticRel);
      if (S.has(atticRel) || D.has(atticRel)) {
        this.error(`${display(attic)} already exists; cannot move ${display(c.loc)} aside`, [display(c.loc), display(attic)], 'collision');
        return false;
      }
      if (!this.moveInto(c.loc, attic)) return false;
      c.moved.add(c.rel);
    }
    return true;
  }

  /** Moves every persona entry into the existing user dir, entry by entry, then removes the emptied persona dirs. */
  private mergeInto(S: Tree, D: Tree, movedS: Set<string>, emptiedS: string[]): void {
    const roots = this.ctx.roots;
    const children = childrenByParent(S);
    const emptied = new Set(emptiedS);
    const walk = (rel: string): void => {
      for (const child of children.get(rel) ?? []) {
        const t = S.get(child)!;
        if (t === 'file' && movedS.has(child)) continue;
        const from = joinLoc(this.src, child);
        const to = joinLoc(this.dst, child);
        const dirThere = D.get(child) === 'dir' || this.planned.has(locKey(to));
        if (t === 'dir' && dirThere) {
          walk(child);
          this.plan.ops.push(deleteEmptyDirOp(roots, this.meta, from));
        } else if (t === 'dir' && emptied.has(child)) {
          this.plan.ops.push(deleteEmptyDirOp(roots, this.meta, from));
        } else {
          this.move(from, to);
        }
      }
    };
    walk('');
    this.plan.ops.push(deleteEmptyDirOp(roots, this.meta, this.src));
  }
}

/** Names of the dirs (and links, which are checked later) that stand for users; files are not users. */
function userEntries(dir: string): string[] {
  return childNames(dir).filter((n) => entryType(path.join(dir, n)) !== 'file');
}

/**
 * The layout change as patterns, for the code that names these places: the personas dir and
 * each persona in it move to the users dir; every legacy database name, in either dir, is
 * `data/longterm.db` afterwards.
 */
/** The locations a continuum migration moves, for the code that names them (path-refs). */
export function relocations(personasDir: Loc, usersDir: Loc, legacyDatabases: string[]): Relocation[] {
  const user = (dir: Loc, rel = ''): Loc => loc('project', `${dir.path}/{userId}${rel ? `/${rel}` : ''}`);
  const out: Relocation[] = [
    { source: SOURCE, type: 'dir', from: personasDir, to: usersDir },
    { source: SOURCE, type: 'dir', from: user(personasDir), to: user(usersDir) },
  ];
  for (const name of legacyDatabases.filter((n) => n !== TARGET_DB)) {
    for (const dir of [personasDir, usersDir]) out.push({ source: SOURCE, type: 'file', from: user(dir, name), to: user(usersDir, TARGET_DB) });
  }
  return out;
}

export const continuumUsersSource: OperationSource = {
  name: SOURCE,
  category: 'fs',
  async plan(ctx: PlanContext): Promise<SourceResult> {
    const { dir, users, legacyDatabases } = settings(ctx);
    const roots = ctx.roots;
    const result: SourceResult = { operations: [], warnings: [], errors: [] };
    const personasDir = loc('project', `${dir}/personas`);
    const usersDir = loc('project', `${dir}/users`);
    for (const d of [personasDir, usersDir]) {
      const t = typeAt(roots, d);
      if (t !== undefined && t !== 'dir') {
        result.errors.push({ source: SOURCE, code: 'not-a-directory', message: `${display(d)} is not a directory; nothing migrated`, paths: [display(d)] });
        return result;
      }
    }

    const personaNames = userEntries(abs(roots, personasDir));
    const personaSet = new Set(personaNames);
    const origins = new Map<string, string>();
    for (const n of personaNames) origins.set(n, display(personasDir));
    for (const n of userEntries(abs(roots, usersDir))) if (!origins.has(n)) origins.set(n, display(usersDir));
    for (const n of users) if (!origins.has(n)) origins.set(n, 'config continuum.users');

    const planned = new Set<string>();
    const movedOut = new Set<string>();
    let done = 0;
    for (const [id, origin] of origins) {
      ctx.progress?.(done++, origins.size, 'continuum users');
      const invalid = checkUserId(SOURCE, roots, id, (i) => [joinLoc(personasDir, i), joinLoc(usersDir, i)], origin);
      if (invalid) {
        result.errors.push(invalid);
        continue;
      }
      // Dirs this user's plan makes count only once the plan is kept.
      const tentative = new Set<string>();
      const view: PlannedDirs = { has: (k) => planned.has(k) || tentative.has(k), add: (k) => tentative.add(k) };
      const planner = new UserPlanner(ctx, id, joinLoc(personasDir, id), joinLoc(usersDir, id), usersDir, legacyDatabases, view);
      const plan = await planner.run();
      result.warnings.push(...plan.warnings);
      if (plan.errors.length) {
        result.errors.push(...plan.errors);
        continue;
      }
      result.operations.push(...plan.ops);
      for (const k of tentative) planned.add(k);
      if (personaSet.has(id)) movedOut.add(id);
    }
    if (typeAt(roots, personasDir) === 'dir' && childNames(abs(roots, personasDir)).every((n) => movedOut.has(n))) {
      result.operations.push(deleteEmptyDirOp(roots, { source: SOURCE }, personasDir));
    }
    if (result.operations.length > 0) result.relocations = relocations(personasDir, usersDir, legacyDatabases);
    return result;
  },
};
