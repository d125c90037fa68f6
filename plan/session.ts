// What apply and rollback share: loading the plan, the lock, the journal and the context
// the executors work in.
import fs from 'node:fs';
import path from 'node:path';
import { removeStaleTemps } from './atomic.js';
import { SafetyError } from './errors.js';
import type { ExecContext } from './executors.js';
import { ListingCache } from './listings.js';
import { journalState, JournalWriter, readJournal, SYNC_WINDOW, viewJournal, type JournalView } from './journal.js';
import { describeOwner, forceUnlock, Lock } from './lock.js';
import { abs, assertContained, ContainmentCache } from './paths.js';
import { StateDir } from './state-dir.js';
import { listPlanIds, readPlan } from './store.js';
import { TOOL_VERSION } from './version.js';
import type { PlanView } from './types.js';

export interface RunOptions {
  /** Rollback: restore files changed after apply, keeping the changed ones as .bak. */
  force?: boolean;
  /** Clear a lock held by anyone, after saying whose it was. */
  forceUnlock?: boolean;
  notice?: (message: string) => void;
  /** Aborted by SIGINT/SIGTERM: the run stops after the step in progress, journaled. */
  signal?: AbortSignal;
  progress?: (done: number, total: number) => void;
}

export interface Session {
  state: StateDir;
  plan: PlanView;
  view: JournalView;
  lock: Lock;
  journal: JournalWriter;
  ctx: ExecContext;
}

/** Plans whose last apply or rollback stopped half way (other than `exceptId`). */
export function interruptedPlans(state: StateDir, exceptId?: string): Array<{ id: string; view: JournalView }> {
  return listPlanIds(state)
    .filter((id) => id !== exceptId && ['applying', 'failed', 'rolling-back'].includes(journalState(state.journalFile(id))))
    .map((id) => ({ id, view: viewJournal(readJournal(state.journalFile(id))) }));
}

export function openSession(stateRoot: string, idOrPrefix: string, command: 'apply' | 'rollback', opts: RunOptions): Session {
  const notice = opts.notice ?? (() => {});
  const state = new StateDir(stateRoot);
  state.assertSafe();
  const { plan, plannedProject } = readPlan(state, idOrPrefix);
  if (!sameDir(plannedProject, plan.roots.project)) {
    notice(`plan ${plan.id} was made for ${plannedProject}; it acts on this tree, ${plan.roots.project}, and only where every precondition holds here`);
  }
  if (command === 'apply' && plan.toolVersion !== TOOL_VERSION) {
    throw new SafetyError(`plan ${plan.id} was made by migrate-users ${plan.toolVersion}, this is ${TOOL_VERSION}; run \`migrate-users plan\` again`);
  }
  if (opts.forceUnlock) {
    const owner = forceUnlock(state);
    if (owner) notice(`removed the lock held by ${describeOwner(owner)}`);
  }
  const lock = Lock.acquire(state, `${command} ${plan.id}`, notice);
  try {
    const view = viewJournal(readJournal(state.journalFile(plan.id)));
    const journal = new JournalWriter(state.journalFile(plan.id));
    const backups = state.backupDir(plan.id);
    // One cache forgotten before each check: the roots stay resolved, every ancestor is looked at afresh.
    const stepCache = new ContainmentCache(new Map(), true);
    const last = view.lastJournaled;
    const tempListings = new ListingCache();
    const ctx: ExecContext = {
      planId: plan.id,
      force: opts.force ?? false,
      abs: (l) => abs(plan.roots, l),
      // Each step checks its paths again: a dir swapped for a symlink during the run is not followed.
      assertContained: (...ls) => {
        stepCache.forget();
        for (const l of ls) assertContained(plan.roots, l, stepCache);
      },
      backupPath: (i, n) => path.join(backups, n === 0 ? `${i}` : `${i}-${n}`),
      phase: (i, name) => {
        journal.append({ t: 'phase', i, phase: name }, true);
        const set = view.phases.get(i) ?? new Set<string>();
        set.add(name);
        view.phases.set(i, set);
      },
      hasPhase: (i, name) => view.phases.get(i)?.has(name) ?? false,
      wasStarted: (i) => view.started.has(i),
      cleanTemps: (i, target) => {
        // Started and not finished, or in the window after the last record that a power cut
        // may have taken with it (only once some earlier run left records at all).
        const unjournaled = view.records.length > 0 && i > last && i <= last + SYNC_WINDOW;
        const interrupted = ((view.started.has(i) || unjournaled) && !view.done.has(i)) || ((view.undoStarted.has(i) || view.phases.get(i)?.has('undo-copying')) && !view.undone.has(i));
        if (interrupted) removeStaleTemps(target, tempListings);
      },
      recordedPost: (i) => view.done.get(i)?.post,
      madeAhead: new Set(),
    };
    return { state, plan, view, lock, journal, ctx };
  } catch (e) {
    lock.release();
    throw e;
  }
}

function sameDir(a: string, b: string): boolean {
  if (path.resolve(a) === path.resolve(b)) return true;
  try {
    return fs.realpathSync(a) === fs.realpathSync(b);
  } catch {
    return false;
  }
}

export function closeSession(s: Session): void {
  try {
    s.journal.close();
  } finally {
    s.lock.release();
  }
}

let lastTurn = 0;

/** Gives the event loop a turn now and then: a SIGINT handler only runs when it gets one. */
export async function letEventsIn(): Promise<void> {
  const now = Date.now();
  if (now - lastTurn < 20) return;
  lastTurn = now;
  await new Promise((resolve) => setImmediate(resolve));
}
