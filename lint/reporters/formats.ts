// The report format names, apart from the reporters so that the CLI can list them without loading any.
export const REPORT_FORMATS = ['stylish', 'json', 'sarif', 'github'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export function isReportFormat(name: string): name is ReportFormat {
  return (REPORT_FORMATS as readonly string[]).includes(name);
}
