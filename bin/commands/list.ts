import type { Command } from 'commander';
import { journalState } from '../../plan/journal.js';
import { StateDir } from '../../plan/state-dir.js';
import { listPlanIds, loadPlan } from '../../plan/store.js';
import { summarize } from '../../plan/render.js';
import type { PlanView } from '../../plan/types.js';
import { commandContext, warnInterrupted } from '../context.js';
import { plural, printJson } from '../io.js';

export function registerListCommand(program: Command): void {
  program
    .command('list')
    .description('list saved plans with their state (planned, applying, applied, rolled-back, failed)')
    .addHelpText('after', '\nExample:\n  $ migrate-users list --json')
    .action(async (_flags: unknown, cmd: Command) => {
      const ctx = commandContext(cmd);
      await warnInterrupted(ctx);
      const state = new StateDir(ctx.root);
      const rows = listPlanIds(state).map((id) => {
        const planState = journalState(state.journalFile(id));
        let plan: PlanView;
        try {
          plan = loadPlan(state, id);
        } catch (e) {
          // One damaged plan file must not hide the others.
          ctx.io.notice(`plan ${id} cannot be used: ${(e as Error).message}`);
          return { id, createdAt: '', state: `${planState}, damaged`, profile: '', operations: 0, byKind: {}, warnings: 0, errors: 0 };
        }
        const s = summarize(plan);
        return { id, createdAt: plan.createdAt, state: planState, profile: plan.profile, operations: s.operations, byKind: s.byKind, warnings: s.warnings, errors: s.errors };
      });
      if (ctx.io.json) {
        printJson(ctx.io, rows);
        return;
      }
      if (rows.length === 0) {
        ctx.io.info('no plans yet; run `migrate-users plan`');
        return;
      }
      const lines = rows.map((r) => [r.id, r.createdAt.replace('T', ' ').slice(0, 19), r.state, plural(r.operations, 'op'), Object.entries(r.byKind).map(([k, n]) => `${n} ${k}`).join(', ')]);
      const widths = [0, 1, 2, 3].map((c) => Math.max(...lines.map((l) => l[c]!.length), ['ID', 'CREATED', 'STATE', 'SIZE'][c]!.length));
      const fmt = (l: string[]): string => l.map((cell, i) => (i < 4 ? cell.padEnd(widths[i]!) : cell)).join('  ');
      ctx.io.data(fmt(['ID', 'CREATED', 'STATE', 'SIZE', 'OPERATIONS']));
      for (const l of lines) ctx.io.data(fmt(l));
    });
}
