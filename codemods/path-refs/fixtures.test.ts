// jscodeshift-style fixture runner for every path-refs front end: each
// `__testfixtures__/<case>.input.<ext>` is rewritten with a continuum (or persag) plan's
// relocations and compared with `<case>.output.<ext>` (no output file: the case stays unchanged).
// An optional `<case>.json` sets the project path, the relocations (`continuum`, `persag`),
// other project files the case reads (`files`), and the expected plan errors and warnings by line.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { relocations as continuumRelocations, DEFAULT_LEGACY_DATABASES } from '../../migrators/continuum-users/index.js';
import { loc } from '../../plan/paths.js';
import { applySplices } from '../../plan/text.js';
import type { Relocation } from '../../plan/types.js';
import { frontEndFor } from './index.js';

const DIR = path.join(import.meta.dirname, '__testfixtures__');
// Python cases have their own runner (python.fixtures.test.ts), with a persag-like project around them.
const INPUT = /^(.+)\.input(\.(?!py$)[^.]+)$/;

const RELOCATIONS: Record<string, Relocation[]> = {
  continuum: continuumRelocations(loc('project', '.continuum/personas'), loc('project', '.continuum/users'), DEFAULT_LEGACY_DATABASES),
  persag: [
    { source: 'persag-home', type: 'file', from: loc('project', 'env.userid'), to: loc('home', '.persag/env.userid') },
    { source: 'persag-home', type: 'dir', from: loc('project', 'lightrag_server'), to: loc('home', '.persag/lightrag_server') },
    { source: 'persag-home', type: 'dir', from: loc('project', 'lightrag_memory_server'), to: loc('home', '.persag/lightrag_memory_server') },
  ],
};

/** What the continuum profile passes; a case's `options` replace it. */
const PROFILE_OPTIONS = { resolvers: ['UserDirectoryManager'] };

interface Sidecar {
  fileName?: string;
  relocations?: keyof typeof RELOCATIONS;
  files?: Record<string, string>;
  options?: Record<string, unknown>;
  errors?: { line: number }[];
  warnings?: { code: string; line: number }[];
}

const projects: string[] = [];
afterAll(() => projects.forEach((p) => fs.rmSync(p, { recursive: true, force: true })));

function project(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'mu-path-refs-'));
  projects.push(root);
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  }
  return root;
}

const cases = fs.readdirSync(DIR).flatMap((f) => {
  const m = INPUT.exec(f);
  return m ? [{ name: m[1]!, ext: m[2]! }] : [];
});

describe('path-refs fixtures', () => {
  it('has fixtures', () => expect(cases.length).toBeGreaterThan(5));

  for (const { name, ext } of cases) {
    const sidecarPath = path.join(DIR, `${name}.json`);
    const sidecar: Sidecar = fs.existsSync(sidecarPath) ? JSON.parse(fs.readFileSync(sidecarPath, 'utf8')) : {};
    const file = sidecar.fileName ?? `src/app/${name}${ext}`;
    const input = fs.readFileSync(path.join(DIR, `${name}.input${ext}`), 'utf8');
    const outputPath = path.join(DIR, `${name}.output${ext}`);
    const expected = fs.existsSync(outputPath) ? fs.readFileSync(outputPath, 'utf8') : input;
    const relocations = RELOCATIONS[sidecar.relocations ?? 'continuum']!;
    const run = async (text: string) => {
      const frontEnd = frontEndFor(file);
      if (!frontEnd) throw new Error(`no front end reads ${file}`);
      const root = project({ ...sidecar.files, [file]: text });
      return frontEnd.rewrite({ file, text, roots: { project: root, home: path.join(root, '.home') }, relocations, options: sidecar.options ?? PROFILE_OPTIONS });
    };

    it(`${name}${ext}`, async () => {
      const out = await run(input);
      expect(applySplices(input, out.splices)).toBe(expected);
      expect(out.errors.map((e) => ({ line: Number(/:(\d+):/.exec(e.message)?.[1]) }))).toEqual(sidecar.errors ?? []);
      for (const e of out.errors) expect(e.paths).toEqual([expect.stringMatching(new RegExp(`^${file}:\\d+$`))]);
      expect(out.warnings.map((w) => ({ code: w.code, line: w.line }))).toEqual(sidecar.warnings ?? []);
    });

    it(`${name}${ext} is idempotent`, async () => {
      const again = await run(expected);
      expect(again.splices).toEqual([]);
      expect(again.errors.length).toBe((sidecar.errors ?? []).length);
    });
  }
});
