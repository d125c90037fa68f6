// Runs the operation sources and assembles their output into one plan. Knows nothing about any
// particular source: it only orders, merges and completes operations.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ProjectFiles } from './files.js';
import { makePlanId } from './id.js';
import { createdBy, locationsOf } from './locations.js';
import { editOp, mkdirOp, withNewParents } from './ops.js';
import { OpFileWriter, readOps, type OpFileDigest } from './op-file.js';
import { decodeText } from './text.js';
import { abs, display, loc } from './paths.js';
import { TOOL_VERSION } from './version.js';
import { PLAN_SCHEMA_VERSION, type EditOp, type Info, type Loc, type MoveOp, type Operation, type OperationSource, type Plan, type PlanError, type PlanHeader, type Relocation, type Roots, type SourceResult, type Span, type Warning } from './types.js';

export interface BuildInput {
  roots: Roots;
  sources: OperationSource[];
  /** The parsed config file. */
  config?: Record<string, unknown>;
  /** Per-source options keyed by source name. */
  sourceOptions?: Record<string, Record<string, unknown>>;
  /** Restrict code sources to these project-relative paths. */
  paths?: string[];
  profile?: string;
  /** Options worth recording in the plan (what the user asked for). */
  options?: Record<string, unknown>;
  progress?: (done: number, total: number, label: string) => void;
  now?: Date;
}

const key = (l: Loc): string => `${l.root}:${l.path}`;

/**
 * Makes sure every operation's target dir exists when it runs, and that rollback removes
 * exactly the dirs the plan made: a move creates its target's missing parents itself (one step
 * instead of one per dir); before any other kind, `mkdir` steps are inserted.
 */
function parentDirs(roots: Roots): (op: Operation) => Operation[] {
  const made = new Set<string>();
  return (op) => {
    const out: Operation[] = [];
    const missing: Loc[] = [];
    for (const target of createdBy(op)) {
      const parts = target.path.split('/');
      for (let n = 1; n < parts.length; n++) {
        const dir = loc(target.root, parts.slice(0, n).join('/'));
        if (made.has(key(dir))) continue;
        if (!fs.existsSync(abs(roots, dir))) missing.push(dir);
        made.add(key(dir));
      }
    }
    if (op.kind === 'move' && missing.length > 0) {
      out.push(withNewParents(roots, op as MoveOp, missing));
    } else {
      for (const dir of missing) out.push(mkdirOp(roots, { source: op.source, ...(op.group ? { group: op.group } : {}) }, dir));
      out.push(op);
    }
    if (op.kind === 'mkdir') made.add(key((op as { path: Loc }).path));
    return out;
  };
}

/** Two sources editing one file: both spliced the original, so they combine when disjoint. */
async function mergeEdits(roots: Roots, edits: EditOp[], errors: PlanError[], sources: readonly OperationSource[]): Promise<EditOp> {
  const decoded = decodeText(fs.readFileSync(abs(roots, edits[0]!.path)));
  const accepted = [edits[0]!];
  for (const edit of edits.slice(1)) {
    const taken = accepted.flatMap((e) => e.splices);
    if (!decoded.ok || edit.splices.some((a) => taken.some((b) => a.start < b.end && b.start < a.end))) {
      errors.push({ source: edit.source, message: `${display(edit.path)} is also edited by ${accepted.map((e) => e.source).join('+')} in the same place; the ${edit.source} edits were left out`, paths: [display(edit.path)], code: 'conflicting-edits' });
      continue;
    }
    accepted.push(edit);
  }
  if (accepted.length === 1 || !decoded.ok) return accepted[0]!;
  const joined = await joinParts(roots, accepted, sources, decoded.text);
  const changedKeys = [...new Set(joined.flatMap((e) => e.changedKeys ?? []))];
  return editOp(roots, { source: joined.map((e) => e.source).join('+'), ...(joined[0]!.group ? { group: joined[0]!.group } : {}) }, edits[0]!.path, decoded.text, joined.flatMap((e) => e.splices), {
    ...(joined.some((e) => e.sensitive) ? { sensitive: true } : {}),
    ...(changedKeys.length > 0 ? { changedKeys } : {}),
  });
}

