// Public entry of the linter: run it, format its result, inspect its rules.
export { runLint, type LintOptions } from './run.js';
export { MAIN_JOINS_AT_COST } from './engine/pool.js';
export { READER_MIN_FILES } from './engine/read-ahead.js';
export { lintRules, ruleById } from './rules/index.js';
export { formatReport, formatStylish, formatJson, formatSarif, formatGithub, REPORT_FORMATS, isReportFormat, type ReportFormat, type ReportContext } from './reporters/index.js';
export { DEFAULT_BASELINE_FILE } from './baseline.js';
export type { LintResult, Finding, SuppressedFinding, ParseFailure, BaselineEntry, BaselineReport, LintRule, RuleMeta, Severity } from './types.js';
