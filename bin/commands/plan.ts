import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { plan as planProject, planToStateDir, type PlanOptions } from '../../profiles/planning.js';
import { UsageError } from '../../plan/errors.js';
import { isInside } from '../../plan/paths.js';
import { colors, formatBytes, summarize, describeOperation } from '../../plan/render.js';
import type { PlannedToStore } from '../../plan/store.js';
import type { Plan, PlanHeader, PlanView, Warning } from '../../plan/types.js';
import type { TransformSourceOptions, TransformSpec } from '../../codemods/transform/index.js';
import { EOL_MODES, type EolMode } from '../../codemods/transform/eol.js';
import { splitJscodeshiftArgs } from '../../codemods/transform/jscodeshift-options.js';
import { commandContext, warnInterrupted, type CommandContext } from '../context.js';
import { plural, printJson, type Io } from '../io.js';
import { startProgress } from '../progress.js';

export interface PlanFlags {
  profile?: string;
  home?: string;
  only?: string;
  transform?: string[];
  transformOptions?: string;
  parser?: string;
  eol?: string;
}

const PARSERS = ['babel', 'ts', 'tsx', 'flow'];

/** jscodeshift's own flags (`--dry`, `--extensions=ts`, `--foo=bar`), passed on to the transforms. */
type PassedOptions = Record<string, unknown>;

function transformSpecs(flags: PlanFlags, passed: PassedOptions): TransformSpec[] {
  if (!flags.transform?.length) {
    if (flags.transformOptions || flags.parser || flags.eol) throw new UsageError('--transform-options, --parser and --eol go with --transform PATH');
    return [];
  }
  let options: Record<string, unknown> = {};
  if (flags.transformOptions) {
    try {
      options = JSON.parse(flags.transformOptions) as Record<string, unknown>;
    } catch (e) {
      throw new UsageError(`--transform-options is not valid JSON (${(e as Error).message}); quote it, e.g. --transform-options '{"from":"a"}'`);
    }
    if (typeof options !== 'object' || options === null || Array.isArray(options)) throw new UsageError('--transform-options must be a JSON object');
  }
  if (flags.parser && !PARSERS.includes(flags.parser)) throw new UsageError(`--parser takes ${PARSERS.join(', ')} (got "${flags.parser}")`);
  return flags.transform.map((p) => ({ path: p, options: { ...passed, ...options }, ...(flags.parser ? { parser: flags.parser as TransformSpec['parser'] } : {}) }));
}

const listOf = (v: unknown): string[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]).flatMap((x) => String(x).split(',')).map((x) => x.trim()).filter(Boolean);

/** The run-wide settings: `--eol`, the jscodeshift flags that choose files and threads, absolute PATHS. */
function transformRun(flags: PlanFlags, passed: PassedOptions, paths: string[]): TransformSourceOptions {
  if (flags.eol !== undefined && !EOL_MODES.includes(flags.eol as EolMode)) throw new UsageError(`--eol takes ${EOL_MODES.join(' or ')} (got "${flags.eol}")`);
  const extensions = listOf(passed.extensions).map((e) => (e.startsWith('.') ? e : `.${e}`));
  const ignorePatterns = listOf(passed.ignorePattern);
  const threads = passed.runInBand === true ? 1 : typeof passed.cpus === 'number' && passed.cpus >= 1 ? Math.floor(passed.cpus) : undefined;
  return {
    ...(flags.eol ? { eol: flags.eol as EolMode } : {}),
    ...(extensions.length ? { extensions } : {}),
    ...(ignorePatterns.length ? { ignorePatterns } : {}),
    ...(threads ? { threads } : {}),
    // jscodeshift gives `file.path` as the paths were named: absolute ones stay absolute.
    ...(paths.some((p) => path.isAbsolute(p)) ? { absolutePaths: true } : {}),
  };
}

/**
 * `plan`'s operands: paths, and with `--transform` any jscodeshift flag, known or not, for the
 * transforms' `options` (commander leaves unknown options among the operands, in order).
 */
export function splitOperands(flags: PlanFlags, operands: string[]): { paths: string[]; passed: PassedOptions } {
  const flag = operands.find((a) => a.startsWith('-'));
  if (flag !== undefined && !flags.transform?.length) throw new UsageError(`unknown option '${flag.split('=')[0]}' (jscodeshift options go with --transform PATH)`);
  const { paths, options } = splitJscodeshiftArgs(operands);
  return { paths, passed: options };
}

