// jscodeshift-style fixture runner: every `__testfixtures__/<case>.input.<ext>` is transformed
// and compared with `<case>.output.<ext>` (no output file: the case must stay unchanged).
// An optional `<case>.json` sets the file's project path and options and lists the warnings
// expected as `{ "code", "line" }`; without it no warning is expected. Adding a case needs
// no code change here.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintSnippet } from '../../tests/helpers/rule-tester.js';
import { applySplices, decodeText } from '../../plan/text.js';
import { unwarnedFindings } from '../../tests/helpers/lines.js';
import { transformUserIdTs, type UserIdTsOptions } from './transform.js';

const DIR = path.join(import.meta.dirname, '__testfixtures__');
const INPUT = /^(.+)\.input(\.[cm]?[jt]sx?)$/;
const EDIT_WARNINGS = ['module-level-read', 're-export-kept'];

interface Sidecar {
  fileName?: string;
  settingsModule?: string;
  providers?: string[];
  aliases?: UserIdTsOptions['aliases'];
  commonJsModules?: string[];
  constant?: string;
  accessor?: string;
  warnings?: { code: string; line: number }[];
  parseError?: { line: number };
}

function readText(file: string): string {
  const decoded = decodeText(fs.readFileSync(file));
  if (!decoded.ok) throw new Error(`${file}: ${decoded.reason}`);
  return decoded.text;
}

const cases = fs.readdirSync(DIR).flatMap((f) => {
  const m = INPUT.exec(f);
  return m ? [{ name: m[1]!, ext: m[2]! }] : [];
});

describe('user-id-ts fixtures', () => {
  it('has fixtures', () => expect(cases.length).toBeGreaterThan(20));

  for (const { name, ext } of cases) {
    const sidecarPath = path.join(DIR, `${name}.json`);
    const sidecar: Sidecar = fs.existsSync(sidecarPath) ? JSON.parse(fs.readFileSync(sidecarPath, 'utf8')) : {};
    const settingsModule = sidecar.settingsModule ?? 'src/config/settings.ts';
    const options: UserIdTsOptions = {
      constant: sidecar.constant ?? 'USER_ID',
      accessor: sidecar.accessor ?? 'getUserId',
      settingsModule,
      providers: sidecar.providers ?? [settingsModule],
      ...(sidecar.aliases ? { aliases: sidecar.aliases } : {}),
      ...(sidecar.commonJsModules ? { commonJsModules: sidecar.commonJsModules } : {}),
    };
    const fileName = sidecar.fileName ?? `src/app/${name}${ext}`;
    const input = readText(path.join(DIR, `${name}.input${ext}`));
    const outputPath = path.join(DIR, `${name}.output${ext}`);
    const expected = fs.existsSync(outputPath) ? readText(outputPath) : input;

    it(`${name}${ext}`, () => {
      const result = transformUserIdTs(input, fileName, options);
      if (sidecar.parseError) {
        expect(result.parseError?.code).toBe('parse-error');
        expect(result.parseError?.line).toBe(sidecar.parseError.line);
        expect(result.parseError?.message).toMatch(/cannot parse: .+; file left untouched/);
      } else {
        expect(result.parseError).toBeUndefined();
      }
      expect(applySplices(input, result.splices)).toBe(expected);
      const warnings = result.warnings.map((w) => ({ code: w.code, line: w.line }));
      expect(warnings).toEqual(sidecar.warnings ?? []);
      for (const w of result.warnings) expect(w).toMatchObject({ source: 'user-id-ts', file: fileName });
    });

    it(`${name}${ext}: every static-user-id finding left after the edit is a warned line`, async () => {
      const result = transformUserIdTs(input, fileName, options);
      const after = applySplices(input, result.splices);
      // A file that does not parse is a parse error for lint too, at the line the plan names.
      if (result.parseError) return expect(lintSnippet('static-user-id', after, { filename: fileName })).rejects.toThrow(`:${result.parseError.line}:`);
      const findings = (await lintSnippet('static-user-id', after, { filename: fileName })).map((f) => ({ file: fileName, line: f.line }));
      expect(unwarnedFindings(findings, [...result.warnings, ...(result.parseError ? [result.parseError] : [])], () => ({ before: input, after }))).toEqual([]);
    });

    it(`${name}${ext} is idempotent`, () => {
      const again = transformUserIdTs(expected, fileName, options);
      expect(again.splices).toEqual([]);
      // Warnings that describe an edit must not come back once the edit is made.
      expect(again.warnings.filter((w) => EDIT_WARNINGS.includes(w.code!))).toEqual([]);
    });
  }
});
