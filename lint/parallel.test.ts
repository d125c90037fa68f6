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

const CANDIDATES = 300;

it('parallel and in-process runs agree', async () => {
  const lint = (await import(pathToFileURL(path.join(REPO, 'dist/lint/index.js')).href)) as typeof Lint;
  writeCorpus(CANDIDATES);
  const serial = await lint.runLint({ root: dir, threads: 1 });
  const parallel = await lint.runLint({ root: dir, threads: 2 });
  const three = await lint.runLint({ root: dir, threads: 3 });
  expect(serial.stats.workers).toBe(1);
  expect(parallel.stats.workers).toBe(2);
  expect(three.stats.workers).toBe(3);
  expect(parallel.stats.candidates).toBe(CANDIDATES + 20);
  expect(parallel.stats.parsed).toBe(CANDIDATES + 20);
  expect(parallel.findings).toEqual(serial.findings);
  expect(three.findings).toEqual(serial.findings);
  expect(parallel.findings.length).toBeGreaterThan(2 * parallel.stats.candidates);
});

it('starts no worker when no file is a candidate', async () => {
  const lint = (await import(pathToFileURL(path.join(REPO, 'dist/lint/index.js')).href)) as typeof Lint;
  const clean = fs.mkdtempSync(path.join(os.tmpdir(), 'mu-lint-parallel-clean-'));
  try {
    for (let i = 0; i < 50; i++) fs.writeFileSync(path.join(clean, `m${i}.ts`), `export const value${i} = ${i};\n`);
    const result = await lint.runLint({ root: clean, threads: 2 });
    expect(result.stats).toMatchObject({ files: 50, candidates: 0, parsed: 0, workers: 1 });
  } finally {
    fs.rmSync(clean, { recursive: true, force: true });
  }
});

it('lints a few large, documented files on both threads, finding what is deep inside them', async () => {
  const lint = (await import(pathToFileURL(path.join(REPO, 'dist/lint/index.js')).href)) as typeof Lint;
  const big = fs.mkdtempSync(path.join(os.tmpdir(), 'mu-lint-parallel-big-'));
  try {
    // Documented library code: few files, long ones with JSDoc everywhere, each a candidate,
    // enough left when the main thread has read them all for it to join the worker.
    const unit = '/**\n * Keeps the last value.\n * @example\n * setTimeout(() => keep(1), 10)\n */\nexport const keep = <A>(a: A): A => a;\n';
    const body = unit.repeat(Math.ceil(lint.MAIN_JOINS_AT_COST / 3 / unit.length));
    const lines = body.split('\n').length + 2;
    const tail = 'export function poll() {\n  /** Again, later. */\n  setTimeout(poll, 1000);\n}\n';
    for (let i = 0; i < 4; i++) fs.writeFileSync(path.join(big, `big${i}.ts`), `import { USER_ID } from './config/settings';\nexport const owner${i} = USER_ID;\n${body}${tail}`);
    const serial = await lint.runLint({ root: big, threads: 1 });
    const parallel = await lint.runLint({ root: big, threads: 2 });
    expect(parallel.stats.candidates).toBe(4);
    expect(parallel.stats.workers).toBe(2);
    expect(parallel.findings).toEqual(serial.findings);
    expect(parallel.findings.map((f) => [f.file, f.ruleId, f.line, f.column])).toEqual(
      [0, 1, 2, 3].flatMap((i) => [
        [`big${i}.ts`, 'static-user-id', 1, 10],
        [`big${i}.ts`, 'polling-timeout', lines + 2, 3],
      ]),
    );
  } finally {
    fs.rmSync(big, { recursive: true, force: true });
  }
});

