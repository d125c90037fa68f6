// Machine-readable report: everything the result holds except timings, so it is reproducible.
import type { LintResult } from '../types.js';
import type { ReportContext } from './common.js';

export function formatJson(result: LintResult, ctx: ReportContext): string {
  const { millis: _millis, workers: _workers, ...stats } = result.stats;
  const doc = {
    tool: { name: 'migrate-users', version: ctx.toolVersion },
    profile: result.profile,
    errorCount: result.errorCount,
    warningCount: result.warningCount,
    exitCode: result.exitCode,
    ...(result.maxWarnings !== undefined ? { maxWarnings: result.maxWarnings } : {}),
    findings: result.findings,
    suppressed: result.suppressed,
    parseErrors: result.parseErrors,
    ...(result.baseline ? { baseline: result.baseline } : {}),
    stats,
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
