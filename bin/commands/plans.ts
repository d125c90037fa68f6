import type { Command } from 'commander';
import { SafetyError, UsageError } from '../../plan/errors.js';
import { journalState } from '../../plan/journal.js';
import { currentLockOwner, describeOwner, ownerIsGone } from '../../plan/lock.js';
import { StateDir } from '../../plan/state-dir.js';
import { planIdTime } from '../../plan/id.js';
import { listPlanIds, removePlan, resolvePlanId } from '../../plan/store.js';
import type { PlanState } from '../../plan/types.js';
import { commandContext } from '../context.js';
import { plural, printJson } from '../io.js';

interface RmFlags {
  applied?: boolean;
  olderThan?: string;
  force?: boolean;
}

const UNITS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** `30d`, `12h`, `2w`, `90m` in milliseconds. */
export function parseDuration(text: string): number {
  const m = /^(\d+)\s*([mhdw])$/.exec(text.trim());
  if (!m) throw new UsageError(`--older-than takes a number and a unit: m, h, d or w (e.g. 30d), got "${text}"`);
  return Number(m[1]) * UNITS[m[2]!]!;
}

/** Never applied, or fully undone: nothing on disk depends on the plan's journal and backups. */
const DISPOSABLE: readonly PlanState[] = ['planned', 'rolled-back'];

interface Candidate {
  id: string;
  state: PlanState;
}

function candidates(state: StateDir, ids: string[]): Candidate[] {
  return ids.map((id) => ({ id, state: journalState(state.journalFile(id)) }));
}

function consequence(c: Candidate): string {
  if (c.state === 'applied') return 'applied: it can no longer be rolled back';
  if (DISPOSABLE.includes(c.state)) return c.state;
  return `${c.state}: the interrupted run can no longer be resumed or rolled back`;
}

export function registerPlansCommand(program: Command): void {
  const plans = program.command('plans').description('manage saved plans (see also `list`)');
  plans
    .command('rm')
    .argument('[plan-ids...]', 'plans to remove (full ids, unique prefixes or the last part of an id)')
    .description('remove saved plans with their journals and backups')
    .option('--applied', 'remove applied plans too (or, alone, every applied plan); their rollback is no longer possible')
    .option('--older-than <duration>', 'only plans made more than this long ago: 90m, 12h, 30d, 2w')
    .option('--force', 'with plan ids: also remove applied or interrupted plans (their rollback is no longer possible)')
    .addHelpText(
      'after',
      `
Plans never applied and plans rolled back are removed freely. An applied plan keeps the backups its
rollback needs: it is removed only when you say so (--applied, or --force with its id).

Examples:
  $ migrate-users plans rm 20261121-231502-3f9a2c
  $ migrate-users plans rm --older-than 30d            # old plans never applied or rolled back
  $ migrate-users plans rm --applied --older-than 30d  # also applied ones: gives up their rollback`,
    )
    .action((ids: string[], flags: RmFlags, cmd: Command) => {
      const ctx = commandContext(cmd);
      if (ids.length > 0 && (flags.applied || flags.olderThan)) throw new UsageError('give plan ids or --applied/--older-than, not both');
      if (ids.length === 0 && !flags.applied && !flags.olderThan) throw new UsageError('plans rm needs plan ids, --applied or --older-than (see `migrate-users list`)');
      if (flags.force && ids.length === 0) throw new UsageError('--force goes with plan ids; use --applied to remove applied plans');
      const state = new StateDir(ctx.root);
      const owner = state.exists() ? currentLockOwner(state) : null;
      if (owner && !ownerIsGone(owner)) throw new SafetyError(`another migrate-users is working on this tree (${describeOwner(owner)}); run plans rm when it has finished`);

      const removed: Candidate[] = [];
      const kept: Array<Candidate & { reason: string }> = [];
      if (ids.length > 0) {
        for (const c of candidates(state, [...new Set(ids.map((id) => resolvePlanId(state, id)))])) {
          if (DISPOSABLE.includes(c.state) || flags.force) removed.push(c);
          else kept.push({ ...c, reason: `${c.state}; its rollback is still possible: add --force to remove it anyway` });
        }
      } else {
        const cutoff = flags.olderThan ? Date.now() - parseDuration(flags.olderThan) : Infinity;
        for (const c of candidates(state, listPlanIds(state))) {
          if (flags.olderThan && !((planIdTime(c.id)?.getTime() ?? Infinity) < cutoff)) continue;
          const wanted = flags.olderThan ? DISPOSABLE.includes(c.state) || (flags.applied && c.state === 'applied') : c.state === 'applied';
          if (wanted) removed.push(c);
          else if (!DISPOSABLE.includes(c.state)) kept.push({ ...c, reason: c.state === 'applied' ? 'applied; its rollback is still possible: add --applied to remove it' : `${c.state}: finish it (apply) or undo it (rollback) first` });
        }
      }
      for (const c of removed) removePlan(state, c.id);
      if (ctx.io.json) {
        printJson(ctx.io, { removed: removed.map((c) => ({ id: c.id, state: c.state })), kept: kept.map((c) => ({ id: c.id, state: c.state, reason: c.reason })) });
      } else {
        for (const c of removed) ctx.io.report(`removed ${c.id} (${consequence(c)})`);
        for (const c of kept) ctx.io.error(`kept ${c.id} (${c.reason})`);
        ctx.io.info(`${plural(removed.length, 'plan')} removed${kept.length ? `, ${kept.length} kept` : ''}`);
      }
      if (kept.length > 0 && ids.length > 0) process.exitCode = 1;
    });
}
