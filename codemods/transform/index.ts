// Any jscodeshift transform (or plain `(source, { path }) => string | undefined` function) as an
// operation source: every file the chain changes becomes one edit in a normal plan, so it gets a
// dry-run diff, a crash-safe apply and a byte-exact rollback.
import path from 'node:path';
import picomatch from 'picomatch';
import { withinPaths } from '../../plan/files.js';
import { UsageError } from '../../plan/errors.js';
import { isInside } from '../../plan/paths.js';
import type { Info, OperationSource, PlanContext, PlanError, Roots, SourceResult, Warning } from '../../plan/types.js';
import { sortWarnings } from '../shared/warnings.js';
import { loadTransform, resolveSpec, type TransformSpec } from './load.js';
import { defaultThreads, transformFiles } from './pool.js';
import { withStdoutOnStderr } from './quiet-stdout.js';
import type { EolMode } from './eol.js';
import { SOURCE_NAME, type FileOutcome, type RunSettings } from './share.js';
import { Authors, operationsOf } from './effects.js';
import { FsError, Overlay } from './overlay.js';
import type { TransformStat } from './run.js';

export { PARSER_NAMES, type ParserName, type TransformSpec, type TransformKind } from './load.js';
export { EOL_MODES, type EolMode } from './eol.js';
export { splitJscodeshiftArgs } from './jscodeshift-options.js';
export { SOURCE_NAME };

/** The files jscodeshift's parsers read (its CLI defaults to `.js` only; TypeScript gets its own parser). */
export const TRANSFORM_EXTENSIONS = ['.js', '.jsx', '.mjs', '.cjs', '.ts', '.tsx', '.mts', '.cts'] as const;

export interface TransformSourceOptions {
  /** Threads, the main one included; default: one core fewer than the machine has (at most 8), each thread with more than FILES_PER_THREAD files. */
  threads?: number;
  /** Line endings of a changed file; default `keep`. */
  eol?: EolMode;
  /** Only files with these extensions (jscodeshift's `--extensions`); default TRANSFORM_EXTENSIONS. */
  extensions?: string[];
  /** Leave out files matching these globs (jscodeshift's `--ignore-pattern`), besides .gitignore. */
  ignorePatterns?: string[];
  /** The user named the paths absolutely, so `file.path` is absolute (as jscodeshift passes paths on). */
  absolutePaths?: boolean;
}

/**
 * The paths the user named, project-relative for the file filter, and how `file.path` is shown.
 * jscodeshift passes paths on as named on its command line: relative to the working directory
 * when run with `.` or `src/`, absolute when named so. Here they are relative to the working
 * directory when it is in the project or the project in it, and absolute when the user named
 * absolute paths or the project lies elsewhere (`--root /srv/app`).
 */
function namedPaths(paths: readonly string[], project: string, opts: TransformSourceOptions): { within: string[]; settings: RunSettings } {
  const cwd = process.cwd();
  const related = isInside(cwd, project) || isInside(project, cwd);
  const absolutePaths = opts.absolutePaths === true || !related || paths.some((p) => path.isAbsolute(p));
  const within = paths.map((p) => (path.isAbsolute(p) ? path.relative(project, p).split(path.sep).join('/') || '.' : p));
  return { within, settings: { cwd, absolutePaths, eol: opts.eol ?? 'keep' } };
}

/** Project-relative paths of the transform modules themselves: a codemod never rewrites itself. */
function transformsInProject(specs: readonly TransformSpec[], project: string): Set<string> {
  const out = new Set<string>();
  for (const spec of specs) {
    const rel = path.relative(project, path.resolve(spec.path));
    if (!rel.startsWith('..') && !path.isAbsolute(rel)) out.add(rel.split(path.sep).join('/'));
  }
  return out;
}

function failureError(o: FileOutcome): PlanError {
  const f = o.failure!;
  const at = f.line !== undefined ? `:${f.line}${f.column !== undefined ? `:${f.column}` : ''}` : '';
  return {
    source: SOURCE_NAME,
    code: f.code === 'uncapturable' ? 'uncapturable-change' : 'transform-failed',
    paths: [o.file],
    message: `${f.transform} failed on ${o.file}${at}: ${f.message} (the file was left out of the plan)`,
  };
}

