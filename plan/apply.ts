import { InterruptedError, SafetyError } from './errors.js';
import { isSelfEvident, lastStepShownRun } from './evidence.js';
import { applyOperation } from './executors.js';
import { describeError, isDiskFull } from './fs-errors.js';
import { SYNC_WINDOW, type JournalView } from './journal.js';
import { ParentsAhead } from './parents-ahead.js';
import { assertKindsKnown, assertPlanPathsSafe, scanPlan, staleAmong, staleHeadline } from './preflight.js';
import { closeSession, letEventsIn, interruptedPlans, openSession, type RunOptions } from './session.js';
import { StateDir } from './state-dir.js';
import { resolvePlanId } from './store.js';
import type { PlanView } from './types.js';

export interface ApplyResult {
  planId: string;
  applied: number;
  skippedAlreadyDone: number;
  resumed: boolean;
}


/** Steps after the last journaled one that may have run before a crash lost their uncommitted records, highest first. */
function unjournaledCandidates(view: JournalView, total: number): number[] {
  const last = view.lastJournaled;
  const top = Math.min(total - 1, last + SYNC_WINDOW);
  const out: number[] = [];
  for (let j = top; j > last; j--) out.push(j);
  return out;
}

export function interruptedAdvice(id: string, state: string): string {
  return state === 'rolling-back'
    ? `run \`migrate-users rollback ${id}\` to finish the rollback`
    : `run \`migrate-users apply ${id}\` to resume or \`migrate-users rollback ${id}\` to undo`;
}

/** Kinds, paths and (unless resuming) every precondition, in one pass over the operations; nothing of it is kept for the run. */
async function checkBeforeRun(plan: PlanView, resumed: boolean): Promise<void> {
  const scan = scanPlan(plan);
  assertKindsKnown(plan, scan);
  assertPlanPathsSafe(plan, scan);
  if (resumed) return;
  const stale = await staleAmong(plan.roots, scan.pres);
  if (stale.length > 0) throw new SafetyError(staleHeadline(plan.id, stale), stale);
}

export async function applyPlan(stateRoot: string, idOrPrefix: string, opts: RunOptions = {}): Promise<ApplyResult> {
  const state = new StateDir(stateRoot);
  const id = resolvePlanId(state, idOrPrefix);
  const other = interruptedPlans(state, id)[0];
  if (other) {
    throw new SafetyError(`plan ${other.id} was interrupted (${other.view.state}); ${interruptedAdvice(other.id, other.view.state)} first`);
  }
  const s = openSession(stateRoot, id, 'apply', opts);
  const { plan, view, journal, ctx } = s;
  try {
    if (view.state === 'applied') throw new SafetyError(`plan ${plan.id} was already applied and cannot be applied twice; \`migrate-users rollback ${plan.id}\` undoes it`);
    if (view.state === 'rolled-back') throw new SafetyError(`plan ${plan.id} was rolled back; run \`migrate-users plan\` to make a new plan`);
    if (view.state === 'rolling-back') throw new SafetyError(`plan ${plan.id} is half rolled back; finish with \`migrate-users rollback ${plan.id}\``);
    const resumed = view.state === 'applying' || view.state === 'failed';
    await checkBeforeRun(plan, resumed);
    if (resumed) opts.notice?.(`resuming the interrupted apply of ${plan.id} (${view.done.size}/${plan.operations.length} steps were done)`);
    journal.append({ t: 'apply-start', at: new Date().toISOString(), pid: process.pid, resume: resumed }, true);
    // Every step before one the tree shows done had completed, whatever the journal lost.
    const shownRun = resumed ? lastStepShownRun(plan.operations, unjournaledCandidates(view, plan.operations.length), ctx) : -1;
    let applied = 0;
    const total = plan.operations.length;
    const ahead = new ParentsAhead(plan.operations, ctx, (j) => view.done.has(j) || j < shownRun);
    try {
      for (let i = 0; i < total; i++) {
        if (view.done.has(i)) continue;
        if (i < shownRun) {
          journal.append({ t: 'done', i, post: [] });
          continue;
        }
        const { op, locations } = ahead.step(i);
        try {
          journal.append({ t: 'intent', i }, !isSelfEvident(op));
          ctx.assertContained(...locations);
          if (await ahead.take(i)) ctx.madeAhead.add(i);
          const post = await applyOperation(op, i, ctx);
          ctx.madeAhead.delete(i);
          journal.append({ t: 'done', i, post });
        } catch (e) {
          const what = e instanceof SafetyError ? e.message : describeError(e);
          try {
            journal.append({ t: 'apply-failed', at: new Date().toISOString(), i, error: what }, true);
          } catch {
            // the journal's disk may be the full one: its intent record already marks the step
          }
          const next = isDiskFull(e) ? 'free some space, then' : 'or fix the cause and';
          throw new SafetyError(`apply stopped at step ${i + 1}/${total} (${op.kind}): ${what}; nothing is lost: \`migrate-users rollback ${plan.id}\` undoes the steps done, ${next} \`migrate-users apply ${plan.id}\` resumes`);
        }
        applied++;
        opts.progress?.(i + 1, total);
        if (opts.signal) await letEventsIn();
        if (opts.signal?.aborted && i + 1 < total) {
          journal.sync();
          throw new InterruptedError(`stopped by ${String(opts.signal.reason ?? 'a signal')} after step ${i + 1}/${total}; nothing is lost: \`migrate-users apply ${plan.id}\` resumes, \`migrate-users rollback ${plan.id}\` undoes it`);
        }
      }
    } catch (e) {
      // Dirs made ahead for steps that did not run are not left behind.
      await ahead.abandon();
      throw e;
    }
    journal.append({ t: 'apply-end', at: new Date().toISOString() }, true);
    return { planId: plan.id, applied, skippedAlreadyDone: view.done.size, resumed };
  } finally {
    closeSession(s);
  }
}
