// Checks made before anything is touched: every path stays inside its root (a tampered plan is
// refused whole) and every precondition still holds (a stale plan names every changed path).
import path from 'node:path';
import { SafetyError } from './errors.js';
import { describeFingerprint, stillAsExpected } from './fingerprint.js';
import { abs, assertContained, ContainmentCache, display, normaliseRel, UnsafePathError } from './paths.js';
import { ListingCache } from './listings.js';
import { createdBy, locationsOf } from './locations.js';
import { operationKindHandler } from './kinds.js';
import { isBuiltin, type ExtensionOp, type Fingerprint, type Loc, type MoveOp, type Operation, type PlanView, type Precondition, type Roots } from './types.js';

/**
 * What one pass over a plan's operations finds: the extension kinds this build has no handler
 * for, the paths that are not safe to touch, and every path's precondition (once per path).
 * The checks before a run share it: reading a big plan's operations is a cost of its own.
 */
export interface PlanScan {
  unknownKinds: Set<string>;
  problems: string[];
  pres: Precondition[];
}

export function scanPlan(plan: PlanView): PlanScan {
  const unknownKinds = new Set<string>();
  const problems: string[] = [];
  const pres = new PreconditionsByPath();
  const cache = new ContainmentCache();
  let i = -1;
  for (const op of plan.operations) {
    i++;
    if (!isBuiltin(op) && !operationKindHandler(op.kind)) unknownKinds.add(op.kind);
    for (const p of pathProblems(plan, op, cache)) problems.push(`operation ${i + 1} (${op.kind}): ${p}`);
    pres.add(op);
  }
  return { unknownKinds, problems, pres: pres.list() };
}

/** Apply needs a handler for every extension kind; rollback does not (it restores backups). */
export function assertKindsKnown(plan: PlanView, scan: PlanScan = scanPlan(plan)): void {
  const unknown = scan.unknownKinds;
  if (unknown.size > 0) {
    throw new SafetyError(`this build of migrate-users cannot apply operations of kind ${[...unknown].map((k) => `"${k}"`).join(', ')}; use the version that made plan ${plan.id} (${plan.toolVersion})`);
  }
}

/**
 * What rollback would delete or restore must be what the plan saw: a path the plan creates was
 * absent, a path it replaces was a file. Otherwise a damaged plan could make rollback delete
 * a directory that was there all along.
 */
function shapeProblems(op: Operation): string[] {
  const expectOf = (l: Loc) => op.pre.find((p) => p.loc.root === l.root && p.loc.path === l.path)?.expect;
  const out: string[] = [];
  for (const l of createdBy(op)) {
    if (expectOf(l)?.type !== 'absent') out.push(`${display(l)} is created by the plan but was not seen absent`);
  }
  if (op.kind === 'move') {
    const { newParents, parentMode, to } = op as MoveOp;
    if (newParents !== undefined && !(Number.isInteger(newParents) && newParents >= 0 && newParents < to.path.split('/').length)) out.push(`it creates ${String(newParents)} parent dirs of ${display(to)}, which has not that many`);
    if (newParents && !(Number.isInteger(parentMode) && parentMode! >= 0 && parentMode! <= 0o7777)) out.push(`the mode of the dirs it creates is not a mode: ${String(parentMode)}`);
  }
  if (!isBuiltin(op)) {
    for (const l of (op as ExtensionOp).replaces ?? []) if (expectOf(l)?.type !== 'file') out.push(`${display(l)} is replaced by the plan but was not seen as a file`);
  }
  return out;
}

function pathProblems(plan: PlanView, op: Operation, cache: ContainmentCache): string[] {
  const out: string[] = [];
  for (const l of locationsOf(op)) {
    try {
      if (l.root !== 'project' && l.root !== 'home') throw new UnsafePathError(`unknown root "${String(l.root)}"`);
      if (normaliseRel(l.path) !== l.path) throw new UnsafePathError(`path is not normalised: ${l.path}`);
      assertContained(plan.roots, l, cache);
    } catch (e) {
      if (!(e instanceof UnsafePathError)) throw e;
      out.push(e.message);
    }
  }
  return [...out, ...shapeProblems(op)];
}

