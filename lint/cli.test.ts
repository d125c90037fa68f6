// End-to-end: the built binary (npm test builds dist/ first), like a CI job would run it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { destinations } from '../bin/commands/lint.js';
import { REPO, runCli } from '../tests/helpers/cli.js';

const FIXTURE = path.join(REPO, 'fixtures/continuum-app');
const temps: string[] = [];
afterEach(() => {
  for (const d of temps.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function tempDir(from?: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mu-lint-cli-'));
  temps.push(dir);
  if (from) fs.cpSync(from, dir, { recursive: true });
  return dir;
}

const expected = JSON.parse(fs.readFileSync(path.join(FIXTURE, 'expected-lint.json'), 'utf8')) as { findings: string[] };

describe('--format / --output pairing', () => {
  const pairs = (format: string, output?: string) => destinations(format, output, '/w').map((d) => `${d.format}>${d.file ?? 'stdout'}`);

  it('pairs by position, or sends the console format to stdout when one file is missing', () => {
    expect(pairs('sarif', 'a.sarif')).toEqual(['sarif>/w/a.sarif']);
    expect(pairs('stylish,sarif', 'a.sarif')).toEqual(['stylish>stdout', 'sarif>/w/a.sarif']);
    expect(pairs('sarif,stylish', 'a.sarif')).toEqual(['sarif>/w/a.sarif', 'stylish>stdout']);
    expect(pairs('json,sarif,github', 'a.json,a.sarif')).toEqual(['json>/w/a.json', 'sarif>/w/a.sarif', 'github>stdout']);
    expect(pairs('json,sarif', 'a.sarif')).toEqual(['json>stdout', 'sarif>/w/a.sarif']);
    expect(pairs('github,sarif', '-,out/x.sarif')).toEqual(['github>stdout', 'sarif>/w/out/x.sarif']);
    expect(pairs('json')).toEqual(['json>stdout']);
  });

  it('refuses ambiguous or unknown combinations', () => {
    expect(() => pairs('json,sarif')).toThrow(/--output names 0 files for 2 formats/);
    expect(() => pairs('json,sarif', '-,-')).toThrow(/only one --format can go to stdout/);
    expect(() => pairs('xml')).toThrow(/unknown --format "xml"/);
  });
});

describe('migrate-users lint (built CLI)', () => {
  it('reports the fixture findings in every format and exits 1 on errors', () => {
    const dir = tempDir(FIXTURE);
    const r = runCli(['lint', '--format', 'stylish,json,sarif,github', '--output', 'out/lint.json,out/lint.sarif,out/lint.github.txt'], { cwd: dir });
    expect(r.status).toBe(1);
    const errors = expected.findings.filter((f) => f.includes(' error ')).length;
    expect(r.stdout).toContain(`✖ ${expected.findings.length} problems (${errors} errors, ${expected.findings.length - errors} warnings)`);
    const json = JSON.parse(fs.readFileSync(path.join(dir, 'out/lint.json'), 'utf8'));
    expect(json.findings.map((f: { file: string; line: number; column: number; severity: string; ruleId: string }) => `${f.file}:${f.line}:${f.column} ${f.severity} ${f.ruleId}`)).toEqual(expected.findings);
    const sarif = JSON.parse(fs.readFileSync(path.join(dir, 'out/lint.sarif'), 'utf8'));
    expect(sarif.runs[0].results.filter((x: { suppressions?: unknown }) => !x.suppressions)).toHaveLength(expected.findings.length);
    expect(fs.readFileSync(path.join(dir, 'out/lint.github.txt'), 'utf8')).toMatch(/^::error file=/);
  });

  it('--json is --format json; paths are relative to the cwd', () => {
    const r = runCli(['lint', '--json', 'tools'], { cwd: FIXTURE });
    expect(r.status).toBe(1);
    const json = JSON.parse(r.stdout);
    expect(new Set(json.findings.map((f: { file: string }) => f.file))).toEqual(new Set(['tools/python/env_check.py', 'tools/python/legacy_export.py']));
  });

  it('--cache-location keeps what a run found; the next run takes unchanged files from it', () => {
    const root = tempDir(FIXTURE);
    const cacheFile = path.join(tempDir(), 'lint.cache');
    const cold = runCli(['lint', '--root', root, '--json', '--debug', '--cache-location', cacheFile]);
    const warm = runCli(['lint', '--root', root, '--json', '--debug', '--cache-location', cacheFile]);
    expect(cold.stderr).toMatch(/files, 0 from the cache, [1-9]\d* candidates/);
    expect(warm.stderr).toMatch(/(\d+) files, \1 from the cache, 0 candidates/);
    expect(JSON.parse(warm.stdout).findings).toEqual(JSON.parse(cold.stdout).findings);
    expect(warm.status).toBe(cold.status);
  });

  it('exits 0 on warnings only, 1 beyond --max-warnings, and --quiet hides warnings', () => {
    const root = ['--root', FIXTURE];
    const inbox = 'system/user/server/modules/PersonaInbox.ts';
    expect(runCli(['lint', inbox], { cwd: FIXTURE }).status).toBe(0);
    const over = runCli(['lint', inbox, '--max-warnings', '0'], { cwd: FIXTURE });
    expect(over.status).toBe(1);
    expect(over.stdout).toMatch(/Too many warnings \(1, maximum: 0\)/);
    const quiet = runCli(['lint', ...root, '--quiet', '--format', 'json']);
    expect(JSON.parse(quiet.stdout).findings.every((f: { severity: string }) => f.severity === 'error')).toBe(true);
  });

  it('fails CI only on new errors once a baseline is given', () => {
    const dir = tempDir(FIXTURE);
    expect(runCli(['lint', '--update-baseline', '--baseline', 'ci/baseline.json'], { cwd: dir }).status).toBe(0);
    const clean = runCli(['lint', '--baseline', 'ci/baseline.json'], { cwd: dir });
    expect([clean.status, clean.stdout]).toEqual([0, `${expected.findings.length} known findings in baseline ci/baseline.json not shown.\n`]);
    fs.appendFileSync(path.join(dir, 'system/user/shared/BaseUser.ts'), "\nimport { USER_ID } from '../../../config/settings';\nexport const owner = () => USER_ID;\n");
    const fresh = runCli(['lint', '--baseline', 'ci/baseline.json', '--format', 'json'], { cwd: dir });
    expect(fresh.status).toBe(1);
    expect(JSON.parse(fresh.stdout).findings.map((f: { ruleId: string; file: string }) => `${f.ruleId} ${f.file}`)).toEqual(['static-user-id system/user/shared/BaseUser.ts']);
  });

  it('--profile generic: continuum-only rules off, no continuum advice', () => {
    const r = runCli(['lint', '--profile', 'generic', '--format', 'json'], { cwd: FIXTURE });
    const json = JSON.parse(r.stdout) as { findings: Array<{ ruleId: string; message: string }> };
    // manager-class stays on: the sample's config names it.
    expect(new Set(json.findings.map((f) => f.ruleId))).toEqual(new Set(['static-user-id', 'manager-class', 'polling-timeout', 'unused-suppression']));
    expect(json.findings.filter((f) => /daemon|Commands\.execute|Events\.subscribe/i.test(f.message))).toEqual([]);
  });

  it('exits 2 with a one-line message on usage errors', () => {
    for (const args of [
      ['lint', '--profile', 'rails'],
      ['lint', '--format', 'xml'],
      ['lint', '--format', 'stylish,json'],
      ['lint', '--max-warnings', 'many'],
      ['lint', '--baseline', 'nope.json'],
      ['lint', 'no/such/dir'],
      ['lint', '--json', '--format', 'sarif'],
    ]) {
      const r = runCli([...args, '--root', FIXTURE], { cwd: FIXTURE });
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'migrate-users.config.json'), JSON.stringify({ lint: { rules: { 'direct-db': 'fatal' } } }));
    const bad = runCli(['lint'], { cwd: dir });
    expect([bad.status, bad.stderr]).toEqual([2, expect.stringMatching(/lint.rules.direct-db: severity must be/)]);
  });
});
