import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { detectContinuum, detectPersag } from '../../migrators/detect.js';
import { resolvePersagHome } from '../../migrators/persag-home/home.js';
import type { DoctorFinding } from '../../migrators/shared/doctor.js';
import { UsageError } from '../../plan/errors.js';
import { currentLockOwner, describeOwner, ownerIsGone } from '../../plan/lock.js';
import { colors } from '../../plan/render.js';
import { interruptedPlans } from '../../plan/session.js';
import { StateDir } from '../../plan/state-dir.js';
import { commandContext } from '../context.js';
import { plural, printJson } from '../io.js';

const DOCTOR_PROFILES = ['auto', 'continuum', 'persag'];

function stateFindings(root: string): DoctorFinding[] {
  const state = new StateDir(root);
  if (!state.exists()) return [];
  const out: DoctorFinding[] = interruptedPlans(state).map(({ id, view }) => ({
    check: 'plans',
    severity: 'error',
    message: `plan ${id} was interrupted (${view.state}); run \`migrate-users apply ${id}\` to finish or \`migrate-users rollback ${id}\` to undo`,
  }));
  const owner = currentLockOwner(state);
  if (owner) {
    out.push({ check: 'plans', severity: ownerIsGone(owner) ? 'warn' : 'error', message: `lock held by ${describeOwner(owner)}${ownerIsGone(owner) ? ' (no longer running; the next apply takes it over)' : ''}` });
  }
  if (out.length === 0) out.push({ check: 'plans', severity: 'ok', message: 'no interrupted run pending' });
  return out;
}

export function registerDoctorCommand(program: Command): void {
  program
    .command('doctor')
    .description('check the unified per-user home after a migration: layout, env files, leftovers, pending runs')
    .option('--profile <name>', 'which layout to check: auto (default), continuum, persag')
    .option('--home <dir>', 'the home root of the persag layout (default: PERSAG_HOME or the OS home dir)')
    .addHelpText('after', '\nExamples:\n  $ migrate-users doctor\n  $ migrate-users doctor --profile persag --home /srv/agent')
    .action(async (flags: { profile?: string; home?: string }, cmd: Command) => {
      // The checks load the migrators (YAML, SQLite helpers): only when doctor runs.
      const [{ checkContinuum }, { checkPersag }, { settings: persagSettings }] = await Promise.all([
        import('../../migrators/continuum-users/doctor.js'),
        import('../../migrators/persag-home/doctor.js'),
        import('../../migrators/persag-home/index.js'),
      ]);
      const ctx = commandContext(cmd);
      const config = ctx.config();
      const profile = flags.profile ?? 'auto';
      if (!DOCTOR_PROFILES.includes(profile)) throw new UsageError(`doctor --profile takes ${DOCTOR_PROFILES.join(', ')} (got "${profile}")`);
      const home = resolvePersagHome(flags.home ?? (typeof config.home === 'string' ? config.home : undefined));
      const findings = stateFindings(ctx.root);
      const persagHomeExists = fs.existsSync(path.join(home, persagSettings({ config, options: {} }).homeDir));
      if (profile === 'continuum' || (profile === 'auto' && detectContinuum(ctx.root))) findings.push(...checkContinuum(ctx.root, config));
      if (profile === 'persag' || (profile === 'auto' && (detectPersag(ctx.root) || persagHomeExists))) findings.push(...checkPersag(ctx.root, home, config));
      if (!findings.some((f) => f.check !== 'plans')) {
        findings.push({ check: 'layout', severity: 'warn', message: 'no continuum or persag layout found here; pass --profile and --home' });
      }
      const errors = findings.filter((f) => f.severity === 'error').length;
      if (ctx.io.json) printJson(ctx.io, { ok: errors === 0, findings });
      else {
        const c = colors(ctx.io.colorOut);
        const mark = { ok: c.green('✔'), warn: c.yellow('⚠'), error: c.red('✖') };
        for (const f of findings) ctx.io.data(`${mark[f.severity]} ${c.dim(`${f.check}:`)} ${f.message}`);
        ctx.io.info(errors === 0 ? 'doctor: all good' : `doctor: ${plural(errors, 'problem')} to fix`);
      }
      process.exitCode = errors === 0 ? 0 : 1;
    });
}