export function assertPlanPathsSafe(plan: PlanView, scan: PlanScan = scanPlan(plan)): void {
  const { problems } = scan;
  if (problems.length > 0) {
    throw new SafetyError(`refusing plan ${plan.id}: ${problems[0]}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''}`, problems);
  }
}

/** The first line of a stale-plan refusal: what changed, and the command that fixes it. */
export function staleHeadline(planId: string, stale: readonly string[]): string {
  const more = stale.length > 1 ? ` (and ${stale.length - 1} more paths)` : '';
  const modeOnly = /^(.*) \(mode only: planned (\d+), now (\d+); same content\)$/.exec(stale[0]!);
  if (modeOnly) {
    const [, p, planned, now] = modeOnly;
    return `plan is stale: only the mode of ${p} changed (${planned} -> ${now}, same content) since plan ${planId}${more}; \`chmod ${planned} ${p}\` puts it back, or run \`migrate-users plan\` again`;
  }
  return `plan is stale: ${stale[0]!.replace(/ \(planned:.*$/, '')} changed since plan ${planId}${more}; run \`migrate-users plan\` again`;
}

const isQuick = (f: Fingerprint): boolean => (f.type === 'file' && f.ino !== undefined) || (f.type === 'dir' && f.dirs !== undefined);

/** Absent paths sharing a parent with this many others are looked up in one listing of it. */
const LIST_PARENT_AT = 4;

/** Each path's precondition once: a file that one step reads and another only renames gets its bytes checked. */
class PreconditionsByPath {
  private readonly byLoc = new Map<string, Precondition>();

  add(op: Operation): void {
    for (const pre of op.pre) {
      const key = `${pre.loc.root}:${pre.loc.path}`;
      const seen = this.byLoc.get(key);
      if (!seen || (isQuick(seen.expect) && !isQuick(pre.expect))) this.byLoc.set(key, pre);
    }
  }

  list(): Precondition[] {
    return [...this.byLoc.values()];
  }
}

/** Lists every path whose state differs from what the plan saw, each once. */
export async function stalePaths(plan: PlanView, skipOps: ReadonlySet<number> = new Set(), ignoreName?: (name: string) => boolean): Promise<string[]> {
  const pres = new PreconditionsByPath();
  let i = -1;
  for (const op of plan.operations) if (!skipOps.has(++i)) pres.add(op);
  return staleAmong(plan.roots, pres.list(), ignoreName);
}

/** The preconditions among `pres` that no longer hold, described. */
export async function staleAmong(roots: Roots, pres: readonly Precondition[], ignoreName?: (name: string) => boolean): Promise<string[]> {
  const listings = new ListingCache();
  const absentPerParent = new Map<string, number>();
  for (const pre of pres) {
    if (pre.expect.type !== 'absent') continue;
    const parent = path.dirname(abs(roots, pre.loc));
    absentPerParent.set(parent, (absentPerParent.get(parent) ?? 0) + 1);
  }
  await listings.prefetch([
    // A tree with quick-check keys is read only where its dirs changed.
    ...pres.filter((p) => p.expect.type === 'dir' && !p.expect.dirs).map((p) => ({ dir: abs(roots, p.loc), deep: true })),
    ...[...absentPerParent].filter(([, n]) => n >= LIST_PARENT_AT).map(([dir]) => ({ dir, deep: false })),
  ]);
  // Dirs first: their walks read the listings that absent paths below them are looked up in.
  const problems = new Map<Precondition, string>();
  for (const pre of [...pres.filter((p) => p.expect.type === 'dir'), ...pres.filter((p) => p.expect.type !== 'dir')]) {
    const { ok, now } = stillAsExpected(abs(roots, pre.loc), pre.expect, ignoreName, listings);
    if (ok) continue;
    const e = pre.expect;
    const modeOnly = e.type === 'file' && now.type === 'file' && now.sha256 === e.sha256 && now.size === e.size;
    problems.set(pre, modeOnly ? `${display(pre.loc)} (mode only: planned ${e.mode.toString(8)}, now ${now.mode.toString(8)}; same content)` : `${display(pre.loc)} (planned: ${describeFingerprint(e)}, now: ${describeFingerprint(now)})`);
  }
  return pres.flatMap((pre) => problems.get(pre) ?? []);
}
