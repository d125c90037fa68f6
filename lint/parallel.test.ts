// Worker threads need the compiled worker script, so this runs the built library (npm test
// builds dist/ first) and checks that a parallel run finds exactly what an in-process run finds.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { REPO } from '../tests/helpers/cli.js';
import type * as Lint from './index.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mu-lint-parallel-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function writeCorpus(candidates: number): void {
  for (let i = 0; i < candidates; i++) {
    const sub = path.join(dir, i % 2 ? 'daemons/user-daemon' : 'system/user', `m${i % 7}`);
    fs.mkdirSync(sub, { recursive: true });
    const body = [
      "import { USER_ID } from '../../config/settings';",
      `export const owner${i} = () => USER_ID;`,
      i % 3 === 0 ? `export class Store${i}Manager {}` : `export class Store${i} {}`,
      `export function poll${i}() { setTimeout(() => poll${i}(), ${i}); }`,
      i % 5 === 0 ? "const d = new Database('state.db');" : '',
      'def_py = 1;',
      '',
    ].join('\n');
    fs.writeFileSync(path.join(sub, `file${i}.ts`), body);
  }
  for (let i = 0; i < 20; i++) fs.writeFileSync(path.join(dir, `tool${i}.py`), 'import sqlite3\nfrom app.config.settings import USER_ID\nconn = sqlite3.connect("x")\n');
}

it('parallel and in-process runs agree', async () => {
  const lint = (await import(pathToFileURL(path.join(REPO, 'dist/lint/index.js')).href)) as typeof Lint;
  writeCorpus(lint.PARALLEL_THRESHOLD + 100);
  const serial = await lint.runLint({ root: dir, threads: 1 });
  const parallel = await lint.runLint({ root: dir, threads: 2 });
  expect(serial.stats.workers).toBe(1);
  expect(parallel.stats.workers).toBe(2);
  expect(parallel.stats.candidates).toBe(lint.PARALLEL_THRESHOLD + 120);
  expect(parallel.findings).toEqual(serial.findings);
  expect(parallel.findings.length).toBeGreaterThan(2 * parallel.stats.candidates);
});

it('spreads a few large candidate files over threads too', async () => {
  const lint = (await import(pathToFileURL(path.join(REPO, 'dist/lint/index.js')).href)) as typeof Lint;
  const big = fs.mkdtempSync(path.join(os.tmpdir(), 'mu-lint-parallel-big-'));
  try {
    // Documented library code: few files, long ones, each a candidate.
    const unit = '/**\n * Keeps the last value.\n */\nexport const keep = <A>(a: A): A => a;\n';
    const body = unit.repeat(Math.ceil(lint.PARALLEL_THRESHOLD_CHARS / 3 / unit.length));
    for (let i = 0; i < 4; i++) fs.writeFileSync(path.join(big, `big${i}.ts`), `import { USER_ID } from './config/settings';\nexport const owner${i} = USER_ID;\n${body}`);
    const serial = await lint.runLint({ root: big, threads: 1 });
    const parallel = await lint.runLint({ root: big, threads: 2 });
    expect(parallel.stats.candidates).toBe(4);
    expect(parallel.stats.workers).toBe(2);
    expect(parallel.findings).toEqual(serial.findings);
    expect(parallel.findings.map((f) => f.file)).toEqual(['big0.ts', 'big1.ts', 'big2.ts', 'big3.ts']);
  } finally {
    fs.rmSync(big, { recursive: true, force: true });
  }
});
