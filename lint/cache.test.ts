// lint --cache: unchanged files are taken from the cache, changed ones linted again, and a
// change of what decides the outcome (config, rules, version) drops the cache.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_CACHE_FILE } from './cache.js';
import { runLint } from './index.js';

const temps: string[] = [];
afterEach(() => {
  for (const d of temps.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const POLL = 'export function poll() {\n  setTimeout(() => poll(), 1000);\n}\n';
const USER = "import { USER_ID } from '../config/settings';\nexport const owner = () => USER_ID;\n";

function project(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'mu-lint-cache-'));
  temps.push(root);
  const files: Record<string, string> = {
    'src/poller.ts': POLL,
    'src/owner.ts': USER,
    'src/plain.ts': 'export const two = 1 + 1;\n',
    'src/config/settings.ts': "export const USER_ID = 'u';\n",
  };
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  }
  return root;
}

const lint = (root: string, config?: Record<string, unknown>) => runLint({ root, cache: DEFAULT_CACHE_FILE, profile: 'continuum', ...(config ? { config } : {}) });
const where = (r: Awaited<ReturnType<typeof runLint>>) => r.findings.map((f) => `${f.file}:${f.line} ${f.ruleId}`);

describe('lint --cache', () => {
  it('a second run over an unchanged tree takes every file from the cache and reports the same', async () => {
    const root = project();
    const cold = await lint(root);
    expect(cold.stats.cached).toBe(0);
    expect(where(cold)).toEqual(['src/owner.ts:1 static-user-id', 'src/poller.ts:2 polling-timeout']);
    expect(fs.existsSync(path.join(root, DEFAULT_CACHE_FILE))).toBe(true);
    const warm = await lint(root);
    expect(warm.stats).toMatchObject({ files: 4, cached: 4, candidates: 0, parsed: 0 });
    expect(warm.findings).toEqual(cold.findings);
    expect(warm.exitCode).toBe(cold.exitCode);
  });

  it('a changed file is linted again; a file touched without a change is still taken from the cache', async () => {
    const root = project();
    await lint(root);
    fs.writeFileSync(path.join(root, 'src/plain.ts'), 'export function again() {\n  setInterval(() => again(), 10);\n}\n');
    const later = new Date(Date.now() + 5000);
    fs.utimesSync(path.join(root, 'src/owner.ts'), later, later);
    const run = await lint(root);
    expect(run.stats).toMatchObject({ cached: 3, candidates: 1, parsed: 1 });
    expect(where(run)).toEqual(['src/owner.ts:1 static-user-id', 'src/plain.ts:2 polling-timeout', 'src/poller.ts:2 polling-timeout']);
    // The fix is seen too: the finding goes away with the change that removes it.
    fs.writeFileSync(path.join(root, 'src/poller.ts'), 'export const poll = () => 1;\n');
    expect(where(await lint(root))).toEqual(['src/owner.ts:1 static-user-id', 'src/plain.ts:2 polling-timeout']);
  });

  it('a changed config drops the cache: every file is linted again under the new rules', async () => {
    const root = project();
    await lint(root);
    const off = await lint(root, { lint: { rules: { 'polling-timeout': 'off' } } });
    expect(off.stats.cached).toBe(0);
    expect(where(off)).toEqual(['src/owner.ts:1 static-user-id']);
    const options = await lint(root, { lint: { rules: { 'polling-timeout': 'off', 'static-user-id': ['error', { constant: 'OTHER_ID' }] } } });
    expect(options.stats.cached).toBe(0);
    expect(where(options)).toEqual([]);
  });

  it('a damaged cache file is ignored and written anew; files removed since drop out of it', async () => {
    const root = project();
    const cacheFile = path.join(root, DEFAULT_CACHE_FILE);
    await lint(root);
    fs.writeFileSync(cacheFile, '{"key": "x", "files": ');
    const rebuilt = await lint(root);
    expect(rebuilt.stats.cached).toBe(0);
    expect(where(rebuilt)).toEqual(['src/owner.ts:1 static-user-id', 'src/poller.ts:2 polling-timeout']);
    fs.rmSync(path.join(root, 'src/poller.ts'));
    await lint(root);
    expect(Object.keys(JSON.parse(fs.readFileSync(cacheFile, 'utf8')).files).sort()).toEqual(['src/config/settings.ts', 'src/owner.ts', 'src/plain.ts']);
  });
});
