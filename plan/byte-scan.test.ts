// The scan thread needs the compiled script, so this runs the built library (npm test builds
// dist/ first) and checks that a scan on a thread hands over exactly the hits an in-thread scan
// finds, in the same order, and that the caller's other work runs once, before any hit is handed over.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { REPO } from '../tests/helpers/cli.js';
import type * as ByteScan from './byte-scan.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mu-byte-scan-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const load = async (): Promise<typeof ByteScan> => (await import(pathToFileURL(path.join(REPO, 'dist/plan/byte-scan.js')).href)) as typeof ByteScan;

/** Files with a needle at their start, middle or end, look-alikes, and one that is gone when scanned. */
function corpus(count: number): string[] {
  const files: string[] = [];
  for (let i = 0; i < count; i++) {
    const name = `d${i % 9}/m${i}.ts`;
    const filler = 'const x = 1;\n'.repeat(i % 50);
    const text = i % 97 === 0 ? `USER_ID${filler}` : i % 89 === 0 ? `${filler}export * from './a';` : i % 83 === 0 ? `${filler}export const y = USER_I;` : i % 211 === 0 ? `${filler}USER_ID` : filler;
    fs.mkdirSync(path.join(dir, path.dirname(name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
    files.push(name);
  }
  files.splice(700, 0, 'd0/gone.ts');
  return files;
}

it('a scan on a thread and one in this thread hand over the same hits, in file order', async () => {
  const { scanFiles, scanHere, SCAN_THREAD_MIN_FILES } = await load();
  const files = corpus(SCAN_THREAD_MIN_FILES + 300);
  const input = { root: dir, files, needles: ['USER_ID', 'export *'] };

  const here: Array<[number, boolean]> = [];
  scanHere(input, 0, (i, bytes) => here.push([i, bytes !== undefined]), () => {});
  const hits = here.map(([i]) => i);
  expect(hits.map((i) => files[i])).toContain('d0/gone.ts');
  expect(here.find(([i]) => files[i] === 'd0/gone.ts')![1]).toBe(false);
  expect(hits.length).toBeGreaterThan(20);
  expect(hits).toEqual([...hits].sort((a, b) => a - b));

  const events: string[] = [];
  const threaded: number[] = [];
  let progress = 0;
  await scanFiles(input, {
    hit: (i, bytes) => {
      events.push('hit');
      expect(bytes).toBeUndefined();
      threaded.push(i);
    },
    progress: (upTo) => (progress = upTo),
    meanwhile: () => events.push('meanwhile'),
  });
  expect(threaded).toEqual(hits);
  expect(progress).toBe(files.length);
  expect(events.filter((e) => e === 'meanwhile')).toHaveLength(1);
  expect(events[0]).toBe('meanwhile');
});

it('a small project is scanned in this thread, with bytes and without the other work', async () => {
  const { scanFiles } = await load();
  const files = corpus(200).filter((f) => f !== 'd0/gone.ts');
  const seen: number[] = [];
  let meanwhile = 0;
  await scanFiles(
    { root: dir, files, needles: ['USER_ID'] },
    {
      hit: (i, bytes) => {
        expect(bytes!.includes('USER_ID')).toBe(true);
        seen.push(i);
      },
      meanwhile: () => meanwhile++,
    },
  );
  expect(seen.map((i) => files[i])).toEqual(files.filter((f) => fs.readFileSync(path.join(dir, f)).includes('USER_ID')));
  expect(meanwhile).toBe(0);
});