/**
 * Parts of one kind that several of a file's edits make (`EditOp.joinable`, e.g. an import of one
 * module): taken out of each edit and made once, from all their data, by the kind's joiner.
 */
async function joinParts(roots: Roots, edits: EditOp[], sources: readonly OperationSource[], text: string): Promise<EditOp[]> {
  let out = edits;
  for (const kind of new Set(edits.flatMap((e) => (e.joinable ? [e.joinable.kind] : [])))) {
    const having = out.filter((e) => e.joinable?.kind === kind);
    const joiner = having.map((e) => sources.find((s) => s.name === e.source)?.joiners?.[kind]).find((j) => j !== undefined);
    const made = having.length > 1 && joiner ? await joiner({ roots, path: having[0]!.path, text }, having.map((e) => e.joinable!.data)) : undefined;
    if (!made) continue;
    out = out.map((e) => {
      if (e.joinable?.kind !== kind) return e;
      const own = e.splices.filter((s) => !e.joinable!.splices.some((j) => j.start === s.start && j.end === s.end && j.text === s.text));
      return { ...e, splices: e === having[0] ? [...own, ...made] : own };
    });
  }
  return out;
}

/** Warnings still to act on: a `movedPath` one inside code a source rewrote to follow the move is not (SourceResult.rewrote). */
function unsettled(warnings: readonly Warning[], rewrote: readonly Span[]): Warning[] {
  const before = (a: { line: number; column: number }, b: { line: number; column: number }) => a.line < b.line || (a.line === b.line && a.column < b.column);
  return warnings.flatMap(({ movedPath, ...w }) => {
    if (!movedPath || w.line === undefined) return [w];
    const at = { line: w.line, column: w.column ?? 1 };
    return rewrote.some((r) => r.file === w.file && !before(at, r) && before(at, { line: r.endLine, column: r.endColumn })) ? [] : [w];
  });
}

/** An edit as the saved plan keeps it: its joinable part only matters while the plan is built. */
function withoutJoinable(op: Operation): Operation {
  if (op.kind !== 'edit' || !(op as EditOp).joinable) return op;
  const { joinable: _, ...rest } = op as EditOp;
  return rest;
}

/** One spool file per source: sources that follow relocations run last, but their operations keep the profile's place. */
class Spools {
  private readonly writers = new Map<OperationSource, OpFileWriter>();
  /** How many edits each file got, across sources: files edited twice are merged. */
  readonly editsPerFile = new Map<string, number>();

  constructor(private readonly dir: string) {}

  sink(source: OperationSource, index: number): (op: Operation) => void {
    const writer = new OpFileWriter(path.join(this.dir, `source-${index}.jsonl`), true);
    this.writers.set(source, writer);
    return (op) => {
      if (op.kind === 'edit') {
        const k = key((op as EditOp).path);
        this.editsPerFile.set(k, (this.editsPerFile.get(k) ?? 0) + 1);
      }
      writer.append(op);
    };
  }

  close(): void {
    for (const w of this.writers.values()) w.close();
  }

  discard(): void {
    for (const w of this.writers.values()) w.discard();
  }

  *read(sources: readonly OperationSource[]): Generator<Operation> {
    for (const s of sources) {
      const w = this.writers.get(s);
      if (w) yield* readOps(w.file);
    }
  }
}

export interface BuiltPlan {
  header: PlanHeader;
  operations: OpFileDigest;
}

/**
 * Runs the sources and writes the plan's operations to `opsFile` as they come: each source's
 * to a spool in `workDir`, then all of them in profile order, with edits of one file merged and
 * the parent dirs they need made. Memory holds no operation for longer than it takes to write it.
 */
