// Reporter registry: format name -> text.
import type { LintResult } from '../types.js';
import type { ReportContext } from './common.js';
import { formatGithub } from './github.js';
import { formatJson } from './json.js';
import { formatSarif } from './sarif.js';
import { formatStylish } from './stylish.js';

export const REPORT_FORMATS = ['stylish', 'json', 'sarif', 'github'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

const reporters: Record<ReportFormat, (result: LintResult, ctx: ReportContext) => string> = {
  stylish: formatStylish,
  json: formatJson,
  sarif: formatSarif,
  github: formatGithub,
};

export function isReportFormat(name: string): name is ReportFormat {
  return (REPORT_FORMATS as readonly string[]).includes(name);
}

export function formatReport(format: ReportFormat, result: LintResult, ctx: ReportContext): string {
  return reporters[format](result, ctx);
}

export { formatGithub, formatJson, formatSarif, formatStylish };
export type { ReportContext };