it('reads a large project on a reader thread and finds what reading in the main thread finds', async () => {
  const lint = (await import(pathToFileURL(path.join(REPO, 'dist/lint/index.js')).href)) as typeof Lint;
  const large = fs.mkdtempSync(path.join(os.tmpdir(), 'mu-lint-parallel-large-'));
  try {
    for (let i = 0; i < lint.READER_MIN_FILES + 50; i++) {
      const sub = path.join(large, `pkg${i % 13}`);
      fs.mkdirSync(sub, { recursive: true });
      const body =
        i % 97 === 0
          ? `import { USER_ID } from '../config/settings';\n// café\nexport const owner${i} = USER_ID;\n`
          : i % 89 === 0
            ? `export function poll${i}() {\n  setTimeout(poll${i}, 500);\n}\n`
            : `export const value${i} = ${i};\n`;
      fs.writeFileSync(path.join(sub, `m${i}.ts`), body);
    }
    fs.writeFileSync(path.join(large, 'pkg0', 'blob.ts'), Buffer.from([0x63, 0x6f, 0x00, 0x01, 0x02]));
    fs.writeFileSync(path.join(large, 'pkg1', 'latin1.ts'), Buffer.from('export const s = "caf\xe9";\n', 'latin1'));
    const threaded = await lint.runLint({ root: large, threads: 1 });
    // With a cache, the main thread reads every file itself.
    const here = await lint.runLint({ root: large, threads: 1, cache: path.join(os.tmpdir(), `mu-lint-cache-${process.pid}.json`) });
    fs.rmSync(path.join(os.tmpdir(), `mu-lint-cache-${process.pid}.json`), { force: true });
    expect(threaded.stats.files).toBe(lint.READER_MIN_FILES + 52);
    expect(threaded.findings).toEqual(here.findings);
    expect(threaded.parseErrors).toEqual(here.parseErrors);
    expect(threaded.parseErrors.map((e) => [e.file, e.message])).toEqual([
      ['pkg0/blob.ts', 'binary file, cannot lint it'],
      ['pkg1/latin1.ts', 'not valid UTF-8, cannot lint it'],
    ]);
    expect(new Set(threaded.findings.map((f) => f.ruleId))).toEqual(new Set(['static-user-id', 'polling-timeout']));
    expect(threaded.stats.candidates).toBe(here.stats.candidates);
  } finally {
    fs.rmSync(large, { recursive: true, force: true });
  }
});

it("a large project's facts reach the rules when its files are read on a reader thread (key-name modules)", async () => {
  const lint = (await import(pathToFileURL(path.join(REPO, 'dist/lint/index.js')).href)) as typeof Lint;
  const large = fs.mkdtempSync(path.join(os.tmpdir(), 'mu-lint-parallel-facts-'));
  const cache = path.join(os.tmpdir(), `mu-lint-facts-cache-${process.pid}.json`);
  try {
    // The Vuex app's mutation types define USER_ID as a key name: their importers are no finding;
    // a real settings module next to it is one.
    fs.cpSync(path.join(REPO, 'fixtures/vuex-app'), large, { recursive: true });
    fs.mkdirSync(path.join(large, 'src/config'), { recursive: true });
    fs.writeFileSync(path.join(large, 'src/config/settings.ts'), "export const USER_ID = process.env.VUE_APP_USER_ID ?? 'default_user'\n");
    fs.writeFileSync(path.join(large, 'src/profile.ts'), "import { USER_ID } from './config/settings'\nexport const owner = () => `/users/${USER_ID}`\n");
    for (let i = 0; i < lint.READER_MIN_FILES; i++) {
      const sub = path.join(large, 'src/generated', `pkg${i % 13}`);
      fs.mkdirSync(sub, { recursive: true });
      fs.writeFileSync(path.join(sub, `m${i}.ts`), `export const value${i} = ${i};\n`);
    }
    const staticUserId = (r: Awaited<ReturnType<typeof lint.runLint>>): string[] => r.findings.filter((f) => f.ruleId === 'static-user-id').map((f) => `${f.file}:${f.line}`);
    const threaded = await lint.runLint({ root: large });
    // With a cache, the main thread reads every file itself.
    const here = await lint.runLint({ root: large, cache });
    expect(threaded.stats.files).toBeGreaterThan(lint.READER_MIN_FILES);
    expect(staticUserId(threaded)).toEqual(['src/profile.ts:1']);
    expect(threaded.findings).toEqual(here.findings);
  } finally {
    fs.rmSync(large, { recursive: true, force: true });
    fs.rmSync(cache, { force: true });
  }
});
