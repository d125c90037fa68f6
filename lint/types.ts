// The shapes shared by the lint engine, its rules and its reporters.
import type { Language, ParsedFile, ParseFailure, PyParsedFile, TsParsedFile } from '../parse/types.js';

export type { Language, ParsedFile, ParseFailure, PyParsedFile, TsParsedFile };

export type Severity = 'warn' | 'error';
export type RuleSetting = Severity | 'off';
/** The app a project is (lint/profile.ts): decides default rules and the advice messages give. */
export type LintProfile = 'continuum' | 'persag' | 'generic';

/**
 * Facts about the whole project that a rule, which sees one file at a time, cannot find in that
 * file (lint/project-facts.ts): plain values, computed once per run.
 */
export interface ProjectFacts {
  /** Project-relative paths of the modules whose USER_ID-like constant is a key name (`'USER_ID'`), not a user id. */
  keyNameModules: string[];
}

/** No facts: a run that did not look (one file in an editor), or a project without any. */
export const NO_PROJECT_FACTS: ProjectFacts = { keyNameModules: [] };

/** What a detector knows of the run besides its options. */
export interface RuleContext {
  profile: LintProfile;
  project: ProjectFacts;
}

/** What a detector returns: a half-open range of UTF-16 offsets into the file text. */
export interface RuleMatch {
  start: number;
  end: number;
  message: string;
}

export interface RuleMeta {
  id: string;
  description: string;
  why: string;
  fix: string;
  /** Heading anchor of the rule in the README rule reference. */
  docsAnchor: string;
  defaultSeverity: Severity;
}

export interface Prefilter {
  text: RegExp;
  path?: RegExp;
  /**
   * Every finding of a TS/JS file needs a match of `text` in code: matches on lines that can
   * only be comment text (engine/comment-lines.ts) do not count. Not for rules that report
   * string or template text, which a comment-looking line of a template can hold.
   */
  inCode?: boolean;
  /**
   * A stricter necessary condition, tested (on the same text) only where `text` matched: for a
   * pattern too costly to run over every file, behind a `text` that finds its literals fast.
   */
  narrow?: RegExp;
}

export interface LintRule<O = Record<string, unknown>> extends RuleMeta {
  defaultOptions: O;
  /** Profiles where the rule is on by default (all when absent); elsewhere it runs only when configured. */
  profiles?: readonly LintProfile[];
  /** `why` / `fix` for a profile where the generic text (the meta's) would name the wrong remedy. */
  advice?: Partial<Record<LintProfile, { why: string; fix: string }>>;
  languages: readonly Language[];
  /**
   * Cheap test run before parsing: a file whose text (or path) matches no enabled rule's
   * prefilter is never parsed. Built from the options, since they can rename what is searched.
   */
  prefilter(options: O): Prefilter;
  /** Validates user options merged over the defaults; throws a message for a UsageError. */
  resolveOptions(raw: Record<string, unknown>): O;
  /** False when the options exempt the whole file (allowlisted dirs); checked before parsing. */
  appliesTo?(path: string, options: O): boolean;
  detect(file: ParsedFile, options: O, context: RuleContext): RuleMatch[];
}

/** A rule as configured for one run. Plain data, so it can cross into worker threads. */
export interface EnabledRule {
  id: string;
  severity: Severity;
  options: Record<string, unknown>;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  /** Project-relative POSIX path. */
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** Line-independent identity: hash of the normalised source plus an occurrence index. */
  fingerprint: string;
}

export interface SuppressedFinding extends Finding {
  /** Text after `--` in the suppression comment, empty when none was given. */
  justification: string;
}

export interface BaselineEntry {
  rule: string;
  file: string;
  fingerprint: string;
  message: string;
}

export interface BaselineReport {
  /** Project-relative when inside the root. */
  file: string;
  updated: boolean;
  /** Findings matched by an entry: not reported, not counted. */
  matched: number;
  stale: BaselineEntry[];
}

export interface LintStats {
  files: number;
  candidates: number;
  parsed: number;
  workers: number;
  millis: number;
  /** With a cache: files whose outcome was reused, unchanged since the last run. */
  cached?: number;
}

export interface LintResult {
  /** Findings that count: after suppressions and (with a baseline) only the new ones. */
  findings: Finding[];
  suppressed: SuppressedFinding[];
  parseErrors: ParseFailure[];
  baseline?: BaselineReport;
  errorCount: number;
  warningCount: number;
  /** 0 clean, 1 errors or more warnings than `maxWarnings`. */
  exitCode: 0 | 1;
  maxWarnings?: number;
  /** The profile the advice was written for (configured or detected). */
  profile: LintProfile;
  /** Every rule that ran with its configured severity, for reporters (SARIF driver rules). */
  rules: Array<RuleMeta & { severity: Severity }>;
  stats: LintStats;
}
