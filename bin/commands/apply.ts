import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { apply } from '../../index.js';
import { stalePaths } from '../../plan/preflight.js';
import { renderDryRun, renderPatch, describeOperation, summarize } from '../../plan/render.js';
import { StateDir } from '../../plan/state-dir.js';
import { loadPlan } from '../../plan/store.js';
import type { PlanView } from '../../plan/types.js';
import { commandContext, requirePlanHome, requirePlanId, warnInterrupted, type CommandContext } from '../context.js';
import { stoppableBySignals } from '../interrupt.js';
import { plural, printJson } from '../io.js';
import { startProgress } from '../progress.js';
import { addPlanOptions, planFromFlags, printFindings, type PlanFlags } from './plan.js';

interface ApplyFlags extends PlanFlags {
  dryRun?: boolean;
  patch?: string;
  check?: boolean;
  forceUnlock?: boolean;
}

/** A patch holds the lines of env files it edits (API keys): owner-only, even over an existing file. */
function writeSecretFile(file: string, text: string): void {
  const fd = fs.openSync(file, 'w', 0o600);
  try {
    fs.fchmodSync(fd, 0o600);
    fs.writeFileSync(fd, text);
  } finally {
    fs.closeSync(fd);
  }
}

async function dryRun(ctx: CommandContext, planId: string | undefined, flags: ApplyFlags): Promise<void> {
  let plan: PlanView;
  if (planId) {
    plan = loadPlan(new StateDir(ctx.root), planId);
    const stale = await stalePaths(plan);
    for (const s of stale) ctx.io.notice(`stale: ${s}`);
    if (stale.length > 0) ctx.io.notice(`plan ${plan.id} is stale (${plural(stale.length, 'path')} changed); applying it would be refused`);
  } else {
    plan = await planFromFlags(ctx, flags, []);
  }
  if (flags.patch) {
    const { patch, leftOut } = renderPatch(plan);
    writeSecretFile(path.resolve(flags.patch), patch);
    ctx.io.info(`wrote ${flags.patch} (git apply ${flags.patch})${leftOut.length ? `; not in the patch (not edits under the project): ${plural(leftOut.length, 'operation')}` : ''}`);
  }
  if (ctx.io.json) {
    printJson(ctx.io, {
      planId: planId ? plan.id : null,
      summary: summarize(plan),
      operations: Array.from(plan.operations, (op) => ({ kind: op.kind, source: op.source, description: describeOperation(op), ...(op.kind === 'edit' ? { diff: (op as { diff: string }).diff } : {}) })),
      warnings: plan.warnings,
      errors: plan.errors,
      infos: plan.infos ?? [],
    });
  } else if (!flags.patch) {
    if (plan.operations.length === 0) ctx.io.info('nothing to migrate');
    else ctx.io.data(renderDryRun(plan, ctx.io.colorOut));
  }
  // stdout holds the diff here: warnings go with the messages.
  printFindings(ctx.io, plan, ctx.io.info);
  ctx.io.info(`dry run: nothing was changed${planId ? '' : ' (planned in memory, not saved)'}`);
  if (flags.check && plan.operations.length > 0) process.exitCode = 1;
}

export function registerApplyCommand(program: Command): void {
  addPlanOptions(
    program
      .command('apply')
      .argument('[plan-id]', 'the plan to apply (a unique prefix is enough)')
      .description('apply a saved plan crash-safely, or show what would change with --dry-run')
      .option('--dry-run', 'print the unified diff and the file-system operations; change nothing')
      .option('--patch <file>', 'with --dry-run: write the edits as a patch that `git apply` accepts')
      .option('--check', 'with --dry-run: exit 1 when anything would change')
      .option('--force-unlock', 'clear a lock held by another run (says whose it was)')
      .addHelpText('after', '\nExamples:\n  $ migrate-users apply --dry-run                 # plan in memory and show the diff\n  $ migrate-users apply --dry-run 20261121-2315   # review a saved plan\n  $ migrate-users apply 20261121-231502-3f9a2c'),
  ).action(async (planId: string | undefined, flags: ApplyFlags, cmd: Command) => {
    const ctx = commandContext(cmd);
    if (flags.dryRun || flags.patch || flags.check) {
      await dryRun(ctx, planId, flags);
      return;
    }
    const id = requirePlanId(planId, 'apply');
    requirePlanHome(ctx.root, id, flags.home, 'apply');
    await warnInterrupted(ctx, id);
    const progress = await startProgress(ctx.io);
    const res = await stoppableBySignals(ctx.io, (signal) =>
      apply(id, { root: ctx.root, forceUnlock: flags.forceUnlock, notice: ctx.io.notice, signal, ...(progress ? { progress: (d, t) => progress.update(d, t, 'apply') } : {}) }),
    ).finally(() => progress?.stop());
    if (ctx.io.json) printJson(ctx.io, res);
    ctx.io.info(`applied plan ${res.planId}: ${plural(res.applied, 'step')}${res.resumed ? ` (resumed; ${res.skippedAlreadyDone} already done)` : ''}. Undo with \`migrate-users rollback ${res.planId}\`.`);
  });
}
