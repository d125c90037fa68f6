// GitHub Actions workflow commands. GitHub shows at most 10 error and 10 warning annotations
// per step, so the rest are counted in one notice instead of being silently dropped.
import type { LintResult } from '../types.js';
import { plural, problemsOf, type Problem, type ReportContext } from './common.js';

export const ANNOTATIONS_PER_LEVEL = 10;

function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function annotation(p: Problem): string {
  const props = [
    `file=${escapeProperty(p.file)}`,
    `line=${p.line}`,
    ...(p.endLine !== undefined ? [`endLine=${p.endLine}`] : []),
    `col=${p.column}`,
    ...(p.endColumn !== undefined && p.endLine === p.line ? [`endColumn=${p.endColumn}`] : []),
    `title=${escapeProperty(p.ruleId ? `migrate-users(${p.ruleId})` : 'migrate-users(parse error)')}`,
  ];
  return `::${p.severity === 'error' ? 'error' : 'warning'} ${props.join(',')}::${escapeData(p.message)}`;
}

export function formatGithub(result: LintResult, _ctx: ReportContext): string {
  const problems = problemsOf(result);
  const errors = problems.filter((p) => p.severity === 'error');
  const warnings = problems.filter((p) => p.severity === 'warn');
  const lines = [...errors.slice(0, ANNOTATIONS_PER_LEVEL), ...warnings.slice(0, ANNOTATIONS_PER_LEVEL)].map(annotation);
  const moreErrors = Math.max(0, errors.length - ANNOTATIONS_PER_LEVEL);
  const moreWarnings = Math.max(0, warnings.length - ANNOTATIONS_PER_LEVEL);
  if (moreErrors + moreWarnings > 0) {
    const parts = [moreErrors > 0 ? plural(moreErrors, 'more error') : '', moreWarnings > 0 ? plural(moreWarnings, 'more warning') : ''].filter(Boolean);
    lines.push(`::notice title=migrate-users lint::${parts.join(' and ')} not annotated (GitHub shows ${ANNOTATIONS_PER_LEVEL} of each per step); see the stylish or SARIF report for all ${plural(problems.length, 'problem')}`);
  }
  const stale = result.baseline?.stale.length ?? 0;
  if (stale > 0 && !result.baseline?.updated) {
    lines.push(`::notice title=migrate-users lint::${plural(stale, 'stale baseline entry', 'stale baseline entries')} in ${escapeData(result.baseline!.file)}; run with --update-baseline to prune`);
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}
