// Every `__testfixtures__/python-<name>.input.py` / `.output.py` pair runs through the Python
// front end inside a small persag-like project on disk (the settings module defines USER_ID, so
// the home accessor is imported from it). `<name>.meta.json` gives the file's project path and
// the expected plan errors (`{line, names}`); without one no error is expected.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { applySplices } from '../../plan/text.js';
import type { PlanError, Relocation } from '../../plan/types.js';
import { pythonFrontEnd } from './python.js';

const PROJECT: Readonly<Record<string, string>> = {
  'src/personal_agent/__init__.py': '',
  'src/personal_agent/config/__init__.py': 'from .settings import USER_ID\n',
  'src/personal_agent/config/settings.py': 'import os\nUSER_ID = os.getenv("USER_ID", "default_user")\n',
  'src/personal_agent/core/__init__.py': '',
};

const project = (p: string) => ({ root: 'project' as const, path: p });
const home = (p: string) => ({ root: 'home' as const, path: p });
const RELOCATIONS: Relocation[] = [
  { source: 'persag-home', type: 'file', from: project('env.userid'), to: home('.persag/env.userid') },
  { source: 'persag-home', type: 'dir', from: project('lightrag_server'), to: home('.persag/lightrag_server') },
  { source: 'persag-home', type: 'dir', from: project('lightrag_memory_server'), to: home('.persag/lightrag_memory_server') },
];
const OPTIONS = { pythonHomeAccessor: 'persag_home', pythonHomeDir: '.persag' };

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), '__testfixtures__');
const names = fs.readdirSync(dir).filter((f) => /^python-.*\.input\.py$/.test(f)).map((f) => f.slice(0, -'.input.py'.length)).sort();
const read = (f: string) => fs.readFileSync(path.join(dir, f), 'utf8');

interface Meta {
  file?: string;
  errors?: { line: number; names: string }[];
}
const metaOf = (name: string): Meta => (fs.existsSync(path.join(dir, `${name}.meta.json`)) ? (JSON.parse(read(`${name}.meta.json`)) as Meta) : {});

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'path-refs-py-'));
for (const [rel, text] of Object.entries(PROJECT)) {
  fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  fs.writeFileSync(path.join(root, rel), text);
}
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

async function run(text: string, file: string) {
  const out = await pythonFrontEnd.rewrite({
    file, text, roots: { project: root }, relocations: RELOCATIONS, options: OPTIONS, projectFiles: [...Object.keys(PROJECT), file].sort(),
  });
  return { ...out, output: applySplices(text, out.splices) };
}

function errorsOf(errors: readonly PlanError[]): Array<{ line: number; names?: string }> {
  return errors.map((e) => ({ line: Number(/:(\d+): /.exec(e.message)?.[1]), names: /names (\S+),/.exec(e.message)?.[1] }))
    .sort((a, b) => a.line - b.line || String(a.names).localeCompare(String(b.names)));
}

const python = spawnSync('python3', ['--version']).status === 0 ? 'python3' : undefined;

describe('path-refs Python fixtures', () => {
  it('has fixtures', () => expect(names.length).toBeGreaterThan(2));

  for (const name of names) {
    describe(name, () => {
      const meta = metaOf(name);
      const file = meta.file ?? `src/personal_agent/core/${name.replace(/-/g, '_')}.py`;

      it('rewrites input into output with the expected plan errors', async () => {
        const result = await run(read(`${name}.input.py`), file);
        expect(result.output).toBe(read(`${name}.output.py`));
        expect(errorsOf(result.errors)).toEqual(meta.errors ?? []);
        for (const e of result.errors) expect(e.message.startsWith(`${file}:`)).toBe(true);
      });

      it('is idempotent: nothing more to rewrite, the same places reported', async () => {
        const result = await run(read(`${name}.output.py`), file);
        expect(result.splices).toEqual([]);
        // Lines may have moved (an added import); the places reported are the same.
        expect(errorsOf(result.errors).map((e) => e.names)).toEqual((meta.errors ?? []).map((e) => e.names));
      });

    });
  }
});

describe('path-refs Python fixture outputs compile', () => {
  it('py_compile accepts every output', () => {
    if (!python) return console.warn('[path-refs] python3 not found: py_compile of fixture outputs SKIPPED');
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'path-refs-compile-'));
    try {
      const targets = names.map((name) => {
        const target = path.join(tmp, `${name.replace(/-/g, '_')}.py`);
        fs.copyFileSync(path.join(dir, `${name}.output.py`), target);
        return target;
      });
      execFileSync(python, ['-m', 'py_compile', ...targets], { stdio: 'pipe' });
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});
