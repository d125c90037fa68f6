// runLint: discovery, config, prefilter, parse (in parallel when it pays), suppressions,
// baseline, counts. Reporters turn the result into text; the CLI decides where it goes.
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../plan/config.js';
import { UsageError } from '../plan/errors.js';
import { ProjectFiles, withinPaths } from '../plan/files.js';
import { cacheKey, LintCache } from './cache.js';
import { compareWithBaseline, DEFAULT_BASELINE_FILE, readBaseline, writeBaseline } from './baseline.js';
import { knownRuleIds, resolveLintConfig } from './config.js';
import { activateRules, unusedSuppressionMeta, type FileOutcome } from './engine/lint-file.js';
import { readerScript, readInThread, READER_MIN_FILES } from './engine/read-ahead.js';
import { scanBytes, unreadable, type Scanned } from './engine/scan.js';
import { availableThreads, LintPool, type Job } from './engine/pool.js';
import { FileReader } from '../plan/file-reader.js';
import { LINTED_EXTENSIONS } from '../parse/languages.js';
import { lintRules } from './rules/index.js';
import { keyNameFinder, NEEDS_FACTS } from './project-facts.js';
import { NO_PROJECT_FACTS, type BaselineReport, type Finding, type LintProfile, type LintResult, type ParseFailure, type RuleMeta } from './types.js';

export interface LintOptions {
  root: string;
  /** Files or directories, relative to the root (or absolute inside it); all files when empty. */
  paths?: string[];
  /** The whole config object (its `lint` section is used); read from the root when absent. */
  config?: Record<string, unknown>;
  /** Baseline file, relative to the root or absolute. */
  baseline?: string;
  /** Write every current finding to the baseline (default file when `baseline` is absent). */
  updateBaseline?: boolean;
  /** More warnings than this fail the run (exit 1); unlimited when absent or negative. */
  maxWarnings?: number;
  /** Report and count errors only. */
  quiet?: boolean;
  /** Most threads to lint with, the main one included (default: one fewer than the machine's cores); 1: no worker threads. */
  threads?: number;
  /** `auto`, `continuum`, `persag` or `generic`; wins over the config's `lint.profile`. */
  profile?: string;
  /** Cache file (relative to the root or absolute): unchanged files are not linted again. */
  cache?: string;
}

function relativePaths(root: string, paths: readonly string[]): string[] {
  return paths.map((p) => {
    const absolute = path.resolve(root, p);
    const rel = path.relative(root, absolute).split(path.sep).join('/');
    if (rel.startsWith('..') || path.isAbsolute(rel)) throw new UsageError(`${p} is outside the project root ${root}`);
    if (!fs.existsSync(absolute)) throw new UsageError(`${p}: no such file or directory`);
    return rel;
  });
}

function byLocation(a: Finding, b: Finding): number {
  return a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId);
}

function shownPath(root: string, file: string): string {
  const rel = path.relative(root, file).split(path.sep).join('/');
  return rel.startsWith('..') || path.isAbsolute(rel) ? file : rel;
}

/** A rule's metadata with the why and fix its advice gives in this profile. */
export function ruleMetaFor(id: string, profile: LintProfile): RuleMeta {
  const meta: RuleMeta & { advice?: Partial<Record<LintProfile, { why: string; fix: string }>> } = [...lintRules, unusedSuppressionMeta].find((m) => m.id === id)!;
  const { description, why, fix, docsAnchor, defaultSeverity } = meta;
  return { id, description, why, fix, docsAnchor, defaultSeverity, ...meta.advice?.[profile] };
}

