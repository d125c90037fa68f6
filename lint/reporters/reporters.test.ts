import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';
import { runLint } from '../index.js';
import type { Finding, LintResult } from '../types.js';
import { formatReport, REPORT_FORMATS, type ReportFormat } from './index.js';
import { ANNOTATIONS_PER_LEVEL, formatGithub } from './github.js';

const GOLDEN_DIR = path.resolve(import.meta.dirname, '../__fixtures__');
const FIXTURE = path.resolve(import.meta.dirname, '../../fixtures/continuum-app');
const ctx = { color: false, toolVersion: '0.0.0-test' };
// Regenerate with UPDATE_GOLDENS=1 after an intended change, then review the diff.
const update = process.env.UPDATE_GOLDENS === '1';

function golden(name: string, actual: string): void {
  const file = path.join(GOLDEN_DIR, name);
  if (update) fs.writeFileSync(file, actual);
  expect(actual).toBe(fs.readFileSync(file, 'utf8'));
}

const EXT: Record<ReportFormat, string> = { stylish: 'stylish.txt', json: 'json', sarif: 'sarif', github: 'github.txt' };

let result: LintResult;
beforeAll(async () => {
  result = await runLint({ root: FIXTURE, maxWarnings: 5 });
});

describe('reporters on fixtures/continuum-app', () => {
  it.each(REPORT_FORMATS.map((f) => [f]))('%s matches its golden file', (format) => {
    golden(`continuum-app.${EXT[format as ReportFormat]}`, formatReport(format as ReportFormat, result, ctx));
  });

  it('stylish colours only when asked', () => {
    const coloured = formatReport('stylish', result, { ...ctx, color: true });
    expect(coloured).toMatch(/\u001b\[31m/);
    expect(formatReport('stylish', result, ctx)).not.toMatch(/\u001b\[/);
    expect(coloured.replace(/\u001b\[\d+m/g, '')).toBe(formatReport('stylish', result, ctx));
  });

  it('stylish prints nothing for a clean run', () => {
    const clean: LintResult = { ...result, findings: [], parseErrors: [], errorCount: 0, warningCount: 0, exitCode: 0 };
    delete clean.maxWarnings;
    expect(formatReport('stylish', clean, ctx)).toBe('');
  });
});

describe('SARIF', () => {
  it('validates against the SARIF 2.1.0 JSON schema', () => {
    const require = createRequire(import.meta.url);
    const schema = JSON.parse(fs.readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8')) as Record<string, unknown>;
    // The schema is written as draft-04, which Ajv 8 reads as draft-07 once `id` is `$id`;
    // it uses no keyword whose meaning changed between the drafts (no boolean exclusiveMinimum).
    // One of its patterns is not valid with the `u` flag, hence unicodeRegExp: false.
    delete schema.$schema;
    schema.$id = schema.id;
    delete schema.id;
    const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
    (addFormatsModule as unknown as (a: Ajv) => void)(ajv);
    const validate = ajv.compile(schema);
    const withSuppressedAndParseErrors: LintResult = { ...result, parseErrors: [{ file: 'src/bad file.ts', line: 3, column: 1, message: "',' expected." }] };
    for (const r of [result, withSuppressedAndParseErrors]) {
      const log = JSON.parse(formatReport('sarif', r, ctx));
      expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
    }
    // The validator does reject a malformed log (ESLint's severity word is no SARIF level).
    const broken = JSON.parse(formatReport('sarif', result, ctx));
    broken.runs[0].results[0].level = 'warn';
    expect(validate(broken)).toBe(false);
  });

  it('describes every rule it references and keeps URIs relative', () => {
    const log = JSON.parse(formatReport('sarif', result, ctx));
    const run = log.runs[0];
    const ids = run.tool.driver.rules.map((r: { id: string }) => r.id);
    for (const res of run.results) {
      expect(ids[res.ruleIndex]).toBe(res.ruleId);
      const loc = res.locations[0].physicalLocation;
      expect(loc.artifactLocation.uriBaseId).toBe('%SRCROOT%');
      expect(loc.artifactLocation.uri.startsWith('/')).toBe(false);
    }
    expect(run.results.filter((r: { suppressions?: unknown[] }) => r.suppressions).length).toBe(result.suppressed.length);
    const rule = run.tool.driver.rules.find((r: { id: string }) => r.id === 'direct-db');
    expect(rule.defaultConfiguration.level).toBe('error');
    expect(rule.helpUri).toMatch(/#direct-db$/);
  });
});

describe('github annotations', () => {
  function synthetic(errors: number, warnings: number): LintResult {
    const mk = (i: number, severity: 'error' | 'warn'): Finding => ({
      ruleId: severity === 'error' ? 'direct-db' : 'manager-class',
      severity,
      message: `problem ${i}: 50% done,\nsecond line`,
      file: `src/f,${i}.ts`,
      line: i + 1,
      column: 2,
      endLine: i + 1,
      endColumn: 9,
      fingerprint: `h:${i}`,
    });
    return {
      ...result,
      findings: [...Array.from({ length: errors }, (_, i) => mk(i, 'error')), ...Array.from({ length: warnings }, (_, i) => mk(i, 'warn'))],
      parseErrors: [],
      errorCount: errors,
      warningCount: warnings,
    };
  }

  it('caps annotations at GitHub per-step limits and summarises the rest', () => {
    const lines = formatGithub(synthetic(15, 12), ctx).trimEnd().split('\n');
    expect(lines.filter((l) => l.startsWith('::error ')).length).toBe(ANNOTATIONS_PER_LEVEL);
    expect(lines.filter((l) => l.startsWith('::warning ')).length).toBe(ANNOTATIONS_PER_LEVEL);
    expect(lines.at(-1)).toMatch(/^::notice title=migrate-users lint::5 more errors and 2 more warnings not annotated/);
  });

  it('escapes properties and data', () => {
    const [first] = formatGithub(synthetic(1, 0), ctx).split('\n');
    expect(first).toBe('::error file=src/f%2C0.ts,line=1,endLine=1,col=2,endColumn=9,title=migrate-users(direct-db)::problem 0: 50%25 done,%0Asecond line');
  });

  it('adds no notice when everything fits', () => {
    expect(formatGithub(synthetic(10, 10), ctx)).not.toMatch(/::notice/);
  });
});
