// jscodeshift-style fixture runner for every path-refs front end (TypeScript/JavaScript, shell,
// compose and Docker files, Python): each `__testfixtures__/<case>.input.<ext>` is rewritten with a
// plan's relocations inside a small project on disk and compared with `<case>.output.<ext>` (no
// output file: the case stays unchanged), then rewritten again to show nothing more changes.
//
// A case runs in its language's setting: Python in a persag-like package (the settings module
// defines USER_ID, so the home accessor is imported from it) with persag's relocations and
// options; every other front end with a continuum plan's relocations and options. An optional
// sidecar, `<case>.json` or `<case>.meta.json`, changes it: `fileName` (or `file`), the project
// path; `relocations` (`continuum`, `persag`); `files`, other project files; `options`; the
// expected plan errors (`{ line, names? }`) and warnings (`{ code, line }`); `runs` (Python): the
// output runs as a script in its project, whose settings module defines the home accessor, and
// with `runsWhenImportFails` also when importing the settings module raises ImportError.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { relocations as continuumRelocations, DEFAULT_LEGACY_DATABASES } from '../../migrators/continuum-users/index.js';
import { loc } from '../../plan/paths.js';
import { applySplices } from '../../plan/text.js';
import type { PlanError, Relocation } from '../../plan/types.js';
import { fixturePairs } from '../../tests/helpers/fixture-pairs.js';
import { python3, runPythonScript } from '../../tests/helpers/python-script.js';
import { tempDir, writeTree } from '../../tests/helpers/tree.js';
import { frontEndFor } from './front-ends.js';

const DIR = path.join(import.meta.dirname, '__testfixtures__');

const RELOCATIONS: Record<string, Relocation[]> = {
  continuum: continuumRelocations(loc('project', '.continuum/personas'), loc('project', '.continuum/users'), DEFAULT_LEGACY_DATABASES),
  persag: [
    { source: 'persag-home', type: 'file', from: loc('project', 'env.userid'), to: loc('home', '.persag/env.userid') },
    { source: 'persag-home', type: 'dir', from: loc('project', 'lightrag_server'), to: loc('home', '.persag/lightrag_server') },
    { source: 'persag-home', type: 'dir', from: loc('project', 'lightrag_memory_server'), to: loc('home', '.persag/lightrag_memory_server') },
  ],
};

interface Setting {
  relocations: keyof typeof RELOCATIONS;
  /** What the profile passes; a case's `options` replace it. */
  options: Record<string, unknown>;
  files: Record<string, string>;
  fileName(name: string, ext: string): string;
}

const CONTINUUM: Setting = {
  relocations: 'continuum',
  options: { resolvers: ['UserDirectoryManager'] },
  files: {},
  fileName: (name, ext) => `src/app/${name}${ext}`,
};

const PERSAG_PYTHON: Setting = {
  relocations: 'persag',
  options: { pythonHomeAccessor: 'persag_home', pythonHomeDir: '.persag' },
  files: {
    'src/personal_agent/__init__.py': '',
    'src/personal_agent/config/__init__.py': 'from .settings import USER_ID\n',
    'src/personal_agent/config/settings.py': 'import os\nUSER_ID = os.getenv("USER_ID", "default_user")\n',
    'src/personal_agent/core/__init__.py': '',
  },
  fileName: (name) => `src/personal_agent/core/${name.replace(/-/g, '_')}.py`,
};

interface Sidecar {
  fileName?: string;
  file?: string;
  relocations?: keyof typeof RELOCATIONS;
  files?: Record<string, string>;
  options?: Record<string, unknown>;
  errors?: { line: number; names?: string }[];
  warnings?: { code: string; line: number }[];
  runs?: boolean;
  /**
   * The output also runs when the settings module cannot be imported (its `except ImportError:`
   * branch): to a clean exit, or to the script's own exit status (no traceback either way).
   */
  runsWhenImportFails?: boolean | { status: number };
}

function sidecarOf(name: string): Sidecar {
  const file = [`${name}.json`, `${name}.meta.json`].map((f) => path.join(DIR, f)).find((f) => fs.existsSync(f));
  return file ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Sidecar) : {};
}

/** Errors by line, and by the names they report where the case expects names. */
function errorsOf(errors: readonly PlanError[], withNames: boolean): Array<{ line: number; names?: string }> {
  return errors
    .map((e) => {
      const line = Number(/:(\d+):/.exec(e.message)?.[1]);
      return withNames ? { line, names: /names (\S+),/.exec(e.message)?.[1] } : { line };
    })
    .sort((a, b) => a.line - b.line || String(a.names).localeCompare(String(b.names)));
}

const cases = fixturePairs(DIR);

