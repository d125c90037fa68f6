// Reporter registry: format name -> text.
import type { LintResult } from '../types.js';
import type { ReportContext } from './common.js';
import { formatGithub } from './github.js';
import { formatJson } from './json.js';
import { formatSarif } from './sarif.js';
import { formatStylish } from './stylish.js';
import type { ReportFormat } from './formats.js';

export { REPORT_FORMATS, isReportFormat, type ReportFormat } from './formats.js';

const reporters: Record<ReportFormat, (result: LintResult, ctx: ReportContext) => string> = {
  stylish: formatStylish,
  json: formatJson,
  sarif: formatSarif,
  github: formatGithub,
};

export function formatReport(format: ReportFormat, result: LintResult, ctx: ReportContext): string {
  return reporters[format](result, ctx);
}

export { formatGithub, formatJson, formatSarif, formatStylish };
export type { ReportContext };
