// Runs one rule over a piece of source, the way the rule tests need it (in the spirit of ESLint's RuleTester).
import { ruleById, lintRules } from '../../lint/rules/index.js';
import type { Finding, LintProfile, ProjectFacts } from '../../lint/types.js';
import { activateRules, isCandidate, lintText, mayBeCandidate, type RuleSet } from '../../lint/engine/lint-file.js';

export interface SnippetOptions {
  /** Project-relative file name; decides the language and path-based options. */
  filename?: string;
  options?: Record<string, unknown>;
  /** The project's profile; continuum unless a case says otherwise. */
  profile?: LintProfile;
  /** What the lint found about the rest of the project (key-name modules). */
  project?: ProjectFacts;
}

/** The one rule on, with the snippet's options and profile. */
function ruleSetFor(ruleId: string, opts: SnippetOptions): RuleSet {
  const rule = ruleById(ruleId);
  if (!rule) throw new Error(`unknown rule ${ruleId}`);
  return activateRules(
    [{ id: ruleId, severity: rule.defaultSeverity, options: rule.resolveOptions(opts.options ?? {}) }],
    lintRules.map((r) => r.id),
    opts.profile ?? 'continuum',
    opts.project,
  );
}

export async function lintSnippet(ruleId: string, code: string, opts: SnippetOptions = {}): Promise<Finding[]> {
  const rules = ruleSetFor(ruleId, opts);
  const outcome = await lintText(opts.filename ?? 'src/file.ts', code, rules);
  if (outcome.parseError) throw new Error(`${outcome.parseError.file}:${outcome.parseError.line}: ${outcome.parseError.message}`);
  return outcome.findings;
}

/** A rule test case in the spirit of ESLint's RuleTester: `errors` empty or absent means valid. */
export interface RuleCase {
  name: string;
  code: string;
  filename?: string;
  options?: Record<string, unknown>;
  profile?: LintProfile;
  errors?: Array<{ line: number; column?: number; message?: string }>;
}

/** Human-readable differences between what a case expects and what the rule found; empty when equal. */
export async function caseMismatches(ruleId: string, c: RuleCase): Promise<string[]> {
  const found = await lintSnippet(ruleId, c.code, { filename: c.filename, options: c.options, profile: c.profile });
  const expected = c.errors ?? [];
  const problems: string[] = [];
  if (found.length !== expected.length) {
    problems.push(`expected ${expected.length} finding(s), got ${found.length}: ${found.map((f) => `${f.line}:${f.column} ${f.message}`).join(' | ')}`);
  }
  expected.forEach((e, i) => {
    const f = found[i];
    if (!f) return;
    if (f.line !== e.line || (e.column !== undefined && f.column !== e.column)) {
      problems.push(`finding ${i}: expected ${e.line}:${e.column ?? '*'}, got ${f.line}:${f.column} (${f.message})`);
    }
    if (e.message !== undefined && !f.message.includes(e.message)) problems.push(`finding ${i}: message "${f.message}" lacks "${e.message}"`);
  });
  return problems;
}

/**
 * The prefilter stages that would skip the case's file; empty when both let it through. A
 * prefilter must be a necessary condition: a file holding a finding passes the byte stage
 * (before decoding) and the text stage, or the finding is never looked for.
 */
export function prefilterMisses(ruleId: string, c: RuleCase): string[] {
  const rules = ruleSetFor(ruleId, c);
  const file = c.filename ?? 'src/file.ts';
  const misses: string[] = [];
  if (!mayBeCandidate(file, Buffer.from(c.code, 'utf8'), rules)) misses.push('byte stage');
  if (!isCandidate(file, c.code, rules)) misses.push('text stage');
  return misses;
}