/** One line per transform that called `api.stats`, as jscodeshift prints them after a dry run: information, not a finding. */
function statsInfos(stats: readonly TransformStat[]): Info[] {
  const byTransform = new Map<string, Map<string, number>>();
  for (const s of stats) {
    const counts = byTransform.get(s.transform) ?? new Map<string, number>();
    counts.set(s.name, (counts.get(s.name) ?? 0) + s.quantity);
    byTransform.set(s.transform, counts);
  }
  return [...byTransform].map(([transform, counts]) => ({
    source: SOURCE_NAME,
    code: 'stats',
    message: `${transform} stats: ${[...counts].sort(([a], [b]) => a.localeCompare(b)).map(([name, n]) => `${name} ${n}`).join(', ')}`,
  }));
}

/** A change that cannot be replayed: another thread's transform changed the same path differently. */
function replayError(o: FileOutcome, e: unknown): PlanError {
  return { source: SOURCE_NAME, code: 'conflicting-changes', paths: [o.file], message: `the changes ${o.changedBy.join(' + ') || 'the transforms'} made while transforming ${o.file} conflict with another file's (${(e as Error).message}); they were left out of the plan` };
}

/**
 * Replays every file's changes in file order (the order one thread would make them in), then
 * turns the resulting overlay into operations.
 */
function assemble(roots: Roots, outcomes: FileOutcome[], notText: Warning[]): SourceResult {
  const errors: PlanError[] = [];
  const warnings: Warning[] = [...notText];
  const overlay = new Overlay(roots.project);
  const authors = new Authors();
  for (const o of [...outcomes].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))) {
    warnings.push(...o.reports.map((r) => ({ source: SOURCE_NAME, file: o.file, code: 'report', message: `${r.transform}: ${r.message}` })));
    if (o.failure) errors.push(failureError(o));
    const mark = overlay.checkpoint();
    try {
      for (const e of o.effects) {
        overlay.replay(e);
        authors.note(e);
      }
    } catch (e) {
      if (!(e instanceof FsError)) throw e;
      overlay.rollbackTo(mark);
      errors.push(replayError(o, e));
    }
  }
  const infos = statsInfos(outcomes.flatMap((o) => o.stats));
  const planned = operationsOf(roots, overlay, authors);
  return { operations: planned.operations, warnings: sortWarnings(warnings), errors: [...errors, ...planned.errors], ...(infos.length > 0 ? { infos } : {}) };
}

/**
 * Runs `specs` in order on every JS/TS file of the project (within `ctx.paths`). Throws a
 * UsageError for a missing module here, and for one that does not load when planning starts.
 */
export function transformSource(specs: TransformSpec[], opts: TransformSourceOptions = {}): OperationSource {
  if (specs.length === 0) throw new UsageError('no transform given');
  const resolved = specs.map(resolveSpec);
  return {
    name: SOURCE_NAME,
    category: 'code',
    async plan(ctx: PlanContext): Promise<SourceResult> {
      // Load errors surface before any file is read or any worker started.
      for (const spec of resolved) await loadTransform(spec);
      const own = transformsInProject(resolved, ctx.roots.project);
      const { within, settings } = namedPaths(ctx.paths, ctx.roots.project, opts);
      const ignored = opts.ignorePatterns?.length ? picomatch(opts.ignorePatterns, { dot: true }) : () => false;
      const listed = await ctx.files.list(opts.extensions ?? TRANSFORM_EXTENSIONS);
      const files = withinPaths(listed, within).filter((f) => !own.has(f) && !ignored(f));
      let done = 0;
      const onFile = (): void => ctx.progress?.(++done, files.length, SOURCE_NAME);
      const run = await withStdoutOnStderr(() => transformFiles(resolved, ctx.roots, files, opts.threads ?? defaultThreads(files.length), settings, onFile));
      return assemble(ctx.roots, run.outcomes, run.warnings);
    },
  };
}