export function addPlanOptions(cmd: Command): Command {
  return cmd
    .option('--profile <name>', 'preset of codemods and migrators: auto (default), continuum, persag, generic')
    .option('--home <dir>', 'the home root for per-user data (default: PERSAG_HOME or the OS home dir)')
    .option('--only <kinds>', 'limit to code edits, file-system moves, or both: code,fs', 'code,fs')
    .option('--transform <path>', 'run a jscodeshift (or plain) transform module on JS/TS files; repeat to chain', (v: string, prev: string[] = []) => [...prev, v])
    .option('--transform-options <json>', 'options object passed to the transforms')
    .option('--parser <name>', 'jscodeshift parser when the transform names none: babel, ts, tsx, flow')
    .option('--eol <mode>', 'with --transform: line endings of changed files: keep (a CRLF file stays CRLF; default) or lf (as jscodeshift writes them)');
}

function parseOnly(only: string | undefined): Array<'code' | 'fs'> {
  const parts = (only ?? 'code,fs').split(',').map((s) => s.trim()).filter(Boolean);
  for (const p of parts) if (p !== 'code' && p !== 'fs') throw new UsageError(`--only takes code, fs or code,fs (got "${p}")`);
  return parts as Array<'code' | 'fs'>;
}

/**
 * PATHS as the user typed them to project-relative ones: relative to the current folder as in
 * every shell command, else (for `--root` elsewhere) relative to the project root.
 */
function projectPaths(root: string, paths: string[]): string[] {
  return paths.map((p) => {
    const inside = [path.resolve(p), path.resolve(root, p)].find((candidate) => isInside(root, candidate) && fs.existsSync(candidate));
    if (inside === undefined) throw new UsageError(`${p} is not a file or folder of the project ${root} (paths are relative to the current folder, ${process.cwd()}, or to the project root)`);
    return path.relative(root, inside).split(path.sep).join('/') || '.';
  });
}

function planOptions(ctx: CommandContext, flags: PlanFlags, paths: string[], passed: PassedOptions): Omit<PlanOptions, 'save'> {
  return {
    root: ctx.root,
    config: ctx.config(),
    only: parseOnly(flags.only),
    paths: projectPaths(ctx.root, paths),
    transforms: transformSpecs(flags, passed),
    transformRun: transformRun(flags, passed, paths),
    ...(flags.profile ? { profile: flags.profile } : {}),
    ...(flags.home ? { home: flags.home } : {}),
  };
}

async function withProgress<T>(ctx: CommandContext, run: (progress?: PlanOptions['progress']) => Promise<T>): Promise<T> {
  const progress = await startProgress(ctx.io);
  try {
    return await run(progress?.update);
  } finally {
    progress?.stop();
  }
}

/** Plans in memory, saving nothing: `apply --dry-run` without an id. */
export async function planFromFlags(ctx: CommandContext, flags: PlanFlags, paths: string[], passed: PassedOptions = {}): Promise<Plan> {
  const options = planOptions(ctx, flags, paths, passed);
  return withProgress(ctx, (progress) => planProject({ ...options, save: false, ...(progress ? { progress } : {}) }));
}

/** Plans into the state dir, each operation written as it is produced: `plan`. */
async function planSavedFromFlags(ctx: CommandContext, flags: PlanFlags, paths: string[], passed: PassedOptions): Promise<PlannedToStore> {
  const options = planOptions(ctx, flags, paths, passed);
  return withProgress(ctx, (progress) => planToStateDir({ ...options, ...(progress ? { progress } : {}) }));
}

function where(w: Warning): string {
  return w.file ? `${w.file}${w.line ? `:${w.line}` : ''}${w.column ? `:${w.column}` : ''}: ` : '';
}

/** Warnings and notes belong to the plan's report (stdout by default); errors go to stderr, --quiet or not. */
export function printFindings(io: Io, plan: PlanHeader, write = io.report): void {
  const c = colors(write === io.report ? io.colorOut : io.colorErr);
  const tag = (f: { source: string; code?: string }): string => (f.code ? c.dim(` [${f.source}/${f.code}]`) : '');
  for (const i of plan.infos ?? []) write(`${c.dim('info')} ${where(i)}${i.message}${tag(i)}`);
  for (const w of plan.warnings) write(`${c.yellow('warning')} ${where(w)}${w.message}${tag(w)}`);
  const e = colors(io.colorErr);
  for (const err of plan.errors) io.error(`${e.red('error')} ${err.message}${err.code ? e.dim(` [${err.source}/${err.code}]`) : ''}`);
}

const SHOWN_PER_GROUP = 20;

