import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { UsageError } from '../plan/errors.js';
import { runLint } from './index.js';

const FIXTURE = path.resolve(import.meta.dirname, '../fixtures/continuum-app');
const temps: string[] = [];

/** A continuum checkout (it has the `.continuum/` data dir, so every rule is on by default) unless `from` says otherwise. */
function tempTree(files: Record<string, string>, from?: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mu-lint-'));
  temps.push(dir);
  if (from) fs.cpSync(from, dir, { recursive: true });
  else fs.mkdirSync(path.join(dir, '.continuum'));
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

afterEach(() => {
  for (const d of temps.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const short = (f: { file: string; line: number; column: number; severity: string; ruleId: string }) => `${f.file}:${f.line}:${f.column} ${f.severity} ${f.ruleId}`;

describe('runLint on fixtures/continuum-app', () => {
  const expected = JSON.parse(fs.readFileSync(path.join(FIXTURE, 'expected-lint.json'), 'utf8')) as { findings: string[]; suppressed: string[] };

  it('reports exactly the expected findings, skipping decoys, ignored and gitignored files', async () => {
    // A gitignored build output full of anti-patterns: written here because git would not keep it.
    const root = tempTree({ 'build/bundle.js': "const Database = require('better-sqlite3');\nnew Database('state.db');\n" }, FIXTURE);
    const result = await runLint({ root });
    expect(result.findings.map(short)).toEqual(expected.findings);
    expect(result.suppressed.map((s) => `${s.file}:${s.line}:${s.column} ${s.ruleId} -- ${s.justification}`)).toEqual(expected.suppressed);
    expect(result.parseErrors).toEqual([]);
    expect(result.errorCount).toBe(expected.findings.filter((f) => f.includes(' error ')).length);
    expect(result.exitCode).toBe(1);
    expect(result.findings.some((f) => f.file.startsWith('build/') || f.file.startsWith('generated/'))).toBe(false);
  });

  it('limits the run to the given paths', async () => {
    const result = await runLint({ root: FIXTURE, paths: ['tools/python'] });
    expect(result.findings.map(short)).toEqual(expected.findings.filter((f) => f.startsWith('tools/python/')));
  });

  it('skips files no enabled rule can match before parsing them', async () => {
    const result = await runLint({ root: FIXTURE, config: { lint: { rules: { 'static-user-id': 'off', 'manager-class': 'off', 'direct-db': 'off', 'legacy-user-path': 'off', 'unused-suppression': 'off' } } } });
    expect(result.findings.every((f) => f.ruleId === 'polling-timeout')).toBe(true);
    expect(result.stats.parsed).toBeLessThan(result.stats.files);
    expect(result.stats.parsed).toBe(result.stats.candidates);
  });
});

describe('where lint runs from', () => {
  const relative = (prefix: string) => (f: { file: string; line: number; column: number; severity: string; ruleId: string; message: string }) =>
    `${short({ ...f, file: f.file.slice(prefix.length) })} ${f.message}`;

  it('gives the same findings from the package root and from a repository root above it', async () => {
    const pkg = tempTree({}, FIXTURE);
    const repo = tempTree({ 'package.json': '{ "private": true, "workspaces": ["src/debug/jtag"] }\n' }, undefined);
    fs.rmSync(path.join(repo, '.continuum'), { recursive: true });
    fs.cpSync(FIXTURE, path.join(repo, 'src/debug/jtag'), { recursive: true });
    // Default config on both sides: the sample's own config file sits at the package root only.
    const fromPackage = await runLint({ root: pkg, config: {} });
    const fromRepo = await runLint({ root: repo, config: {} });
    expect(fromRepo.profile).toBe('continuum');
    expect(fromPackage.findings.length).toBeGreaterThan(20);
    expect(fromRepo.findings.every((f) => f.file.startsWith('src/debug/jtag/'))).toBe(true);
    expect(fromRepo.findings.map(relative('src/debug/jtag/'))).toEqual(fromPackage.findings.map(relative('')));
    // The data daemon's own SQLite code and the daemons' intervals are judged alike from both roots.
    expect(fromRepo.findings.some((f) => f.file.includes('/daemons/data-daemon/'))).toBe(false);
    expect(fromRepo.findings.filter((f) => f.file.includes('/daemons/') && f.ruleId === 'polling-timeout')).toHaveLength(3);
  });
});

describe('profiles', () => {
  const generic = (): string => {
    const dir = tempTree({
      'src/orm/EntityManager.ts': "import fs from 'fs';\nexport class EntityManager {\n  load(f: string) { return JSON.parse(fs.readFileSync(f, 'utf8')); }\n}\n",
      'src/store.ts': "import Database from 'better-sqlite3';\nexport const db = new Database('.continuum/personas/x/state.db');\n",
      'src/poll.ts': 'export function poll() {\n  setTimeout(poll, 1000);\n}\n',
    });
    fs.rmSync(path.join(dir, '.continuum'), { recursive: true });
    return dir;
  };

  it('an unrelated project gets the generic rules and no continuum advice', async () => {
    const r = await runLint({ root: generic() });
    expect(r.profile).toBe('generic');
    expect(r.findings.map((f) => `${f.file} ${f.ruleId}`)).toEqual(['src/poll.ts polling-timeout']);
    expect(r.findings[0]!.message).toMatch(/wait on the event, promise or callback/);
    const advice = JSON.stringify([r.findings, r.rules]);
    expect(advice).not.toMatch(/daemon|Commands\.execute|Events\.subscribe|continuum/i);
  });

  it('runs an app-specific rule on request, with generic advice', async () => {
    const r = await runLint({ root: generic(), config: { lint: { rules: { 'manager-class': 'warn', 'direct-db': 'error' } } } });
    expect(r.findings.map((f) => `${f.file}:${f.line} ${f.ruleId}`)).toEqual(['src/orm/EntityManager.ts:2 manager-class', 'src/poll.ts:2 polling-timeout', 'src/store.ts:1 direct-db', 'src/store.ts:2 direct-db']);
    expect(JSON.stringify(r.findings)).not.toMatch(/daemon|Commands\.execute/i);
  });

  it('takes the profile from lint.profile or --profile', async () => {
    const dir = generic();
    const configured = await runLint({ root: dir, config: { lint: { profile: 'continuum' } } });
    expect(configured.profile).toBe('continuum');
    expect(configured.findings.find((f) => f.ruleId === 'manager-class')?.message).toMatch(/daemon reached through Commands\.execute/);
    const flag = await runLint({ root: dir, config: { lint: { profile: 'continuum' } }, profile: 'generic' });
    expect(flag.profile).toBe('generic');
    await expect(runLint({ root: dir, config: { lint: { profile: 'django' } } })).rejects.toThrow(/lint.profile must be one of auto, continuum, persag, generic/);
  });

  it('a persag project gets persag advice for its Python findings', async () => {
    const dir = tempTree({ 'src/personal_agent/core/memory_store.py': 'import sqlite3\n\ndef open_store(path):\n    return sqlite3.connect(path)\n', 'env.userid': 'USER_ID="charlie"\n' });
    fs.rmSync(path.join(dir, '.continuum'), { recursive: true });
    const r = await runLint({ root: dir });
    expect(r.profile).toBe('persag');
    expect(r.findings.map((f) => `${f.file}:${f.line} ${f.ruleId}`)).toEqual(['src/personal_agent/core/memory_store.py:4 direct-db']);
    expect(r.findings[0]!.message).toMatch(/get_userid\(\)/);
    expect(JSON.stringify([r.findings, r.rules])).not.toMatch(/DataDaemon|Commands\.execute/);
  });
});

describe('config', () => {
  const root = (): string => tempTree({ 'src/a.ts': "import Database from 'better-sqlite3';\nimport fs from 'fs';\nexport class CacheManager {\n  load() { return fs.readFileSync('cache.json'); }\n}\n" });

  it('turns rules off, changes severities and passes options', async () => {
    const r = await runLint({ root: root(), config: { lint: { rules: { 'direct-db': ['warn', { allowIn: ['lib/**'] }], 'manager-class': 'off' } } } });
    expect(r.findings.map((f) => `${f.ruleId}:${f.severity}`)).toEqual(['direct-db:warn']);
    expect(r.exitCode).toBe(0);
  });

  it('skips files matched by the top-level ignore and by lint.ignore', async () => {
    const manager = (name: string): string => `import fs from 'fs';\nclass ${name}Manager { a() { fs.readFileSync('x'); } }\n`;
    const dir = tempTree({ 'vendor/x.ts': manager('V'), 'gen/y.ts': manager('G'), 'src/z.ts': manager('Z') });
    const r = await runLint({ root: dir, config: { ignore: ['vendor/**'], lint: { ignore: ['gen/**'] } } });
    expect(r.findings.map((f) => f.file)).toEqual(['src/z.ts']);
  });

  it('reads migrate-users.config.json at the root when no config is passed', async () => {
    const dir = root();
    fs.writeFileSync(path.join(dir, 'migrate-users.config.json'), JSON.stringify({ lint: { rules: { 'direct-db': 'off' } } }));
    const r = await runLint({ root: dir });
    expect(r.findings.map((f) => f.ruleId)).toEqual(['manager-class']);
  });

  it.each([
    [{ lint: { rules: { 'no-such-rule': 'error' } } }, /unknown lint rule "no-such-rule"/],
    [{ lint: { rules: { 'direct-db': 'fatal' } } }, /lint.rules.direct-db: severity must be "off", "warn" or "error"/],
    [{ lint: { rules: { 'direct-db': ['warn', { allowIn: 'daemons' }] } } }, /allowIn" must be an array/],
    [{ lint: { rules: { 'manager-class': ['warn', { allowed: [] }] } } }, /unknown option "allowed"/],
    [{ lint: { ignore: 'dist' } }, /lint.ignore must be an array/],
    [{ lint: { rule: {} } }, /unknown setting lint.rule/],
  ])('rejects %j with a clear UsageError', async (config, message) => {
    const err = await runLint({ root: root(), config }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UsageError);
    expect((err as Error).message).toMatch(message);
  });

  it('rejects a path that does not exist', async () => {
    await expect(runLint({ root: root(), paths: ['nope'] })).rejects.toThrow(/nope: no such file/);
  });
});

describe('suppressions', () => {
  it('suppresses the next line for the named rules only and reports unused ones', async () => {
    const dir = tempTree({
      'src/a.ts': [
        "// migrate-users-disable-next-line direct-db -- migration script",
        "import Database from 'better-sqlite3';",
        '/* migrate-users-disable-next-line manager-class, direct-db */',
        'class JobManager { db = new Database(":memory:"); }',
        '// migrate-users-disable-next-line legacy-user-path -- nothing here',
        'const x = 1;',
        "// migrate-users-disable-next-line no-such-rule",
        'const y = 2;',
        'const s = "// migrate-users-disable-next-line direct-db";',
        "import sqlite3 from 'sqlite3';",
        '',
      ].join('\n'),
      'tools/a.py': '# migrate-users: disable-next-line direct-db -- offline\nimport sqlite3\nc = sqlite3.connect("x")\ns = "# migrate-users: disable-next-line direct-db"\nd = sqlite3.connect("y")\n',
    });
    const r = await runLint({ root: dir });
    expect(r.suppressed.map((s) => `${s.file}:${s.line} ${s.ruleId} ${s.justification}`)).toEqual([
      'src/a.ts:2 direct-db migration script',
      'src/a.ts:4 manager-class ',
      'src/a.ts:4 direct-db ',
    ]);
    expect(r.findings.map((f) => `${f.file}:${f.line} ${f.ruleId}: ${f.message}`)).toEqual([
      'src/a.ts:5 unused-suppression: unused suppression: no legacy-user-path finding on the next line',
      'src/a.ts:7 unused-suppression: suppression names an unknown rule "no-such-rule"',
      'src/a.ts:10 direct-db: ' + r.findings.find((f) => f.line === 10)?.message,
      'tools/a.py:1 unused-suppression: unused suppression: no direct-db finding on the next line',
      'tools/a.py:3 direct-db: ' + r.findings.find((f) => f.file === 'tools/a.py' && f.line === 3)?.message,
      'tools/a.py:5 direct-db: ' + r.findings.find((f) => f.file === 'tools/a.py' && f.line === 5)?.message,
    ]);
  });

  it('does not call suppressions of rules that are off unused', async () => {
    const dir = tempTree({ 'src/a.ts': '// migrate-users-disable-next-line direct-db\nconst x = 1;\n' });
    const r = await runLint({ root: dir, config: { lint: { rules: { 'direct-db': 'off' } } } });
    expect(r.findings).toEqual([]);
  });
});

describe('exit codes, --max-warnings and --quiet', () => {
  const warningsOnly = (): string => tempTree({ 'src/a.ts': "import fs from 'fs';\nexport class AManager { a() { fs.readFileSync('a'); } }\nexport class BManager { b() { fs.readFileSync('b'); } }\n" });

  it('exits 0 with warnings only, 1 with more warnings than the maximum', async () => {
    const dir = warningsOnly();
    expect((await runLint({ root: dir })).exitCode).toBe(0);
    expect((await runLint({ root: dir, maxWarnings: 2 })).exitCode).toBe(0);
    const over = await runLint({ root: dir, maxWarnings: 1 });
    expect([over.exitCode, over.warningCount, over.maxWarnings]).toEqual([1, 2, 1]);
    expect((await runLint({ root: dir, maxWarnings: -1 })).exitCode).toBe(0);
  });

  it('exits 1 on an error; --quiet drops warnings', async () => {
    const dir = tempTree({ 'src/a.ts': "import { USER_ID } from './settings';\nexport class AManager {}\nexport const id = () => USER_ID;\n" });
    const r = await runLint({ root: dir, quiet: true, maxWarnings: 0 });
    expect([r.exitCode, r.errorCount, r.warningCount, r.findings.length]).toEqual([1, 1, 0, 1]);
  });

  it('reports a file that does not parse with file:line and counts it as an error', async () => {
    const dir = tempTree({ 'src/bad.ts': 'const USER_ID = ;\nfunction (\n', 'tools/bad.py': 'def f(:\n    USER_ID\n', 'src/ok.ts': 'export const a = 1;\n' });
    const r = await runLint({ root: dir });
    expect(r.parseErrors.map((p) => `${p.file}:${p.line}`)).toEqual(['src/bad.ts:1', 'tools/bad.py:1']);
    expect(r.parseErrors[0]!.message).toMatch(/expected/i);
    expect(r.exitCode).toBe(1);
  });

  it('reports binary and non-UTF-8 files instead of crashing', async () => {
    const dir = tempTree({});
    fs.mkdirSync(path.join(dir, 'src'));
    fs.writeFileSync(path.join(dir, 'src/blob.js'), Buffer.from([0x55, 0x53, 0x45, 0x52, 0x00, 0x01]));
    fs.writeFileSync(path.join(dir, 'src/latin1.py'), Buffer.from('x = "caf\xe9"\n', 'latin1'));
    const r = await runLint({ root: dir });
    expect(r.parseErrors.map((p) => `${p.file}: ${p.message}`)).toEqual(['src/blob.js: binary file, cannot lint it', 'src/latin1.py: not valid UTF-8, cannot lint it']);
  });

  it('handles BOM and CRLF files with correct positions', async () => {
    const dir = tempTree({ 'src/a.ts': "\uFEFF// header\r\nimport { USER_ID } from './settings';\r\nexport const id = () => USER_ID;\r\n" });
    const r = await runLint({ root: dir });
    expect(r.findings.map((f) => `${f.line}:${f.column}-${f.endLine}:${f.endColumn}`)).toEqual(['2:10-2:17']);
  });
});
