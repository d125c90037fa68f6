import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { UsageError } from '../../plan/errors.js';
import { TOOL_VERSION } from '../../plan/version.js';
import { tuneForShortRun } from '../../parse/v8-tuning.js';
import { DEFAULT_CACHE_FILE } from '../../lint/cache.js';
import { isReportFormat, REPORT_FORMATS, type ReportFormat } from '../../lint/reporters/formats.js';
import { commandContext } from '../context.js';
import { plural } from '../io.js';

export interface LintFlags {
  format?: string;
  output?: string;
  baseline?: string;
  updateBaseline?: boolean;
  maxWarnings?: string;
  profile?: string;
  cache?: boolean;
  cacheLocation?: string;
}

interface Destination {
  format: ReportFormat;
  /** Absolute path, or undefined for stdout. */
  file?: string;
}

function splitList(value: string): string[] {
  return value.split(',').map((s) => s.trim()).filter((s) => s !== '');
}

/** Formats meant for a terminal or a CI log: the one that takes stdout when a file is missing. */
const CONSOLE_FORMATS: readonly string[] = ['stylish', 'github'];

/**
 * Pairs formats with outputs: as many outputs as formats pair by position (`-` is stdout). With one
 * output fewer, stylish or github (else the first format) goes to stdout and the others take the
 * outputs in order. At most one format goes to stdout.
 */
export function destinations(format: string, output: string | undefined, cwd: string): Destination[] {
  const formats = splitList(format);
  if (formats.length === 0) throw new UsageError(`--format needs at least one of ${REPORT_FORMATS.join(', ')}`);
  for (const f of formats) if (!isReportFormat(f)) throw new UsageError(`unknown --format "${f}" (use ${REPORT_FORMATS.join(', ')})`);
  const outputs = output === undefined ? [] : splitList(output);
  let files: Array<string | undefined>;
  if (outputs.length === formats.length) files = outputs.map((o) => (o === '-' ? undefined : o));
  else if (outputs.length === formats.length - 1) {
    const toStdout = Math.max(0, formats.findIndex((f) => CONSOLE_FORMATS.includes(f)));
    const rest = outputs.map((o) => (o === '-' ? undefined : o));
    files = formats.map((_, i) => (i === toStdout ? undefined : rest.shift()));
  }
  else {
    throw new UsageError(`--output names ${plural(outputs.length, 'file')} for ${plural(formats.length, 'format')}; give one per format (or one fewer: the first format then goes to stdout)`);
  }
  if (files.filter((f) => f === undefined).length > 1) throw new UsageError('only one --format can go to stdout; give the others an --output file');
  return formats.map((f, i) => ({ format: f as ReportFormat, ...(files[i] ? { file: path.resolve(cwd, files[i]!) } : {}) }));
}

function parseMaxWarnings(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^-?\d+$/.test(value.trim()) || Number(value) < -1) throw new UsageError(`--max-warnings takes a whole number (-1 for no limit), got "${value}"`);
  return Number(value);
}

export function registerLintCommand(program: Command): void {
  program
    .command('lint')
    .argument('[paths...]', 'files or directories to lint (default: the whole root)')
    .description('report the anti-patterns of a migration (static USER_ID, *Manager classes, direct SQLite, polling loops, legacy paths) for CI')
    .option('--format <formats>', `comma-separated report formats: ${REPORT_FORMATS.join(', ')}`, 'stylish')
    .option('--output <files>', 'comma-separated files, one per format (- for stdout); with one fewer, stylish/github (else the first format) goes to stdout')
    .option('--baseline <file>', 'only findings not in this baseline count; stale entries are listed')
    .option('--update-baseline', 'write every current finding to the baseline (--baseline, default migrate-users.baseline.json)')
    .option('--max-warnings <n>', 'fail (exit 1) when there are more warnings than this')
    .option('--cache', `lint only files changed since the last --cache run (size and mtime, else content); kept in ${DEFAULT_CACHE_FILE}`)
    .option('--cache-location <file>', 'where --cache keeps what it knows (implies --cache)')
    .option('--profile <name>', 'which app the advice and default rules are for: auto (detect), continuum, persag or generic (default: lint.profile, else auto)')
    .addHelpText(
      'after',
      `
Examples:
  $ migrate-users lint                                      # stylish report of the whole root
  $ migrate-users lint src daemons --max-warnings 0         # some dirs; warnings fail too
  $ migrate-users lint --format stylish,sarif --output lint.sarif
  $ migrate-users lint --format github,sarif --output -,lint.sarif --baseline migrate-users.baseline.json
  $ migrate-users lint --update-baseline                    # accept today's findings; CI fails only on new ones

Exit codes: 0 no errors (and warnings within --max-warnings), 1 errors or too many warnings, 2 usage or internal error.`,
    )
    .action(async (paths: string[], flags: LintFlags, cmd: Command) => {
      const ctx = commandContext(cmd);
      const cwd = process.cwd();
      if (ctx.opts.json && cmd.getOptionValueSource('format') === 'cli') throw new UsageError('--json is --format json; give one of them');
      const outputs = destinations(ctx.opts.json ? 'json' : (flags.format ?? 'stylish'), flags.output, cwd);
      // The rules load the TypeScript compiler: only when linting, never for --help.
      const { formatReport, runLint } = await import('../../lint/index.js');
      tuneForShortRun();
      const result = await runLint({
        root: ctx.root,
        paths: paths.map((p) => path.resolve(cwd, p)),
        config: ctx.config(),
        ...(flags.baseline !== undefined ? { baseline: path.resolve(cwd, flags.baseline) } : {}),
        updateBaseline: Boolean(flags.updateBaseline),
        ...(flags.maxWarnings !== undefined ? { maxWarnings: parseMaxWarnings(flags.maxWarnings) } : {}),
        quiet: Boolean(ctx.opts.quiet),
        ...(flags.profile !== undefined ? { profile: flags.profile } : {}),
        ...(flags.cache || flags.cacheLocation !== undefined ? { cache: flags.cacheLocation !== undefined ? path.resolve(cwd, flags.cacheLocation) : DEFAULT_CACHE_FILE } : {}),
      });
      for (const d of outputs) {
        const text = formatReport(d.format, result, { color: d.file === undefined && ctx.io.colorOut, toolVersion: TOOL_VERSION });
        if (d.file === undefined) process.stdout.write(text);
        else {
          fs.mkdirSync(path.dirname(d.file), { recursive: true });
          fs.writeFileSync(d.file, text);
        }
      }
      if (ctx.opts.debug) {
        const s = result.stats;
        const reused = s.cached !== undefined ? `, ${s.cached} from the cache` : '';
        process.stderr.write(`migrate-users lint: ${s.files} files${reused}, ${s.candidates} candidates, ${s.parsed} parsed, ${plural(s.workers, 'thread')}, ${s.millis} ms\n`);
      }
      process.exitCode = result.exitCode;
    });
}
