// Turns the common options into what the library needs: the root, the config, the roots.
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../plan/config.js';
import { UsageError } from '../plan/errors.js';
import { interruptedPlans } from '../plan/session.js';
import { StateDir } from '../plan/state-dir.js';
import { loadPlan } from '../plan/store.js';
import { makeIo, plural, type GlobalOptions, type Io } from './io.js';
import { findProjectRoot } from './root.js';

export interface CommandContext {
  root: string;
  io: Io;
  opts: GlobalOptions;
  config(): Record<string, unknown>;
}

export function commandContext(cmd: Command): CommandContext {
  const opts = cmd.optsWithGlobals() as GlobalOptions;
  const io = makeIo(opts);
  let root: string;
  if (opts.root !== undefined) {
    root = path.resolve(opts.root);
    if (!fs.existsSync(root) || !fs.statSync(root).isDirectory()) throw new UsageError(`--root ${opts.root} is not a directory`);
  } else {
    const found = findProjectRoot(process.cwd());
    root = found.root;
    // Only a root other than the current folder is news worth a line.
    if (found.marker && root !== path.resolve(process.cwd())) io.info(`project root: ${root} (nearest folder with ${found.marker}; pass --root to choose another)`);
  }
  if (path.dirname(root) === root) {
    throw new UsageError(`--root ${opts.root ?? root} is the root of the filesystem, not a project; pass the project's directory, e.g. --root ./my-app`);
  }
  let config: Record<string, unknown> | undefined;
  return {
    root,
    io,
    opts,
    config: () => (config ??= loadConfig(root, opts.config)),
  };
}

/** Tells about runs that stopped half way, whatever command is run next on this state dir. */
export async function warnInterrupted(ctx: CommandContext, exceptId?: string): Promise<void> {
  const state = new StateDir(ctx.root);
  if (!state.exists()) return;
  const interrupted = interruptedPlans(state, exceptId);
  // The advice is apply's; a run with nothing to advise does not load the executors for it.
  if (interrupted.length === 0) return;
  const { interruptedAdvice } = await import('../plan/apply.js');
  for (const { id, view } of interrupted) {
    const what = view.state === 'rolling-back' ? 'rollback' : 'apply';
    ctx.io.notice(`plan ${id} was interrupted during ${what} (${plural(view.done.size, 'step')} done); ${interruptedAdvice(id, view.state)}`);
  }
}

/** apply and rollback say the same when the plan id is missing. */
export function requirePlanId(planId: string | undefined, command: 'apply' | 'rollback'): string {
  if (planId) return planId;
  const alternative = command === 'apply' ? ', or --dry-run to preview without one' : '';
  throw new UsageError(`${command} needs a PLAN_ID (\`migrate-users list\` shows them)${alternative}`);
}

/**
 * A saved plan that touches the home root records it, and apply and rollback use that one. A
 * `--home` given to them (as to \`plan\`) must name the same dir, or the run stops before anything.
 */
export function requirePlanHome(root: string, planId: string, home: string | undefined, command: 'apply' | 'rollback'): void {
  if (home === undefined) return;
  const plan = loadPlan(new StateDir(root), planId);
  if (!plan.roots.home || plan.roots.home === path.resolve(home)) return;
  throw new UsageError(`plan ${plan.id} was made with home ${plan.roots.home}, not --home ${home}; ${command} uses the plan's roots: drop --home, or plan again with it`);
}