describe('path-refs fixtures', () => {
  it('has fixtures for every front end', () => expect(new Set(cases.map((c) => frontEndFor(`x${c.ext}`)))).toEqual(new Set([frontEndFor('x.ts'), frontEndFor('x.sh'), frontEndFor('x.py')])));

  for (const c of cases) {
    const sidecar = sidecarOf(c.name);
    const setting = c.ext === '.py' ? PERSAG_PYTHON : CONTINUUM;
    const file = sidecar.fileName ?? sidecar.file ?? setting.fileName(c.name, c.ext);
    const expectedErrors = [...(sidecar.errors ?? [])].sort((a, b) => a.line - b.line || String(a.names).localeCompare(String(b.names)));
    const withNames = expectedErrors.some((e) => e.names !== undefined);
    const run = async (text: string) => {
      const frontEnd = frontEndFor(file);
      if (!frontEnd) throw new Error(`no front end reads ${file}`);
      const files = { ...setting.files, ...sidecar.files, [file]: text };
      const root = tempDir('mu-path-refs-');
      writeTree(root, files);
      const relocations = RELOCATIONS[sidecar.relocations ?? setting.relocations]!;
      return frontEnd.rewrite({ file, text, roots: { project: root, home: path.join(root, '.home') }, relocations, options: sidecar.options ?? setting.options, projectFiles: Object.keys(files).sort() });
    };

    it(`${c.name}${c.ext}`, async () => {
      const out = await run(c.input);
      expect(applySplices(c.input, out.splices)).toBe(c.expected);
      expect(errorsOf(out.errors, withNames)).toEqual(expectedErrors);
      for (const e of out.errors) expect(e.paths).toEqual([expect.stringMatching(new RegExp(`^${file}:\\d+$`))]);
      expect(out.warnings.map((w) => ({ code: w.code, line: w.line }))).toEqual(sidecar.warnings ?? []);
    });

    it(`${c.name}${c.ext} is idempotent: nothing more to rewrite, the same places reported`, async () => {
      const again = await run(c.expected);
      expect(again.splices).toEqual([]);
      // Lines may have moved (an added import); the places reported are the same.
      expect(errorsOf(again.errors, withNames).map((e) => e.names)).toEqual(expectedErrors.map((e) => e.names));
    });
  }
});

describe('path-refs Python fixture outputs compile', () => {
  it('py_compile accepts every output', () => {
    if (!python3) return console.warn('[path-refs] python3 not found: py_compile of fixture outputs SKIPPED');
    const tmp = tempDir('path-refs-compile-');
    const targets = cases.filter((c) => c.ext === '.py').map((c) => {
      const target = path.join(tmp, `${c.name.replace(/-/g, '_')}.py`);
      fs.writeFileSync(target, c.expected);
      return target;
    });
    execFileSync(python3, ['-m', 'py_compile', ...targets], { stdio: 'pipe' });
  });
});

// A script that makes the project importable itself (`sys.path.insert(0, ".../src")`) must import
// the home accessor after doing so: run from outside the project with no PYTHONPATH, it would
// otherwise die with ModuleNotFoundError before reaching its own set-up.
describe('path-refs Python fixture outputs that extend the import path run as scripts', () => {
  const runnable = cases.filter((c) => c.ext === '.py' && sidecarOf(c.name).runs);
  it('has such cases', () => expect(runnable.length).toBeGreaterThan(0));
  for (const c of runnable) {
    it(`${c.name}${c.ext} runs`, () => {
      if (!python3) return console.warn('[path-refs] python3 not found: run of fixture outputs SKIPPED');
      const sidecar = sidecarOf(c.name);
      const settings = 'src/personal_agent/config/settings.py';
      const file = sidecar.fileName ?? sidecar.file ?? PERSAG_PYTHON.fileName(c.name, c.ext);
      const homeAccessor = `${sidecar.files?.[settings] ?? PERSAG_PYTHON.files[settings]}\n\ndef persag_home():\n    from pathlib import Path\n    return Path.home() / ".persag"\n`;
      expect(runPythonScript({ ...PERSAG_PYTHON.files, ...sidecar.files, [settings]: homeAccessor, [file]: c.expected }, file)).toEqual({ status: 0, stderr: '' });
      if (!sidecar.runsWhenImportFails) return;
      const failing = 'raise ImportError("settings need a package this machine lacks")\n';
      const status = sidecar.runsWhenImportFails === true ? 0 : sidecar.runsWhenImportFails.status;
      expect(runPythonScript({ ...PERSAG_PYTHON.files, ...sidecar.files, [settings]: failing, [file]: c.expected }, file)).toEqual({ status, stderr: '' });
    });
  }
});
