// SARIF 2.1.0 for GitHub code scanning (github/codeql-action/upload-sarif): rule metadata on the
// driver, project-relative URIs against %SRCROOT%, our fingerprints as partialFingerprints,
// in-source suppressions kept as suppressed results, parse errors as tool notifications.
import type { Log, ReportingDescriptor, Result } from 'sarif';
import type { Finding, LintResult, Severity, SuppressedFinding } from '../types.js';
import type { ReportContext } from './common.js';

export const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
export const INFORMATION_URI = 'https://www.npmjs.com/package/migrate-users';
const FINGERPRINT_KEY = 'migrateUsersFingerprint/v1';

const level = (s: Severity): 'error' | 'warning' => (s === 'error' ? 'error' : 'warning');

function encodeUri(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/');
}

function location(file: string, line: number, column: number, endLine?: number, endColumn?: number) {
  return {
    physicalLocation: {
      artifactLocation: { uri: encodeUri(file), uriBaseId: '%SRCROOT%' },
      region: { startLine: line, startColumn: column, ...(endLine !== undefined ? { endLine, endColumn } : {}) },
    },
  };
}

function resultOf(f: Finding | SuppressedFinding, ruleIndex: number): Result {
  const r: Result = {
    ruleId: f.ruleId,
    ruleIndex,
    level: level(f.severity),
    message: { text: f.message },
    locations: [location(f.file, f.line, f.column, f.endLine, f.endColumn)],
    partialFingerprints: { [FINGERPRINT_KEY]: f.fingerprint },
  };
  if ('justification' in f) r.suppressions = [{ kind: 'inSource', ...(f.justification ? { justification: f.justification } : {}) }];
  return r;
}

export function formatSarif(result: LintResult, ctx: ReportContext): string {
  const rules: ReportingDescriptor[] = result.rules.map((r) => ({
    id: r.id,
    name: r.id.replace(/-(\w)/g, (_, ch: string) => ch.toUpperCase()).replace(/^\w/, (ch) => ch.toUpperCase()),
    shortDescription: { text: r.description },
    fullDescription: { text: r.why },
    help: { text: `${r.why}\nFix: ${r.fix}`, markdown: `${r.why}\n\n**Fix:** ${r.fix}` },
    helpUri: `${INFORMATION_URI}#${r.docsAnchor}`,
    defaultConfiguration: { level: level(r.severity) },
    properties: { tags: ['maintainability', 'migrate-users'] },
  }));
  const index = new Map(result.rules.map((r, i) => [r.id, i]));
  const results = [...result.findings, ...result.suppressed].map((f) => resultOf(f, index.get(f.ruleId) ?? -1));
  const log: Log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'migrate-users', version: ctx.toolVersion, semanticVersion: ctx.toolVersion, informationUri: INFORMATION_URI, rules } },
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: result.parseErrors.map((p) => ({
              level: 'error' as const,
              message: { text: `Parsing error: ${p.message}` },
              locations: [location(p.file, p.line, p.column)],
            })),
          },
        ],
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
