// Every `__testfixtures__/<name>.input.py` / `<name>.output.py` pair runs through the codemod in
// a virtual persag-like project (below). An optional `<name>.meta.json` gives the file's project path,
// options, and the expected warnings (`{code, line}`); without one no warning is expected.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lintSnippet } from '../../tests/helpers/rule-tester.js';
import { KeyNameFinder } from '../../lint/project-facts.js';
import { applySplices } from '../../plan/text.js';
import { unwarnedFindings } from '../../tests/helpers/lines.js';
import { python3, runPythonScript } from '../../tests/helpers/python-script.js';
import { loadPythonParser } from './parser.js';
import { projectModules } from './project.js';
import { transformPython, type PythonUserIdOptions, type TransformResult } from './transform.js';

// The fixture file sits in a small virtual persag-like project: a settings module defining the
// constant and a config package re-exporting it.
const VIRTUAL_PROJECT: Readonly<Record<string, string>> = {
  'src/personal_agent/__init__.py': '',
  'src/personal_agent/config/__init__.py': 'from .settings import DATA_DIR, USER_ID\n',
  'src/personal_agent/config/settings.py': 'import os\nDATA_DIR = "/data"\nUSER_ID = os.getenv("USER_ID", "default_user")\n',
  'src/personal_agent/core/__init__.py': '',
  'src/personal_agent/tools/__init__.py': '',
  'src/personal_agent/web/__init__.py': '',
};

const DEFAULT_OPTIONS: PythonUserIdOptions = { constant: 'USER_ID', accessor: 'get_userid', target: [3, 9], persagHome: false };

async function runInVirtualProject(
  text: string,
  file: string,
  options: Partial<PythonUserIdOptions> = {},
  files: Readonly<Record<string, string>> = {},
): Promise<TransformResult & { output: string }> {
  const opts = { ...DEFAULT_OPTIONS, ...options };
  const parser = await loadPythonParser();
  const texts = new Map(Object.entries({ ...VIRTUAL_PROJECT, ...files }));
  texts.set(file, text);
  const { view } = projectModules(parser, opts, { pythonFiles: [...texts.keys()], texts, editable: () => true });
  const result = transformPython(parser, text, file, opts, view);
  return { ...result, output: applySplices(text, result.splices) };
}

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), '__testfixtures__');
const names = fs.readdirSync(dir).filter((f) => f.endsWith('.input.py')).map((f) => f.slice(0, -'.input.py'.length)).sort();

interface Meta {
  file?: string;
  options?: Partial<PythonUserIdOptions> & { pythonTarget?: string };
  warnings?: { code: string; line: number }[];
  /** Plan errors (persag: code around env.userid that cannot be rewritten), by line. */
  errors?: { line: number }[];
  /** The output is deliberately not valid Python (parse-error fixtures). */
  compiles?: boolean;
  /** Other files of the virtual project. */
  files?: Record<string, string>;
  /** The output runs as a script (`python3 <file>`) in the virtual project, its settings module defining the accessor. */
  runs?: boolean;
}

function metaOf(name: string): Meta {
  const p = path.join(dir, `${name}.meta.json`);
  return fs.existsSync(p) ? (JSON.parse(fs.readFileSync(p, 'utf8')) as Meta) : {};
}

function optionsOf(meta: Meta): Partial<PythonUserIdOptions> {
  const { pythonTarget, ...rest } = meta.options ?? {};
  const target = pythonTarget?.split('.').map(Number) as [number, number] | undefined;
  return { ...rest, ...(target ? { target } : {}) };
}

const read = (f: string) => fs.readFileSync(path.join(dir, f), 'utf8');

describe('user-id-python fixtures', () => {
  it('has fixtures', () => expect(names.length).toBeGreaterThan(10));

  for (const name of names) {
    describe(name, () => {
      const meta = metaOf(name);
      const file = meta.file ?? `src/personal_agent/core/${name.replace(/-/g, '_')}.py`;

      it('transforms input into output with the expected warnings', async () => {
        const result = await runInVirtualProject(read(`${name}.input.py`), file, optionsOf(meta), meta.files);
        expect(result.output).toBe(read(`${name}.output.py`));
        const got = result.warnings.map((w) => ({ code: w.code, line: w.line }));
        expect(got).toEqual(meta.warnings ?? []);
        for (const w of result.warnings) expect(w.file).toBe(file);
        expect((result.errors ?? []).map((e) => ({ line: Number(/:(\d+): /.exec(e.message)?.[1]) }))).toEqual(meta.errors ?? []);
      });

      it('leaves no static-user-id finding the warnings do not name', async () => {
        const input = read(`${name}.input.py`);
        const result = await runInVirtualProject(input, file, optionsOf(meta), meta.files);
        if (result.parseError) return expect(lintSnippet('static-user-id', result.output, { filename: file })).rejects.toThrow(`:${result.parseError.line}:`);
        // The lint knows what it finds in the rest of the project, as `migrate-users lint` does.
        const finder = new KeyNameFinder('USER_ID');
        for (const [f, text] of Object.entries({ ...VIRTUAL_PROJECT, ...meta.files })) finder.observe(f, text);
        const project = await finder.facts();
        const findings = (await lintSnippet('static-user-id', result.output, { filename: file, project })).map((f) => ({ file, line: f.line }));
        expect(unwarnedFindings(findings, result.warnings, () => ({ before: input, after: result.output }))).toEqual([]);
      });

      it('is idempotent', async () => {
        const result = await runInVirtualProject(read(`${name}.output.py`), file, optionsOf(meta), meta.files);
        expect(result.splices).toEqual([]);
      });
    });
  }
});

// A script that makes the project importable itself (`site.addsitedir`, `sys.path.insert`) must
// import the accessor after doing so, or it dies with ModuleNotFoundError before its own set-up.
describe('user-id-python fixture outputs that extend the import path run as scripts', () => {
  const runnable = names.filter((n) => metaOf(n).runs);
  it('has such cases', () => expect(runnable.length).toBeGreaterThan(0));
  it.each(runnable)('%s.output.py runs', (name) => {
    if (!python3) return console.warn('[user-id-python] python3 not found: run of fixture outputs SKIPPED');
    const settings = 'src/personal_agent/config/settings.py';
    const accessor = `${VIRTUAL_PROJECT[settings]}\n\ndef get_userid():\n    return USER_ID\n`;
    const file = metaOf(name).file!;
    expect(runPythonScript({ ...VIRTUAL_PROJECT, [settings]: accessor, [file]: read(`${name}.output.py`) }, file)).toEqual({ status: 0, stderr: '' });
  });
});

describe('user-id-python fixture outputs compile', () => {
  const compiled = names.filter((n) => metaOf(n).compiles !== false);
  const python = python3;
  if (!python) {
    it('python3 is not installed: skipping py_compile', () => {
      console.warn('[user-id-python] python3 not found: py_compile check of fixture outputs SKIPPED');
    });
    return;
  }
  it.each(compiled)('%s.output.py passes py_compile', (name) => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'uidpy-compile-'));
    try {
      const target = path.join(tmp, `${name.replace(/-/g, '_')}.py`);
      fs.copyFileSync(path.join(dir, `${name}.output.py`), target);
      execFileSync(python, ['-m', 'py_compile', target], { stdio: 'pipe' });
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});
