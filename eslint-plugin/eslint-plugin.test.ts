// The ESLint plugin and `migrate-users lint` must report the same findings: both are run on the
// same trees (the continuum sample and edge cases), through ESLint's own API and runLint.
import fs from 'node:fs';
import path from 'node:path';
import { ESLint, type Linter } from 'eslint';
import tsParser from '@typescript-eslint/parser';
import { describe, expect, it } from 'vitest';
import { runLint } from '../lint/index.js';
import { languageOf, TS_EXTENSIONS } from '../parse/languages.js';
import { lintRules } from '../lint/rules/index.js';
import { ProjectFiles } from '../plan/files.js';
import { REPO } from '../tests/helpers/cli.js';
import { tempDir, writeTree } from '../tests/helpers/tree.js';
import migrateUsers from './index.js';

type LintSection = { rules?: Record<string, unknown>; ignore?: string[] };

function readConfig(root: string): { lint?: LintSection } {
  const file = path.join(root, 'migrate-users.config.json');
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as { lint?: LintSection }) : {};
}

/** The project's `lint.rules` written as ESLint rule settings: the shapes are the same. */
function eslintRules(section: LintSection | undefined): Linter.RulesRecord {
  return Object.fromEntries(Object.entries(section?.rules ?? {}).map(([id, v]) => [`migrate-users/${id}`, v as Linter.RuleEntry]));
}

const line = (f: { file: string; line: number; column: number; severity: string; ruleId: string; message: string }): string =>
  `${f.file}:${f.line}:${f.column} ${f.severity} ${f.ruleId} ${f.message}`;

async function viaCli(root: string): Promise<string[]> {
  const result = await runLint({ root });
  expect(result.parseErrors.filter((p) => languageOf(p.file) === 'ts')).toEqual([]);
  return result.findings.filter((f) => languageOf(f.file) === 'ts').map(line).sort();
}