export async function runLint(options: LintOptions): Promise<LintResult> {
  const started = performance.now();
  const root = path.resolve(options.root);
  const config = resolveLintConfig(options.config ?? loadConfig(root), root, options.profile);
  const knownIds = knownRuleIds();

  const listed = await new ProjectFiles(root, config.ignore).list(LINTED_EXTENSIONS);
  const files = withinPaths(listed, relativePaths(root, options.paths ?? []));
  const rules = activateRules(config.enabled, knownIds, config.profile);
  // The project's facts: from the files the lint reads as it reads them, scanning first only the
  // others (outside the paths; with a cache, all of them, since the cache's key holds the facts).
  const finder = keyNameFinder(config.enabled);
  const reading = new Set(files);
  if (finder) await finder.scan(root, options.cache !== undefined ? listed : listed.filter((f) => !reading.has(f)));
  const early = options.cache !== undefined ? await finder?.facts() : undefined;
  /** Files the facts may change the findings of, linted once every file is read and the facts are complete. */
  const held: Job[] = [];
  const parseErrors: ParseFailure[] = [];
  const pool = new LintPool({ enabled: config.enabled, knownIds, profile: config.profile, ...(early ? { project: early } : {}) }, files.length, options.threads ?? availableThreads());
  let candidates = 0;
  const cache = options.cache !== undefined ? new LintCache(path.resolve(root, options.cache), cacheKey(config.enabled, config.profile, early ?? NO_PROJECT_FACTS)) : undefined;
  const cached: FileOutcome[] = [];
  /** With --cache: the files linted afresh (text ones), to record once their outcome is known. */
  const toRecord = new Map<string, { stat: fs.Stats; bytes: Buffer }>();
  const record = (file: string, scanned: Scanned): void => {
    if (scanned && 'failure' in scanned) {
      parseErrors.push(scanned.failure);
      toRecord.delete(file);
    } else if (scanned) {
      candidates++;
      if (finder && !early) {
        finder.observe(file, scanned.job.text);
        if (scanned.job.passing.includes(NEEDS_FACTS)) return void held.push(scanned.job);
      }
      pool.add(scanned.job);
    }
  };
  const readHere = (from: number): void => {
    const reader = new FileReader();
    for (const file of files.slice(from)) {
      const absolute = path.join(root, file);
      let bytes: Buffer | undefined;
      try {
        if (cache) {
          const stat = fs.statSync(absolute);
          const hit = cache.lookup(file, stat, () => fs.readFileSync(absolute));
          if (hit.outcome) {
            cached.push(hit.outcome);
            continue;
          }
          bytes = hit.bytes ?? fs.readFileSync(absolute);
          toRecord.set(file, { stat, bytes });
        } else bytes = reader.read(absolute);
      } catch (e) {
        parseErrors.push(unreadable(file, e));
        continue;
      }
      record(file, scanBytes(file, bytes, rules));
    }
  };
  const script = cache || files.length < READER_MIN_FILES ? undefined : readerScript();
  readHere(script ? await readInThread(script, { root, files, enabled: config.enabled, knownIds, profile: config.profile }, record, pool) : 0);
  if (finder && !early) {
    pool.setProject(await finder.facts());
    held.forEach((job) => pool.add(job));
  }

  const run = await pool.finish();
  if (cache) {
    const linted = new Map(run.outcomes.map((o) => [o.file, o]));
    for (const [file, { stat, bytes }] of toRecord) cache.store(file, stat, bytes, linted.get(file) ?? { file, parsed: false, findings: [], suppressed: [] });
    cache.save();
  }
  const outcomes: FileOutcome[] = [...cached, ...run.outcomes];
  let findings = outcomes.flatMap((o) => o.findings).sort(byLocation);
  const suppressed = outcomes.flatMap((o) => o.suppressed).sort(byLocation);
  parseErrors.push(...outcomes.flatMap((o) => (o.parseError ? [o.parseError] : [])));
  parseErrors.sort((a, b) => a.file.localeCompare(b.file));

  let baseline: BaselineReport | undefined;
  if (options.updateBaseline || options.baseline !== undefined) {
    const file = path.resolve(root, options.baseline ?? DEFAULT_BASELINE_FILE);
    const shown = shownPath(root, file);
    const previous = options.updateBaseline && !fs.existsSync(file) ? [] : readBaseline(file, shown);
    const comparison = compareWithBaseline(findings, previous);
    if (options.updateBaseline) {
      writeBaseline(file, findings);
      baseline = { file: shown, updated: true, matched: findings.length, stale: comparison.stale };
      findings = [];
    } else {
      baseline = { file: shown, updated: false, matched: comparison.matched.length, stale: comparison.stale };
      findings = comparison.fresh;
    }
  }
  if (options.quiet) findings = findings.filter((f) => f.severity === 'error');

  const errorCount = findings.filter((f) => f.severity === 'error').length + parseErrors.length;
  const warningCount = findings.filter((f) => f.severity === 'warn').length;
  const maxWarnings = options.maxWarnings !== undefined && options.maxWarnings >= 0 ? options.maxWarnings : undefined;
  const tooManyWarnings = maxWarnings !== undefined && warningCount > maxWarnings;
  const rulesMeta = config.enabled.map((e) => ({ ...ruleMetaFor(e.id, config.profile), severity: e.severity }));
  return {
    findings,
    suppressed,
    parseErrors,
    ...(baseline ? { baseline } : {}),
    errorCount,
    warningCount,
    exitCode: errorCount > 0 || tooManyWarnings ? 1 : 0,
    ...(maxWarnings !== undefined ? { maxWarnings } : {}),
    profile: config.profile,
    rules: rulesMeta,
    stats: {
      files: files.length,
      candidates,
      parsed: run.outcomes.filter((o) => o.parsed).length,
      workers: run.threads,
      millis: Math.round(performance.now() - started),
      ...(cache ? { cached: cache.reused } : {}),
    },
  };
}
