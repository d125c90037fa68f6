// Checks made before anything is touched: every path stays inside its root (a tampered plan is
// refused whole) and every precondition still holds (a stale plan names every changed path).
import { SafetyError } from './errors.js';
import { describeFingerprint, stillAsExpected } from './fingerprint.js';
import { abs, assertContained, ContainmentCache, display, normaliseRel, UnsafePathError } from './paths.js';
import { locationsOf } from './locations.js';
import { operationKindHandler } from './kinds.js';
import { isBuiltin, type Plan } from './types.js';

/** Apply needs a handler for every extension kind; rollback does not (it restores backups). */
export function assertKindsKnown(plan: Plan): void {
  const unknown = [...new Set(plan.operations.filter((op) => !isBuiltin(op) && !operationKindHandler(op.kind)).map((op) => op.kind))];
  if (unknown.length > 0) {
    throw new SafetyError(`this build of migrate-users cannot apply operations of kind ${unknown.map((k) => `"${k}"`).join(', ')}; use the version that made plan ${plan.id} (${plan.toolVersion})`);
  }
}

export function assertPlanPathsSafe(plan: Plan): void {
  const problems: string[] = [];
  const cache = new ContainmentCache();
  plan.operations.forEach((op, i) => {
    for (const l of locationsOf(op)) {
      try {
        if (l.root !== 'project' && l.root !== 'home') throw new UnsafePathError(`unknown root "${String(l.root)}"`);
        if (normaliseRel(l.path) !== l.path) throw new UnsafePathError(`path is not normalised: ${l.path}`);
        assertContained(plan.roots, l, cache);
      } catch (e) {
        if (!(e instanceof UnsafePathError)) throw e;
        problems.push(`operation ${i + 1} (${op.kind}): ${e.message}`);
      }
    }
  });
  if (problems.length > 0) {
    throw new SafetyError(`refusing plan ${plan.id}: ${problems[0]}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''}`, problems);
  }
}

/** Lists every path whose state differs from what the plan saw, each once. */
export function stalePaths(plan: Plan, skipOps: ReadonlySet<number> = new Set()): string[] {
  const seen = new Set<string>();
  const stale: string[] = [];
  plan.operations.forEach((op, i) => {
    if (skipOps.has(i)) return;
    for (const pre of op.pre) {
      const key = `${pre.loc.root}:${pre.loc.path}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const { ok, now } = stillAsExpected(abs(plan.roots, pre.loc), pre.expect);
      if (!ok) {
        stale.push(`${display(pre.loc)} (planned: ${describeFingerprint(pre.expect)}, now: ${describeFingerprint(now)})`);
      }
    }
  });
  return stale;
}