/** ESLint on exactly the files the CLI lints (ESLint itself does not read .gitignore). */
async function viaEslint(root: string): Promise<string[]> {
  const config = readConfig(root);
  const files = await new ProjectFiles(root, config.lint?.ignore ?? []).list(TS_EXTENSIONS);
  const eslint = new ESLint({
    cwd: root,
    overrideConfigFile: true,
    overrideConfig: [
      ...migrateUsers.recommendedFor(root),
      // Temp trees have no node_modules for the recommended config to find the parser in.
      { files: ['**/*.{js,jsx,mjs,cjs}'], languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } } },
      { files: ['**/*.{ts,tsx,mts,cts}'], languageOptions: { parser: tsParser } },
      { rules: eslintRules(config.lint) },
    ],
  });
  const results = await eslint.lintFiles(files);
  const out: string[] = [];
  for (const r of results) {
    for (const m of r.messages) {
      expect(m.ruleId, `${r.filePath}: ${m.message}`).not.toBeNull();
      const file = path.relative(root, r.filePath).split(path.sep).join('/');
      out.push(line({ file, line: m.line, column: m.column, severity: m.severity === 2 ? 'error' : 'warn', ruleId: m.ruleId!.replace(/^migrate-users\//, ''), message: m.message }));
    }
  }
  return out.sort();
}

describe('migrate-users/eslint-plugin', () => {
  it('exposes every lint rule, and a recommended config with the rules the project\'s lint profile runs', () => {
    const continuum = tempDir('mu-eslint-');
    writeTree(continuum, { '.continuum/users/.keep': '' });
    const generic = tempDir('mu-eslint-');
    const severities = (dir: string) => {
      const config = migrateUsers.recommendedFor(dir).find((c) => c.rules)!;
      expect(config.plugins?.['migrate-users']).toBe(migrateUsers);
      return Object.fromEntries(Object.entries(config.rules!).map(([id, s]) => [id.replace(/^migrate-users\//, ''), s]));
    };
    expect(migrateUsers.meta.name).toBe('migrate-users');
    for (const rule of lintRules) expect(migrateUsers.rules[rule.id]).toBeDefined();
    expect(severities(continuum)).toEqual({ 'static-user-id': 'error', 'manager-class': 'warn', 'direct-db': 'error', 'polling-timeout': 'warn', 'legacy-user-path': 'warn', 'unused-suppression': 'warn' });
    // Outside continuum and persag the app-specific rules are off, as in `migrate-users lint`.
    expect(severities(generic)).toEqual({ 'static-user-id': 'error', 'manager-class': 'off', 'direct-db': 'off', 'polling-timeout': 'warn', 'legacy-user-path': 'off', 'unused-suppression': 'warn' });
    expect(migrateUsers.configs.recommended).toEqual(migrateUsers.recommendedFor(process.cwd()));
  });

  it('reports the same findings as migrate-users lint on the continuum sample', async () => {
    const root = path.join(REPO, 'fixtures/continuum-app');
    const cli = await viaCli(root);
    expect(cli.length).toBeGreaterThan(10);
    expect(new Set(cli.map((l) => l.split(' ')[2]))).toEqual(new Set([...lintRules.map((r) => r.id), 'unused-suppression']));
    expect(await viaEslint(root)).toEqual(cli);
  });

  it('agrees on suppressions, options, BOM, CRLF, JSX and CommonJS', async () => {
    const root = tempDir('mu-eslint-');
    writeTree(root, {
      // A continuum checkout (its data dir), so both sides run every rule with continuum's advice.
      '.continuum/users/.keep': '',
      'migrate-users.config.json': JSON.stringify({
        lint: { rules: { 'polling-timeout': 'off', 'direct-db': ['error', { allowIn: ['store/**'] }] } },
      }),
      'src/a.ts': [
        "import { USER_ID } from './config/settings';",
        '// migrate-users-disable-next-line direct-db -- migrated next sprint',
        "import Database from 'better-sqlite3';",
        '// migrate-users-disable-next-line static-user-id',
        'export const dir = `${USER_ID}/.continuum/personas`;',
        '// migrate-users-disable-next-line manager-class',
        'export const nothingHere = 1;',
        '// migrate-users-disable-next-line polling-timeout -- rule is off: not unused',
        'setTimeout(function poll() { setTimeout(poll, 10); }, 10);',
        '// migrate-users-disable-next-line no-such-rule',
        'export const db = new Database("state.db");',
        '',
      ].join('\r\n'),
      'src/b.tsx': "\uFEFFimport { USER_ID } from '../config/settings';\nexport class CacheManager {}\nexport const C = () => <div>{USER_ID}</div>;\n",
      'src/c.cjs': "const sqlite3 = require('sqlite3');\nmodule.exports = new sqlite3.Database('.continuum/personas/x/state.sqlite');\n",
      'store/d.mjs': "import Database from 'better-sqlite3';\nexport const db = new Database('x');\n",
      'src/e.jsx': 'export const E = () => <p>{"fine"}</p>;\n',
    });
    const cli = await viaCli(root);
    expect(cli.length).toBeGreaterThan(6);
    expect(cli.some((l) => l.includes('unknown rule "no-such-rule"'))).toBe(true);
    expect(cli.some((l) => l.startsWith('store/'))).toBe(false);
    expect(await viaEslint(root)).toEqual(cli);
  });

  it('agrees in a project of neither app: the app-specific rules stay off', async () => {
    const root = tempDir('mu-eslint-');
    writeTree(root, {
      'src/jobs.ts': [
        "import Database from 'better-sqlite3';",
        "import { USER_ID } from './settings';",
        'export class JobManager {',
        '  start() { setInterval(() => this.tick(), 1000); }',
        '  tick() { return new Database(`.continuum/personas/${USER_ID}/state.sqlite`); }',
        '}',
        '',
      ].join('\n'),
    });
    const cli = await viaCli(root);
    expect(cli.map((l) => l.split(' ')[2])).toEqual(['static-user-id', 'polling-timeout']);
    expect(await viaEslint(root)).toEqual(cli);
  });

  it('agrees on the vuex sample: importers of a key-name module (export const USER_ID = \'USER_ID\'), relative or through a tsconfig alias, are no findings', async () => {
    const root = tempDir('mu-eslint-');
    try {
      fs.cpSync(path.join(REPO, 'fixtures/vuex-app'), root, { recursive: true });
      // A real read of the user id beside them, so that both sides report something.
      writeTree(root, {
        'src/config/settings.ts': "export const USER_ID = process.env.USER_ID ?? 'default_user';\n",
        'src/api/audit.ts': "import { USER_ID } from '../config/settings';\nexport const auditLog = () => `audit/${USER_ID}.log`;\n",
      });
      const cli = await viaCli(root);
      expect(cli.map((l) => l.split(':')[0])).toEqual(['src/api/audit.ts']);
      expect(await viaEslint(root)).toEqual(cli);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('rejects invalid rule options with our message', async () => {
    const eslint = new ESLint({
      cwd: tempDir('mu-eslint-'),
      overrideConfigFile: true,
      overrideConfig: [...migrateUsers.configs.recommended, { rules: { 'migrate-users/direct-db': ['error', { nope: true }] } }],
    });
    await expect(eslint.lintText('const a = 1;\n', { filePath: 'a.js' })).rejects.toThrow(/migrate-users\/direct-db: unknown option "nope"/);
  });
});
