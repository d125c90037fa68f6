// Each of our lint rules as an ESLint rule. No detection happens here: when ESLint creates the
// rule for a file, it joins that file's lint (file-state.ts); the file is linted once, by lint's
// own per-file entry, with every rule ESLint enabled, and each rule reports its own findings,
// with our message and location, after our inline suppressions, exactly as `migrate-users lint`.
import type { Rule } from 'eslint';
import { UNUSED_SUPPRESSION, unusedSuppressionMeta } from '../lint/engine/lint-file.js';
import { lintRules } from '../lint/rules/index.js';
import type { EnabledRule, LintRule, RuleMeta } from '../lint/types.js';
import { fileState } from './file-state.js';

function ruleMeta(meta: RuleMeta, hasOptions: boolean): Rule.RuleMetaData {
  return {
    type: meta.defaultSeverity === 'error' ? 'problem' : 'suggestion',
    docs: { description: `${meta.description}. ${meta.why} Fix: ${meta.fix}` },
    // Our own resolveOptions validates the contents and says what is wrong.
    schema: hasOptions ? [{ type: 'object' }] : [],
  };
}

/** Options resolve once per distinct configuration, not once per file. */
function optionsResolver(rule: LintRule<any>): (raw: unknown) => Record<string, unknown> {
  const cache = new Map<string, Record<string, unknown>>();
  return (raw) => {
    const key = JSON.stringify(raw ?? {});
    let options = cache.get(key);
    if (!options) {
      try {
        options = rule.resolveOptions((raw ?? {}) as Record<string, unknown>) as Record<string, unknown>;
      } catch (e) {
        throw new Error(`migrate-users/${rule.id}: ${(e as Error).message}`);
      }
      cache.set(key, options);
    }
    return options;
  };
}

/** An ESLint rule that joins the file's lint with `enabled` and reports the findings of its id. */
function reportingRule(meta: Rule.RuleMetaData, enabledFor: (context: Rule.RuleContext) => EnabledRule): Rule.RuleModule {
  return {
    meta,
    create(context) {
      const state = fileState({ filename: context.filename, cwd: context.cwd, sourceCode: context.sourceCode });
      if (!state) return {};
      const enabled = enabledFor(context);
      state.enabled.set(enabled.id, enabled);
      return {
        Program() {
          for (const f of state.outcome().findings) {
            if (f.ruleId !== enabled.id) continue;
            const at = (line: number, column: number) => context.sourceCode.getLocFromIndex(state.lines.offset(line, column));
            context.report({ message: f.message, loc: { start: at(f.line, f.column), end: at(f.endLine, f.endColumn) } });
          }
        },
      };
    },
  };
}

function detectorRule(rule: LintRule<any>): Rule.RuleModule {
  const resolve = optionsResolver(rule);
  const meta = ruleMeta(rule, Object.keys(rule.defaultOptions as object).length > 0);
  return reportingRule(meta, (context) => ({ id: rule.id, severity: rule.defaultSeverity, options: resolve(context.options[0]) }));
}

export const eslintRules: Record<string, Rule.RuleModule> = {
  ...Object.fromEntries(lintRules.map((r) => [r.id, detectorRule(r)])),
  // A suppression naming one of our rules that this ESLint config switched off is not "unused".
  [UNUSED_SUPPRESSION]: reportingRule(ruleMeta(unusedSuppressionMeta, false), () => ({ id: UNUSED_SUPPRESSION, severity: unusedSuppressionMeta.defaultSeverity, options: {} })),
};
