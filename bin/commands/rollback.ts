import type { Command } from 'commander';
import { rollback } from '../../index.js';
import { commandContext, requirePlanHome, requirePlanId } from '../context.js';
import { stoppableBySignals } from '../interrupt.js';
import { plural, printJson } from '../io.js';
import { startProgress } from '../progress.js';

export function registerRollbackCommand(program: Command): void {
  program
    .command('rollback')
    .argument('[plan-id]', 'the applied or partly applied plan to undo (a unique prefix is enough)')
    .description('undo a plan: restore every byte, mode and location it changed')
    .option('--force', 'also restore files changed after apply, keeping the changed ones as .bak files')
    .option('--force-unlock', 'clear a lock held by another run (says whose it was)')
    .option('--home <dir>', 'the home root the plan was made with (checked against the plan, which records it)')
    .addHelpText('after', '\nExamples:\n  $ migrate-users rollback 20261121-231502-3f9a2c\n  $ migrate-users rollback 3f9a2c              # the last part of the id is enough')
    .action(async (planId: string | undefined, flags: { force?: boolean; forceUnlock?: boolean; home?: string }, cmd: Command) => {
      const ctx = commandContext(cmd);
      const id = requirePlanId(planId, 'rollback');
      requirePlanHome(ctx.root, id, flags.home, 'rollback');
      const progress = await startProgress(ctx.io);
      const res = await stoppableBySignals(ctx.io, (signal) =>
        rollback(id, {
          root: ctx.root,
          force: flags.force,
          forceUnlock: flags.forceUnlock,
          notice: ctx.io.notice,
          signal,
          ...(progress ? { progress: (d: number, t: number) => progress.update(d, t, 'rollback') } : {}),
        }),
      ).finally(() => progress?.stop());
      if (ctx.io.json) printJson(ctx.io, res);
      switch (res.outcome) {
        case 'noop-never-applied':
          ctx.io.info(`plan ${res.planId} was never applied; nothing to roll back`);
          break;
        case 'noop-already-rolled-back':
          ctx.io.info(`plan ${res.planId} is already rolled back; nothing to do`);
          break;
        case 'rolled-back':
          ctx.io.info(`rolled back plan ${res.planId}: ${plural(res.undone, 'step')} undone; checked: the tree is as it was before apply`);
          if (res.keptAside.length > 0) ctx.io.info(`changes made after apply were kept beside the originals: ${res.keptAside.join(', ')}`);
          break;
        case 'differs':
          for (const d of res.differences) ctx.io.notice(`not as before apply: ${d}`);
          ctx.io.info(`rolled back plan ${res.planId} (${plural(res.undone, 'step')} undone), but ${res.differences.length} path(s) are not as they were before apply (above); look at them before planning again`);
          process.exitCode = 1;
          break;
        case 'incomplete':
          for (const s of res.skipped) ctx.io.notice(s);
          ctx.io.info(`rolled back plan ${res.planId} except ${plural(res.skipped.length, 'file')} changed after apply (above); rerun with --force to restore them too`);
          process.exitCode = 1;
          break;
      }
    });
}
