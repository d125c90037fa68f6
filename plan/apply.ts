import { SafetyError } from './errors.js';
import { applyOperation } from './executors.js';
import { assertKindsKnown, assertPlanPathsSafe, stalePaths } from './preflight.js';
import { closeSession, interruptedPlans, openSession, type RunOptions } from './session.js';
import { StateDir } from './state-dir.js';
import { resolvePlanId } from './store.js';
import type { Operation } from './types.js';

export interface ApplyResult {
  planId: string;
  applied: number;
  skippedAlreadyDone: number;
  resumed: boolean;
}

// Renames and new dirs are recognisable in the tree itself, so their intents can share an
// fsync; any other step is journaled durably before it touches anything.
const SELF_EVIDENT = new Set(['mkdir', 'move', 'copy']);
const isDestructive = (op: Operation): boolean => !SELF_EVIDENT.has(op.kind);

export async function applyPlan(stateRoot: string, idOrPrefix: string, opts: RunOptions = {}): Promise<ApplyResult> {
  const state = new StateDir(stateRoot);
  const id = resolvePlanId(state, idOrPrefix);
  const other = interruptedPlans(state, id)[0];
  if (other) {
    throw new SafetyError(`plan ${other.id} was interrupted (${other.view.state}); finish it first with \`migrate-users apply ${other.id}\` or \`migrate-users rollback ${other.id}\``);
  }
  const s = openSession(stateRoot, id, 'apply', opts);
  const { plan, view, journal, ctx } = s;
  try {
    if (view.state === 'applied') throw new SafetyError(`plan ${plan.id} was already applied and cannot be applied twice; \`migrate-users rollback ${plan.id}\` undoes it`);
    if (view.state === 'rolled-back') throw new SafetyError(`plan ${plan.id} was rolled back; run \`migrate-users plan\` to make a new plan`);
    if (view.state === 'rolling-back') throw new SafetyError(`plan ${plan.id} is half rolled back; finish with \`migrate-users rollback ${plan.id}\``);
    assertKindsKnown(plan);
    assertPlanPathsSafe(plan);
    const resumed = view.state === 'applying' || view.state === 'failed';
    if (!resumed) {
      const stale = stalePaths(plan);
      if (stale.length > 0) {
        throw new SafetyError(
          `plan is stale: ${stale[0]!.replace(/ \(planned:.*$/, '')} changed since plan ${plan.id}${stale.length > 1 ? ` (and ${stale.length - 1} more paths)` : ''}; run \`migrate-users plan\` again`,
          stale,
        );
      }
    } else {
      opts.notice?.(`resuming the interrupted apply of ${plan.id} (${view.done.size}/${plan.operations.length} steps were done)`);
    }
    journal.append({ t: 'apply-start', at: new Date().toISOString(), pid: process.pid, resume: resumed }, true);
    let applied = 0;
    const total = plan.operations.length;
    for (let i = 0; i < total; i++) {
      if (view.done.has(i)) continue;
      const op = plan.operations[i]!;
      journal.append({ t: 'intent', i }, isDestructive(op));
      try {
        const post = await applyOperation(op, i, ctx);
        journal.append({ t: 'done', i, post });
      } catch (e) {
        journal.append({ t: 'apply-failed', at: new Date().toISOString(), i, error: (e as Error).message }, true);
        const msg = `apply stopped at step ${i + 1}/${total} (${op.kind}): ${(e as Error).message}`;
        throw new SafetyError(`${msg}; nothing is lost: \`migrate-users rollback ${plan.id}\` undoes the ${i} steps done, or fix the cause and \`migrate-users apply ${plan.id}\` resumes`);
      }
      applied++;
      opts.progress?.(i + 1, total);
    }
    journal.append({ t: 'apply-end', at: new Date().toISOString() }, true);
    return { planId: plan.id, applied, skippedAlreadyDone: view.done.size, resumed };
  } finally {
    closeSession(s);
  }
}
