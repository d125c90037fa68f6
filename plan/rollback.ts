import { undoOperation } from './executors.js';
import { SYNC_WINDOW } from './journal.js';
import { assertPlanPathsSafe } from './preflight.js';
import { closeSession, openSession, type RunOptions } from './session.js';

export interface RollbackResult {
  planId: string;
  /** `noop-never-applied` and `noop-already-rolled-back` change nothing. */
  outcome: 'rolled-back' | 'incomplete' | 'noop-never-applied' | 'noop-already-rolled-back';
  undone: number;
  /** One line per file left as it was because it changed after apply. */
  skipped: string[];
}

export async function rollbackPlan(stateRoot: string, idOrPrefix: string, opts: RunOptions = {}): Promise<RollbackResult> {
  const s = openSession(stateRoot, idOrPrefix, 'rollback', opts);
  const { plan, view, journal, ctx } = s;
  try {
    if (view.state === 'planned') return { planId: plan.id, outcome: 'noop-never-applied', undone: 0, skipped: [] };
    if (view.state === 'rolled-back') return { planId: plan.id, outcome: 'noop-already-rolled-back', undone: 0, skipped: [] };
    assertPlanPathsSafe(plan);
    const lastStarted = Math.max(-1, ...view.started);
    // Steps after the last journaled one may have run before a crash lost their records.
    const top = view.state === 'applied' ? plan.operations.length - 1 : Math.min(plan.operations.length - 1, lastStarted + SYNC_WINDOW);
    journal.append({ t: 'rollback-start', at: new Date().toISOString(), pid: process.pid }, true);
    const skipped: string[] = [];
    let undone = 0;
    for (let i = top; i >= 0; i--) {
      if (view.undone.has(i)) continue;
      journal.append({ t: 'undo-intent', i });
      const res = undoOperation(plan.operations[i]!, i, ctx);
      if (res.skipped) {
        skipped.push(res.skipped);
        journal.append({ t: 'undo-skipped', i, reason: res.skipped }, true);
      } else {
        journal.append({ t: 'undone', i });
        undone++;
      }
      opts.progress?.(top - i + 1, top + 1);
    }
    const complete = skipped.length === 0;
    journal.append({ t: 'rollback-end', at: new Date().toISOString(), complete }, true);
    return { planId: plan.id, outcome: complete ? 'rolled-back' : 'incomplete', undone, skipped };
  } finally {
    closeSession(s);
  }
}
