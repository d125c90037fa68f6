// Runs the operation sources and assembles their output into one plan. Knows nothing about any
// particular source: it only orders, merges and completes operations.
import fs from 'node:fs';
import path from 'node:path';
import { ProjectFiles } from './files.js';
import { makePlanId } from './id.js';
import { createdBy, locationsOf } from './locations.js';
import { editOp, mkdirOp } from './ops.js';
import { decodeText } from './text.js';
import { abs, display, loc } from './paths.js';
import { TOOL_VERSION } from './version.js';
import { PLAN_SCHEMA_VERSION, type EditOp, type ExtensionOp, type Info, type Loc, type Operation, type OperationSource, type Plan, type PlanError, type Relocation, type Roots, type SourceResult, type Warning } from './types.js';

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
 * Inserts `mkdir` steps for missing parent directories so that every operation's target dir
 * exists when it runs, and rollback removes exactly the dirs the plan made.
 */
function withParentDirs(roots: Roots, ops: Operation[]): Operation[] {
  const made = new Set<string>();
  const out: Operation[] = [];
  for (const op of ops) {
    for (const target of createdBy(op)) {
      const parts = target.path.split('/');
      for (let n = 1; n < parts.length; n++) {
        const dir = loc(target.root, parts.slice(0, n).join('/'));
        if (made.has(key(dir))) continue;
        if (!fs.existsSync(abs(roots, dir))) out.push(mkdirOp(roots, { source: op.source, ...(op.group ? { group: op.group } : {}) }, dir));
        made.add(key(dir));
      }
    }
    if (op.kind === 'mkdir') made.add(key((op as { path: Loc }).path));
    out.push(op);
  }
  return out;
}

/** Two sources editing one file: both spliced the original, so they combine when disjoint. */
function mergeEdits(roots: Roots, ops: Operation[], errors: PlanError[]): Operation[] {
  const firstEdit = new Map<string, EditOp>();
  const out: Operation[] = [];
  for (const op of ops) {
    if (op.kind !== 'edit') {
      out.push(op);
      continue;
    }
    const edit = op as EditOp;
    const prev = firstEdit.get(key(edit.path));
    if (!prev) {
      firstEdit.set(key(edit.path), edit);
      out.push(edit);
      continue;
    }
    const overlaps = edit.splices.some((a) => prev.splices.some((b) => a.start < b.end && b.start < a.end));
    const decoded = decodeText(fs.readFileSync(abs(roots, edit.path)));
    if (overlaps || !decoded.ok) {
      errors.push({ source: edit.source, message: `${display(edit.path)} is also edited by ${prev.source} in the same place; the ${edit.source} edits were left out`, paths: [display(edit.path)], code: 'conflicting-edits' });
      continue;
    }
    const merged = editOp(roots, { source: `${prev.source}+${edit.source}`, ...(prev.group ? { group: prev.group } : {}) }, edit.path, decoded.text, [...prev.splices, ...edit.splices], {
      ...(prev.sensitive || edit.sensitive ? { sensitive: true } : {}),
      ...(prev.changedKeys || edit.changedKeys ? { changedKeys: [...new Set([...(prev.changedKeys ?? []), ...(edit.changedKeys ?? [])])] } : {}),
    });
    out[out.indexOf(prev)] = merged;
    firstEdit.set(key(edit.path), merged);
  }
  return out;
}

export async function buildPlan(input: BuildInput): Promise<Plan> {
  const roots: Roots = { project: path.resolve(input.roots.project), ...(input.roots.home ? { home: path.resolve(input.roots.home) } : {}) };
  const config = input.config ?? {};
  const ignores = Array.isArray(config.ignore) ? (config.ignore as string[]) : [];
  const files = new ProjectFiles(roots.project, ignores);
  let operations: Operation[] = [];
  const warnings: Warning[] = [];
  const errors: PlanError[] = [];
  const infos: Info[] = [];
  // Sources that follow relocations run last, but their operations keep the profile's order.
  const order = [...input.sources.filter((s) => !s.followsRelocations), ...input.sources.filter((s) => s.followsRelocations)];
  const results = new Map<OperationSource, SourceResult>();
  const relocations: Relocation[] = [];
  for (const source of order) {
    const res = await source.plan({
      roots,
      config,
      options: input.sourceOptions?.[source.name] ?? {},
      files,
      paths: input.paths ?? [],
      progress: input.progress,
      relocations: source.followsRelocations ? relocations : [],
    });
    results.set(source, res);
    relocations.push(...(res.relocations ?? []));
  }
  for (const source of input.sources) {
    const res = results.get(source)!;
    operations.push(...res.operations);
    warnings.push(...res.warnings);
    errors.push(...res.errors);
    infos.push(...(res.infos ?? []));
  }
  operations = withParentDirs(roots, mergeEdits(roots, operations, errors));
  // A root no operation uses would only put another absolute path into the plan.
  const usesHome = operations.some((op) => locationsOf(op).some((l) => l.root === 'home'));
  if (!usesHome) delete roots.home;
  const now = input.now ?? new Date();
  return {
    schemaVersion: PLAN_SCHEMA_VERSION,
    id: makePlanId(now),
    createdAt: now.toISOString(),
    toolVersion: TOOL_VERSION,
    roots,
    profile: input.profile ?? 'custom',
    options: input.options ?? {},
    sources: input.sources.map((s) => s.name),
    operations,
    warnings,
    errors,
    ...(infos.length > 0 ? { infos } : {}),
  };
}