/** `s` is summarize(plan), when the caller has it: each pass over a saved plan's operations parses them all again. */
export function printSummary(io: Io, plan: PlanView, s = summarize(plan)): void {
  const c = colors(io.colorOut);
  io.report(`${c.bold(`Plan ${plan.id}`)}  profile ${plan.profile}`);
  io.report(`  project ${plan.roots.project}${plan.roots.home ? `\n  home    ${plan.roots.home}  ($HOME in the lines below)` : ''}`);
  const kinds = Object.entries(s.byKind).map(([k, n]) => `${n} ${k}`).join(', ');
  io.report(`  ${plural(s.operations, 'operation')}: ${kinds}${s.bytesToMove ? `; ${formatBytes(s.bytesToMove)} to move` : ''}`);
  // The first lines of each group and a count: a plan of 100,000 edits is not held to print it.
  const groups = new Map<string, { lines: string[]; count: number }>();
  for (const op of plan.operations) {
    const g = op.group ? `${op.source} · ${op.group}` : op.source;
    const group = groups.get(g) ?? { lines: [], count: 0 };
    if (group.count++ < SHOWN_PER_GROUP) group.lines.push(describeOperation(op));
    groups.set(g, group);
  }
  for (const [g, { lines, count }] of groups) {
    io.report(`\n  ${c.bold(g)} (${count})`);
    for (const l of lines) io.report(`    ${l}`);
    if (count > lines.length) io.report(c.dim(`    … and ${count - lines.length} more (apply --dry-run ${plan.id} lists all)`));
  }
}

export function registerPlanCommand(program: Command): void {
  addPlanOptions(
    program
      .command('plan')
      .argument('[paths...]', 'limit code edits to these files or directories (relative to the current folder, or to the project root)')
      .description('compute every code edit and file-system move, save them as a plan, print a summary')
      .addHelpText(
        'after',
        `
Examples:
  $ migrate-users plan                                  # everything: code edits and data moves
  $ migrate-users plan --profile continuum --only code  # only the code edits
  $ migrate-users plan src/                             # code edits under src/ (and the settings module they need)
  $ migrate-users plan --quiet                          # print the plan id alone
  $ migrate-users plan --transform ./my-codemod.js --transform-options '{"from":"lodash","to":"lodash-es"}' src/
  $ migrate-users plan --transform ./my-codemod.js --parser=tsx --extensions=ts,tsx --quote=single src/   # jscodeshift flags pass through to options

The summary and the plan id go to stdout, errors and progress to stderr.`,
      ),
  )
    .allowUnknownOption()
    .action(async (operands: string[], flags: PlanFlags, cmd: Command) => {
      const ctx = commandContext(cmd);
      const { paths, passed } = splitOperands(flags, operands);
      await warnInterrupted(ctx);
      const { plan, file, reused } = await planSavedFromFlags(ctx, flags, paths, passed);
      if (plan.operations.length === 0) {
        if (ctx.io.json) printJson(ctx.io, { planId: null, nothingToMigrate: true, ...findingsOf(plan) });
        printFindings(ctx.io, plan);
        ctx.io.info('nothing to migrate');
        process.exitCode = plan.errors.length > 0 ? 1 : 0;
        return;
      }
      const summary = summarize(plan);
      if (ctx.io.json) printJson(ctx.io, { planId: plan.id, planFile: file, reused, summary, ...findingsOf(plan) });
      else if (ctx.io.quiet) ctx.io.data(plan.id);
      printSummary(ctx.io, plan, summary);
      printFindings(ctx.io, plan);
      const next = `Next: review with \`migrate-users apply --dry-run ${plan.id}\`, then \`migrate-users apply ${plan.id}\`.`;
      const saved = reused ? `Same as plan ${plan.id} (made ${plan.createdAt.replace('T', ' ').slice(0, 19)}, not applied yet): reusing it, nothing new saved.` : `Saved plan ${plan.id}.`;
      // The report's last line on stdout; with --json the JSON says it, so people get it on stderr.
      if (ctx.io.json) ctx.io.info(`${saved} ${next}`);
      else ctx.io.report(`\n${saved} ${next}`);
      if (plan.errors.length > 0) {
        ctx.io.error(`${plural(plan.errors.length, 'part was', 'parts were')} left out of the plan (errors above); the rest can be applied.`);
        process.exitCode = 1;
      }
    });
}

function findingsOf(plan: PlanHeader): Pick<Plan, 'warnings' | 'errors' | 'infos'> {
  return { warnings: plan.warnings, errors: plan.errors, infos: plan.infos ?? [] };
}
