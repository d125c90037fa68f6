// `plan --transform` as jscodeshift users call it: jscodeshift's flags pass through to `options`,
// `file.path` is relative to the folder the command runs in, a transform's console output never
// corrupts `--json`, in the main thread or in a worker, and `--eol` chooses the line endings.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { StateDir } from '../../plan/state-dir.js';
import { loadPlan } from '../../plan/store.js';
import type { EditOp, Plan } from '../../plan/types.js';
import { runCli } from '../../tests/helpers/cli.js';
import { tempDir, writeTree } from '../../tests/helpers/tree.js';

const temps: string[] = [];
afterAll(() => {
  for (const t of temps) fs.rmSync(t, { recursive: true, force: true });
});

/** Prints on stdout the way transforms do, reports what it was given, and upper-cases `hello`. */
const NOISY = `
module.exports = function (file, api, options) {
  console.log('processing', file.path);
  process.stdout.write('raw write\\n');
  api.report(JSON.stringify({ path: file.path, dry: options.dry, print: options.print, verbose: options.verbose, foo: options.foo, list: options.list, quote: options.quote, extensions: options.extensions }));
  return file.source.replace(/hello/g, 'HELLO');
};
`;

function project(): string {
  const root = tempDir('mu-transform-cli-');
  temps.push(root);
  writeTree(root, {
    'codemods/noisy.cjs': NOISY,
    'src/a.js': 'const a = "hello";\r\nexport default a;\r\n',
    'src/b.ts': 'export const b: string = "hello";\n',
    'src/c.tsx': 'export const c = <p>hello</p>;\n',
    'lib/skip.js': 'const d = "hello";\n',
  });
  return root;
}

function planOf(stdout: string): Plan {
  // Exactly one JSON document: nothing a transform printed may precede or follow it.
  const json = JSON.parse(stdout) as { planId: string; planFile: string };
  const saved = loadPlan(new StateDir(path.dirname(path.dirname(path.dirname(json.planFile)))), json.planId);
  return { ...saved, operations: [...saved.operations] };
}

describe('plan --transform from the command line', () => {
  it('passes jscodeshift flags on, shows paths as jscodeshift does and keeps --json clean, in worker threads too', () => {
    const root = project();
    const r = runCli(
      ['plan', '--json', '--transform', 'codemods/noisy.cjs', '--dry', '-v', '2', '--foo=bar', '--list=[1,2]', '--quote', 'single', '--extensions=js,ts', '--cpus=2', '--eol', 'lf', 'src'],
      { cwd: root },
    );
    expect(r.status, r.stderr).toBe(0);
    const plan = planOf(r.stdout);
    expect(r.stderr).toContain('processing src/a.js');
    expect(r.stderr).toContain('processing src/b.ts');
    expect(r.stderr).toContain('raw write');
    const reports = plan.warnings.filter((w) => w.code === 'report').map((w) => JSON.parse(w.message.replace(/^[^:]*: /, '')) as Record<string, unknown>);
    expect(reports).toEqual([
      { path: 'src/a.js', dry: true, print: false, verbose: 2, foo: 'bar', list: [1, 2], quote: 'single', extensions: 'js,ts' },
      { path: 'src/b.ts', dry: true, print: false, verbose: 2, foo: 'bar', list: [1, 2], quote: 'single', extensions: 'js,ts' },
    ]);
    // --extensions left out the .tsx file, the path left out lib/; --eol lf gives recast's bytes.
    expect((plan.operations as EditOp[]).map((op) => op.path.path)).toEqual(['src/a.js', 'src/b.ts']);
    expect((plan.operations[0] as EditOp).diff).toContain('+const a = "HELLO";\r\n');
  });

  it('keeps CRLF by default, and refuses jscodeshift flags without --transform and an unknown --eol', () => {
    const root = project();
    const kept = runCli(['plan', '--json', '--transform', 'codemods/noisy.cjs', 'src/a.js'], { cwd: root });
    expect(kept.status, kept.stderr).toBe(0);
    const edit = planOf(kept.stdout).operations[0] as EditOp;
    expect(edit.splices.map((s) => s.text)).toEqual(['const a = "HELLO";\r\n']);
    const stray = runCli(['plan', '--dry', 'src'], { cwd: root });
    expect(stray.status).toBe(2);
    expect(stray.stderr).toContain("unknown option '--dry' (jscodeshift options go with --transform PATH)");
    const eol = runCli(['plan', '--transform', 'codemods/noisy.cjs', '--eol', 'crlf'], { cwd: root });
    expect(eol.status).toBe(2);
    expect(eol.stderr).toContain('--eol takes keep or lf (got "crlf")');
    expect(fs.existsSync(path.join(root, '.migrate-users/plans'))).toBe(true);
  });

  it('shows file.path relative to a subfolder it runs in, and absolute when the paths are named absolutely', () => {
    const root = project();
    fs.writeFileSync(path.join(root, 'package.json'), '{ "name": "app" }\n');
    const shown = (r: ReturnType<typeof runCli>): string[] => {
      expect(r.status, r.stderr).toBe(0);
      return planOf(r.stdout).warnings.filter((w) => w.code === 'report').map((w) => (JSON.parse(w.message.replace(/^[^:]*: /, '')) as { path: string }).path);
    };
    // From src/, as `jscodeshift -t ../codemods/noisy.cjs .` would show them.
    expect(shown(runCli(['plan', '--json', '--transform', '../codemods/noisy.cjs', '.'], { cwd: path.join(root, 'src') }))).toEqual(['a.js', 'b.ts', 'c.tsx']);
    expect(shown(runCli(['plan', '--json', '--transform', 'codemods/noisy.cjs', path.join(root, 'lib')], { cwd: root }))).toEqual([path.join(root, 'lib/skip.js')]);
  });
});
