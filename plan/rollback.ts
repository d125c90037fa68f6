import fs from 'node:fs';
import path from 'node:path';
import { InterruptedError, SafetyError } from './errors.js';
import { isSelfEvident, showsRun } from './evidence.js';
import { KEPT_ASIDE, undoOperation, type UndoResult, type UndoTail } from './executors.js';
import { describeError, isDiskFull } from './fs-errors.js';
import { SYNC_WINDOW } from './journal.js';
import { locationsOf, newParentsOf } from './locations.js';
import { display } from './paths.js';
import { PendingUndos } from './pending-undos.js';
import { assertPlanPathsSafe, scanPlan, staleAmong } from './preflight.js';
import { describeOperation } from './render.js';
import { closeSession, letEventsIn, openSession, type RunOptions, type Session } from './session.js';
import type { Operation } from './types.js';

export interface RollbackResult {
  planId: string;
  /**
   * `noop-never-applied` and `noop-already-rolled-back` change nothing; `differs`: every step was
   * undone but the check afterwards found paths that are not as they were before apply.
   */
  outcome: 'rolled-back' | 'incomplete' | 'differs' | 'noop-never-applied' | 'noop-already-rolled-back';
  undone: number;
  /** One line per file left as it was because it changed after apply. */
  skipped: string[];
  /** Paths not as they were before apply although every step was undone. */
  differences: string[];
  /** Files changed after apply that `--force` kept as `.bak` next to the restored original. */
  keptAside: string[];
}

/** With no journal records, the tree may still show the plan applied: say so rather than "never applied". */
function assertNeverApplied(s: Session, force: boolean): boolean {
  const { plan, state, ctx } = s;
  if (s.view.records.length > 0) return true;
  let shown: Operation | undefined;
  for (const op of plan.operations) if (!shown && showsRun(op, ctx)) shown = op;
  const backups = fs.existsSync(state.backupDir(plan.id));
  if (!shown && !backups) return true;
  if (force) return false;
  const evidence = shown ? `the tree shows its steps done (${describeOperation(shown)})` : `its backups exist (${path.relative(state.projectRoot, state.backupDir(plan.id))})`;
  throw new SafetyError(
    `plan ${plan.id} has no journal (${path.relative(state.projectRoot, state.journalFile(plan.id))} is missing) but ${evidence}; put the journal back, or run \`migrate-users rollback ${plan.id} --force\` to undo every step the tree shows done`,
  );
}

/** Dir removals left running while earlier steps are undone (libuv runs 4 at a time by default). */
const TAILS_IN_FLIGHT = 16;

export async function rollbackPlan(stateRoot: string, idOrPrefix: string, opts: RunOptions = {}): Promise<RollbackResult> {
  const s = openSession(stateRoot, idOrPrefix, 'rollback', opts);
  const { plan, view, journal, ctx } = s;
  const result = (outcome: RollbackResult['outcome'], extra: Partial<RollbackResult> = {}): RollbackResult => ({ planId: plan.id, outcome, undone: 0, skipped: [], differences: [], keptAside: [], ...extra });
  try {
    if (view.state === 'planned' && assertNeverApplied(s, opts.force ?? false)) return result('noop-never-applied');
    if (view.state === 'rolled-back') return result('noop-already-rolled-back');
    const scan = scanPlan(plan);
    try {
      assertPlanPathsSafe(plan, scan);
    } catch (e) {
      if (!(e instanceof SafetyError)) throw e;
      throw new SafetyError(`${e.message}; nothing was rolled back: put back the directory that was replaced by a link, then run \`migrate-users rollback ${plan.id}\` again`, e.details);
    }
    // Steps after the last journaled one may have run before a crash lost their records.
    const top = view.state === 'applied' || view.state === 'planned' ? plan.operations.length - 1 : Math.min(plan.operations.length - 1, view.lastJournaled + SYNC_WINDOW);
    journal.append({ t: 'rollback-start', at: new Date().toISOString(), pid: process.pid }, true);
    const skipped: string[] = [];
    let undone = 0;
    const record = (i: number, res: UndoResult): void => {
      if (res.skipped) {
        skipped.push(res.skipped);
        journal.append({ t: 'undo-skipped', i, reason: res.skipped }, true);
      } else {
        journal.append({ t: 'undone', i });
        undone++;
      }
    };
    const stopped = (i: number, e: unknown): SafetyError => {
      const what = e instanceof SafetyError ? e.message : describeError(e);
      const next = isDiskFull(e) ? 'free some space, then run' : 'fix the cause and run';
      return new SafetyError(`rollback stopped at step ${i + 1} (${plan.operations.at(i)!.kind}): ${what}; the steps after it are undone; ${next} \`migrate-users rollback ${plan.id}\` again to finish`);
    };
    const pending = new PendingUndos(TAILS_IN_FLIGHT);
    const settle = async (wait: () => Promise<void>): Promise<void> => {
      await wait();
      if (pending.failure) {
        await pending.drain();
        throw stopped(pending.failure.i, pending.failure.error);
      }
    };
    try {
      for (let i = top; i >= 0; i--) {
        if (view.undone.has(i)) continue;
        const op = plan.operations.at(i)!;
        if (pending.size > 0) await settle(() => pending.clear([...locationsOf(op), ...newParentsOf(op)].map((l) => ctx.abs(l))));
        let res: UndoResult | UndoTail;
        try {
          journal.append({ t: 'undo-intent', i }, !isSelfEvident(op));
          res = undoOperation(op, i, ctx);
        } catch (e) {
          throw stopped(i, e);
        }
        if ('done' in res) pending.add(i, res, (r) => record(i, r));
        else record(i, res);
        opts.progress?.(top - i + 1, top + 1);
        if (opts.signal) await letEventsIn();
        if (opts.signal?.aborted && i > 0) {
          await settle(() => pending.drain());
          journal.sync();
          throw new InterruptedError(`stopped by ${String(opts.signal.reason ?? 'a signal')} with ${i} step(s) left to undo; nothing is lost: \`migrate-users rollback ${plan.id}\` finishes the rollback`);
        }
      }
      await settle(() => pending.drain());
    } finally {
      // A step that failed leaves the tails already running to finish and be journaled.
      await pending.drain();
    }
    const complete = skipped.length === 0;
    journal.append({ t: 'rollback-end', at: new Date().toISOString(), complete }, true);
    if (!complete) return result('incomplete', { undone, skipped });
    // "As it was" is a claim about the tree: check every path the plan saw before saying it.
    const aside = `.migrate-users-${plan.id}.bak`;
    const keptAside = listKeptAside(s, aside);
    const differences = await staleAmong(plan.roots, scan.pres, (name) => name.endsWith(aside));
    return result(differences.length > 0 ? 'differs' : 'rolled-back', { undone, differences, keptAside });
  } finally {
    closeSession(s);
  }
}

/** The `.bak` files `--force` left next to the paths this plan touches (in the steps the journal says kept one). */
function listKeptAside(s: Session, suffix: string): string[] {
  const out = new Set<string>();
  for (const [i, phases] of s.view.phases) {
    if (!phases.has(KEPT_ASIDE)) continue;
    for (const pre of s.plan.operations.at(i)?.pre ?? []) {
      const p = `${s.ctx.abs(pre.loc)}${suffix}`;
      if (fs.existsSync(p)) out.add(`${display(pre.loc)}${suffix}`);
    }
  }
  return [...out];
}
