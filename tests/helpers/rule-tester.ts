// Runs one rule over a piece of source, the way the rule tests need it (in the spirit of ESLint's RuleTester).
import { ruleById, lintRules } from '../../lint/rules/index.js';
import type { Finding, LintProfile } from '../../lint/types.js';
import { activateRules, lintText } from '../../lint/engine/lint-file.js';

export interface SnippetOptions {
  /** Project-relative file name; decides the language and path-based options. */
  filename?: string;
  options?: Record<string, unknown>;
  /** The project's profile; continuum unless a case says otherwise. */
  profile?: LintProfile;
}

export async function lintSnippet(ruleId: string, code: string, opts: SnippetOptions = {}): Promise<Finding[]> {
  const rule = ruleById(ruleId);
  if (!rule) throw new Error(`unknown rule ${ruleId}`);
  const rules = activateRules(
    [{ id: ruleId, severity: rule.defaultSeverity, options: rule.resolveOptions(opts.options ?? {}) }],
    lintRules.map((r) => r.id),
    opts.profile ?? 'continuum',
  );
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
