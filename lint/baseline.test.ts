import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { UsageError } from '../plan/errors.js';
import { DEFAULT_BASELINE_FILE, runLint } from './index.js';

const temps: string[] = [];
afterEach(() => {
  for (const d of temps.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** A manager with main-thread work (nested loops), on one line. */
const manager = (name: string): string => `export class ${name}Manager { scan(rows: number[][]) { for (const r of rows) for (const v of r) void v; } }`;

const ORIGINAL = [
  "import Database from 'better-sqlite3';",
  'export function open(p: string) {',
  '  return new Database(p);',
  '}',
  manager('Cache'),
  '',
].join('\n');

function project(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mu-baseline-'));
  temps.push(dir);
  fs.mkdirSync(path.join(dir, 'src'));
  // A continuum checkout: every rule is on.
  fs.mkdirSync(path.join(dir, '.continuum'));
  fs.writeFileSync(path.join(dir, 'src/store.ts'), ORIGINAL);
  fs.writeFileSync(path.join(dir, 'src/other.py'), 'import sqlite3\nconn = sqlite3.connect("x.db")\n');
  return dir;
}

const write = (dir: string, rel: string, text: string): void => fs.writeFileSync(path.join(dir, rel), text);

describe('baseline', () => {
  it('round trip: update, edit above, add one, remove one', async () => {
    const dir = project();
    const updated = await runLint({ root: dir, updateBaseline: true });
    expect(updated.baseline).toMatchObject({ file: DEFAULT_BASELINE_FILE, updated: true, matched: 4, stale: [] });
    expect([updated.findings, updated.exitCode]).toEqual([[], 0]);
    const file = path.join(dir, DEFAULT_BASELINE_FILE);
    const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(doc.findings.map((e: { file: string; rule: string }) => `${e.file} ${e.rule}`)).toEqual([
      'src/other.py direct-db',
      'src/store.ts direct-db',
      'src/store.ts direct-db',
      'src/store.ts manager-class',
    ]);
    expect(Object.keys(doc.findings[0]).sort()).toEqual(['file', 'fingerprint', 'message', 'rule']);

    // Edits above the findings move their lines but not their fingerprints.
    write(dir, 'src/store.ts', `// storage helpers\n\n/** opens the store */\n${ORIGINAL.replace('open(p: string)', 'open(p: string /* path */)')}`);
    const moved = await runLint({ root: dir, baseline: DEFAULT_BASELINE_FILE });
    expect(moved.findings).toEqual([]);
    expect(moved.baseline).toMatchObject({ matched: 4, stale: [] });
    expect(moved.exitCode).toBe(0);

    // A new finding, even one identical to a known one, is new.
    write(dir, 'src/store.ts', `${fs.readFileSync(path.join(dir, 'src/store.ts'), 'utf8')}export const again = () => new Database(':memory:');\n${manager('Job')}\n`);
    const added = await runLint({ root: dir, baseline: DEFAULT_BASELINE_FILE });
    expect(added.findings.map((f) => `${f.ruleId}:${f.line}`)).toEqual(['direct-db:9', 'manager-class:10']);
    expect(added.exitCode).toBe(1);

    // Fixing a known finding leaves its entry stale.
    write(dir, 'src/other.py', 'conn = None\n');
    const fixed = await runLint({ root: dir, baseline: DEFAULT_BASELINE_FILE });
    expect(fixed.baseline?.stale.map((e) => `${e.file} ${e.rule}`)).toEqual(['src/other.py direct-db']);
    expect(fixed.findings).toHaveLength(2);
  });

  it('counts a second identical line as new (occurrence index)', async () => {
    const dir = project();
    write(dir, 'src/a.ts', `${manager('A')}\n`);
    await runLint({ root: dir, updateBaseline: true, paths: ['src/a.ts'] });
    write(dir, 'src/a.ts', `${manager('A')}\n${manager('A')}\n`);
    const r = await runLint({ root: dir, baseline: DEFAULT_BASELINE_FILE, paths: ['src/a.ts'] });
    expect(r.findings.map((f) => f.line)).toEqual([2]);
  });

  it('writes byte-identical files for the same findings, and prunes stale entries on update', async () => {
    const dir = project();
    await runLint({ root: dir, baseline: 'ci/lint-baseline.json', updateBaseline: true });
    const first = fs.readFileSync(path.join(dir, 'ci/lint-baseline.json'), 'utf8');
    const again = await runLint({ root: dir, baseline: 'ci/lint-baseline.json', updateBaseline: true });
    expect(fs.readFileSync(path.join(dir, 'ci/lint-baseline.json'), 'utf8')).toBe(first);
    expect(again.baseline?.stale).toEqual([]);
    write(dir, 'src/other.py', 'x = 1\n');
    const pruned = await runLint({ root: dir, baseline: 'ci/lint-baseline.json', updateBaseline: true });
    expect(pruned.baseline?.stale).toHaveLength(1);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'ci/lint-baseline.json'), 'utf8')).findings).toHaveLength(3);
  });

  it('refuses a missing or malformed baseline with a UsageError', async () => {
    const dir = project();
    await expect(runLint({ root: dir, baseline: 'missing.json' })).rejects.toThrow(/missing.json does not exist; create it with --update-baseline/);
    write(dir, 'bad.json', '{"version": 9, "findings": []}');
    const err = await runLint({ root: dir, baseline: 'bad.json' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UsageError);
  });
});