export async function buildPlanInto(input: BuildInput, workDir: string, opsFile: string): Promise<BuiltPlan> {
  const roots: Roots = { project: path.resolve(input.roots.project), ...(input.roots.home ? { home: path.resolve(input.roots.home) } : {}) };
  const config = input.config ?? {};
  const ignores = Array.isArray(config.ignore) ? (config.ignore as string[]) : [];
  const files = new ProjectFiles(roots.project, ignores);
  const warnings: Warning[] = [];
  const errors: PlanError[] = [];
  const infos: Info[] = [];
  const order = [...input.sources.filter((s) => !s.followsRelocations), ...input.sources.filter((s) => s.followsRelocations)];
  const results = new Map<OperationSource, SourceResult>();
  const relocations: Relocation[] = [];
  const spools = new Spools(workDir);
  try {
    for (const [index, source] of order.entries()) {
      const emit = spools.sink(source, index);
      const res = await source.plan({
        roots,
        config,
        options: input.sourceOptions?.[source.name] ?? {},
        files,
        paths: input.paths ?? [],
        progress: input.progress,
        relocations: source.followsRelocations ? relocations : [],
        emit,
      });
      for (const op of res.operations) emit(op);
      results.set(source, { ...res, operations: [] });
      relocations.push(...(res.relocations ?? []));
    }
    spools.close();
  } catch (e) {
    spools.discard();
    throw e;
  }
  const rewrote = input.sources.flatMap((s) => results.get(s)!.rewrote ?? []);
  for (const source of input.sources) {
    const res = results.get(source)!;
    warnings.push(...unsettled(res.warnings, rewrote));
    errors.push(...res.errors);
    infos.push(...(res.infos ?? []));
  }
  // Files two sources edit: their edits, gathered (a rare case) so that they land as one.
  const twice = new Set([...spools.editsPerFile].filter(([, n]) => n > 1).map(([k]) => k));
  const merged = new Map<string, EditOp[]>();
  if (twice.size > 0) {
    for (const op of spools.read(input.sources)) {
      if (op.kind === 'edit' && twice.has(key((op as EditOp).path))) merged.set(key((op as EditOp).path), [...(merged.get(key((op as EditOp).path)) ?? []), op as EditOp]);
    }
  }
  const withParents = parentDirs(roots);
  const out = new OpFileWriter(opsFile);
  let usesHome = false;
  let digest: OpFileDigest;
  try {
    for (const op of spools.read(input.sources)) {
      let next = withoutJoinable(op);
      if (op.kind === 'edit' && twice.has(key((op as EditOp).path))) {
        const group = merged.get(key((op as EditOp).path));
        if (!group) continue; // merged into the file's first edit
        merged.delete(key((op as EditOp).path));
        next = withoutJoinable(await mergeEdits(roots, group, errors, input.sources));
      }
      for (const o of withParents(next)) {
        usesHome ||= locationsOf(o).some((l) => l.root === 'home');
        out.append(o);
      }
    }
    digest = out.close();
  } catch (e) {
    out.discard();
    throw e;
  } finally {
    spools.discard();
  }
  // A root no operation uses would only put another absolute path into the plan.
  if (!usesHome) delete roots.home;
  const now = input.now ?? new Date();
  return {
    header: {
      schemaVersion: PLAN_SCHEMA_VERSION,
      id: makePlanId(now),
      createdAt: now.toISOString(),
      toolVersion: TOOL_VERSION,
      roots,
      profile: input.profile ?? 'custom',
      options: input.options ?? {},
      sources: input.sources.map((s) => s.name),
      warnings,
      errors,
      ...(infos.length > 0 ? { infos } : {}),
    },
    operations: digest,
  };
}

/** Builds a plan in memory (the API, tests, small plans): the operations are read back into an array. */
export async function buildPlan(input: BuildInput): Promise<Plan> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'migrate-users-plan-'));
  try {
    const opsFile = path.join(work, 'operations.jsonl');
    const built = await buildPlanInto(input, work, opsFile);
    return { ...built.header, operations: [...readOps(opsFile)] };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}
