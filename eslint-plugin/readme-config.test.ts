// The README's ESLint setup, copied as a user would: its install line and its config, read from
// the README itself so that the two cannot drift, run by the real ESLint binary on TypeScript.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../tests/helpers/cli.js';
import { tempDir, writeTree } from '../tests/helpers/tree.js';

const ESLINT_BIN = path.join(REPO, 'node_modules/eslint/bin/eslint.js');

/** The fenced blocks of one README section, in order, with their language. */
function sectionBlocks(heading: string): Array<{ lang: string; text: string }> {
  const readme = fs.readFileSync(path.join(REPO, 'README.md'), 'utf8');
  const start = readme.indexOf(`\n## ${heading}\n`);
  expect(start, `README section "${heading}"`).toBeGreaterThan(-1);
  const end = readme.indexOf('\n## ', start + 1);
  const section = readme.slice(start, end === -1 ? undefined : end);
  return [...section.matchAll(/^```(\w+)\n([\s\S]*?)^```$/gm)].map((m) => ({ lang: m[1]!, text: m[2]! }));
}

const blocks = sectionBlocks('Use the rules in ESLint');
const configs = blocks.filter((b) => b.lang === 'js');

/** A project that installed what the README says: packages linked from this checkout's node_modules. */
function project(packages: string[], files: Record<string, string>): string {
  const root = tempDir('mu-eslint-readme-');
  writeTree(root, { 'package.json': JSON.stringify({ name: 'app', private: true }), ...files });
  for (const name of packages) {
    const target = name === 'migrate-users' ? REPO : path.join(REPO, 'node_modules', name);
    fs.mkdirSync(path.dirname(path.join(root, 'node_modules', name)), { recursive: true });
    fs.symlinkSync(target, path.join(root, 'node_modules', name), 'dir');
  }
  return root;
}

/** Writes a README config under the file name its first comment gives, and runs `npx eslint .`. */
function eslint(root: string, config: string): { status: number | null; stdout: string; stderr: string } {
  const file = /^\/\/ (eslint\.config\.\w+)/.exec(config)?.[1];
  expect(file, 'the config block starts with its file name').toBeDefined();
  fs.writeFileSync(path.join(root, file!), config);
  const r = spawnSync(process.execPath, [ESLINT_BIN, '--format', 'json', '.'], { cwd: root, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface EslintFileResult {
  filePath: string;
  messages: Array<{ ruleId: string | null; line: number; message: string; fatal?: boolean }>;
}

// TypeScript that espree cannot parse: types, an interface, generics, `as`, an enum.
const TS_APP = {
  'src/config/settings.ts': "export const USER_ID: string = process.env.USER_ID ?? 'default_user';\n",
  'src/services/session.ts': [
    "import Database from 'better-sqlite3';",
    "import { USER_ID } from '../config/settings';",
    '',
    'export enum SessionState { Open, Closed }',
    'export interface Session<T> { user: string; state: SessionState; data: T }',
    '',
    'export function openSession<T>(data: T): Session<T> {',
    "  const db = new Database('sessions.db') as unknown as { close(): void };",
    '  db.close();',
    '  return { user: USER_ID, state: SessionState.Open, data };', // the import is the finding, not each read
    '}',
    '',
  ].join('\n'),
};

describe("the README's ESLint setup", () => {
  it('installs ESLint, the TypeScript parser and migrate-users', () => {
    const install = blocks.find((b) => b.lang === 'sh')!.text;
    expect(install).toMatch(/npm install --save-dev .*\beslint\b/);
    expect(install).toContain('@typescript-eslint/parser');
    expect(install).toContain('migrate-users');
  });

  it('reports the findings in a TypeScript project with exactly the config shown first, as its lint profile has them', () => {
    const root = project(['migrate-users', '@typescript-eslint/parser'], TS_APP);
    const found = (): string[] => {
      const r = eslint(root, configs[0]!.text);
      expect(r.status, r.stderr).toBe(1);
      const results = JSON.parse(r.stdout) as EslintFileResult[];
      return results.flatMap((f) => f.messages.map((m) => `${path.relative(root, f.filePath)}:${m.line} ${m.ruleId}`)).sort();
    };
    // A project of neither app: direct-db is off there, as in `migrate-users lint`.
    expect(found()).toEqual(['src/services/session.ts:2 migrate-users/static-user-id']);
    // The same code in a continuum checkout (its data dir): direct-db is on.
    writeTree(root, { '.continuum/users/.keep': '' });
    expect(found()).toEqual([
      'src/services/session.ts:1 migrate-users/direct-db',
      'src/services/session.ts:2 migrate-users/static-user-id',
      'src/services/session.ts:8 migrate-users/direct-db',
    ]);
  });

  it('says what to install when the project has no TypeScript parser, instead of passing silently', () => {
    const root = project(['migrate-users'], TS_APP);
    const r = eslint(root, configs[0]!.text);
    expect(r.status).toBe(1);
    const fatal = (JSON.parse(r.stdout) as EslintFileResult[]).flatMap((f) => f.messages.filter((m) => m.fatal).map((m) => `${path.relative(root, f.filePath)}: ${m.message}`));
    expect(fatal.sort()).toEqual([
      'src/config/settings.ts: Parsing error: migrate-users/eslint-plugin reads settings.ts with @typescript-eslint/parser, which this project does not have: npm install --save-dev @typescript-eslint/parser',
      'src/services/session.ts: Parsing error: migrate-users/eslint-plugin reads session.ts with @typescript-eslint/parser, which this project does not have: npm install --save-dev @typescript-eslint/parser',
    ]);
  });

  it('the continuum sample config gives the problem count the README shows', () => {
    const root = project(['migrate-users', '@typescript-eslint/parser'], {});
    fs.cpSync(path.join(REPO, 'fixtures/continuum-app'), root, { recursive: true });
    const r = eslint(root, configs[1]!.text);
    const results = JSON.parse(r.stdout) as EslintFileResult[];
    expect(results.flatMap((f) => f.messages.filter((m) => m.fatal || !m.ruleId?.startsWith('migrate-users/')))).toEqual([]);
    const count = (severity: number): number => results.reduce((n, f) => n + f.messages.filter((m) => (m as { severity?: number }).severity === severity).length, 0);
    const shown = /✖ (\d+) problems \((\d+) errors, (\d+) warnings\)\n```\n\n— the \d+ TypeScript/.exec(fs.readFileSync(path.join(REPO, 'README.md'), 'utf8'));
    expect(shown, 'the README shows the count after the continuum config').not.toBeNull();
    expect([count(2) + count(1), count(2), count(1)]).toEqual([Number(shown![1]), Number(shown![2]), Number(shown![3])]);
  });
});
