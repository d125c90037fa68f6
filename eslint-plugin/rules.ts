// Each of our lint rules as an ESLint rule. No detection happens here: the rule runs our
// detector on the file's text and reports what it returns, with our message and location,
// after our inline suppressions, exactly as `migrate-users lint` does.
import type { Rule } from 'eslint';
import { UNUSED_SUPPRESSION, unusedSuppressionMeta } from '../lint/engine/lint-file.js';
import { suppressionFor, type Suppression } from '../lint/engine/suppressions.js';
import { detectLintProfile } from '../lint/profile.js';
import { lintRules, ruleById } from '../lint/rules/index.js';
import type { LintRule, RuleMeta } from '../lint/types.js';
import { fileState, type FileState } from './file-state.js';

function ruleMeta(meta: RuleMeta, hasOptions: boolean): Rule.RuleMetaData {
  return {
    type: meta.defaultSeverity === 'error' ? 'problem' : 'suggestion',
    docs: { description: `${meta.description}. ${meta.why} Fix: ${meta.fix}` },
    // Our own resolveOptions validates the contents and says what is wrong.
    schema: hasOptions ? [{ type: 'object' }] : [],
  };
}

function stateOf(context: Rule.RuleContext): FileState | undefined {
  return fileState({ filename: context.filename, cwd: context.cwd, sourceCode: context.sourceCode });
}

/** Options resolve once per distinct configuration, not once per file. */
function optionsResolver(rule: LintRule<any>): (raw: unknown) => { options: unknown; prefilter: ReturnType<LintRule<any>['prefilter']> } {
  const cache = new Map<string, { options: unknown; prefilter: ReturnType<LintRule<any>['prefilter']> }>();
  return (raw) => {
    const key = JSON.stringify(raw ?? {});
    let hit = cache.get(key);
    if (!hit) {
      let options: unknown;
      try {
        options = rule.resolveOptions((raw ?? {}) as Record<string, unknown>);
      } catch (e) {
        throw new Error(`migrate-users/${rule.id}: ${(e as Error).message}`);
      }
      hit = { options, prefilter: rule.prefilter(options) };
      cache.set(key, hit);
    }
    return hit;
  };
}

function detectorRule(rule: LintRule<any>): Rule.RuleModule {
  const resolve = optionsResolver(rule);
  return {
    meta: ruleMeta(rule, Object.keys(rule.defaultOptions as object).length > 0),
    create(context) {
      const { options, prefilter } = resolve(context.options[0]);
      return {
        Program() {
          const state = stateOf(context);
          if (!state) return;
          state.ran.add(rule.id);
          if (!rule.languages.includes('ts') || !(rule.appliesTo?.(state.file, options) ?? true)) return;
          if (!prefilter.text.test(state.text) && !(prefilter.path?.test(state.file) ?? false)) return;
          const parsed = state.parsed();
          if (!parsed) return;
          // The advice follows the project's profile, detected from ESLint's working directory.
          const matches = [...rule.detect(parsed, options, { profile: detectLintProfile(context.cwd) })].sort((a, b) => a.start - b.start);
          for (const m of matches) {
            if (suppressionFor(state.suppressions(), rule.id, state.lines.position(m.start).line)) continue;
            context.report({
              message: m.message,
              loc: { start: context.sourceCode.getLocFromIndex(m.start), end: context.sourceCode.getLocFromIndex(Math.max(m.start, m.end)) },
            });
          }
        },
      };
    },
  };
}

/**
 * The same words as `migrate-users lint` (lint/engine/lint-file.ts keeps its copy private).
 * A suppression naming a rule that is off in this ESLint config is not "unused".
 */
function unusedMessage(ruleId: string | undefined, ran: ReadonlySet<string>): string | undefined {
  if (ruleId === undefined) return 'unused suppression: no finding to suppress on the next line';
  if (ruleById(ruleId) && !ran.has(ruleId)) return undefined;
  if (ruleId !== UNUSED_SUPPRESSION && !ruleById(ruleId)) return `suppression names an unknown rule "${ruleId}"`;
  return `unused suppression: no ${ruleId} finding on the next line`;
}

function unusedRules(s: Suppression): Array<string | undefined> {
  if (s.rules.length === 0) return s.used.size === 0 ? [undefined] : [];
  return s.rules.filter((r) => !s.used.has(r));
}

/** Runs at `Program:exit`, after every one of our rules has marked the suppressions it used. */
const unusedSuppressionRule: Rule.RuleModule = {
  meta: ruleMeta(unusedSuppressionMeta, false),
  create(context) {
    return {
      'Program:exit'() {
        const state = stateOf(context);
        if (!state?.parsed()) return;
        for (const s of state.suppressions()) {
          for (const ruleId of unusedRules(s)) {
            const message = unusedMessage(ruleId, state.ran);
            if (!message) continue;
            context.report({ message, loc: { start: context.sourceCode.getLocFromIndex(s.start), end: context.sourceCode.getLocFromIndex(s.end) } });
          }
        }
      },
    };
  },
};

export const eslintRules: Record<string, Rule.RuleModule> = {
  ...Object.fromEntries(lintRules.map((r) => [r.id, detectorRule(r)])),
  [UNUSED_SUPPRESSION]: unusedSuppressionRule,
};

