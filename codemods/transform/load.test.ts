// Loading transforms the way users write them. These run the compiled code in a plain Node
// process (as the CLI does), so module loading is Node's own, not the test runner's.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Plan } from '../../plan/types.js';
import { REPO } from '../../tests/helpers/cli.js';
import { tempDir, writeTree } from '../../tests/helpers/tree.js';
import type { TransformSpec } from './index.js';

const dist = (p: string): string => path.join(REPO, 'dist', p);

/** Plans with the compiled transformSource in a fresh Node process; returns the plan. */
function planInNode(project: string, specs: TransformSpec[], threads?: number): Plan & { failure?: string } {
  const script = `
    const { buildPlan } = await import(${JSON.stringify(dist('plan/build.js'))});
    const { transformSource } = await import(${JSON.stringify(dist('codemods/transform/index.js'))});
    const [project, specs, threads] = JSON.parse(process.argv[2]);
    try {
      const plan = await buildPlan({ roots: { project }, sources: [transformSource(specs, threads ? { threads } : {})] });
      process.stdout.write(JSON.stringify(plan));
    } catch (e) {
      process.stdout.write(JSON.stringify({ failure: e.name + ': ' + e.message }));
    }`;
  const file = path.join(tempDir('mu-transform-script-'), 'plan.mjs');
  fs.writeFileSync(file, script);
  const r = spawnSync(process.execPath, [file, JSON.stringify([project, specs, threads ?? 0])], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as Plan & { failure?: string };
}

/** Renames identifiers `foo` to `bar` and reports which parser it was given. */
const RENAME_BODY = `
  const j = api.jscodeshift;
  api.report('parser=' + options.parser + ' mark=' + options.mark);
  const root = j(file.source);
  const ids = root.find(j.Identifier, { name: 'foo' });
  if (ids.size() === 0) return undefined;
  ids.forEach((p) => { p.node.name = 'bar'; });
  return root.toSource();`;

function project(): string {
  const root = tempDir('mu-transform-load-');
  writeTree(root, {
    'app/src/a.js': 'const foo = 1;\nexport default foo;\n',
    'app/src/b.ts': 'const foo: number = 2;\nexport { foo as value };\n',
    'app/src/c.tsx': 'const foo = <div />;\nexport default foo;\n',
    'app/src/untouched.js': 'export const other = 3;\n',
  });
  return root;
}

function edited(plan: Plan): Record<string, string> {
  return Object.fromEntries(plan.operations.map((op) => [(op as { path: { path: string } }).path.path, (op as { diff: string }).diff]));
}

function reports(plan: Plan): string[] {
  return plan.warnings.filter((w) => w.code === 'report').map((w) => `${w.file} ${w.message.replace(/^.*: /, '')}`);
}

describe('loading transforms', () => {
  it('loads an ESM transform, with the parser chosen by file extension when it exports none', () => {
    const root = project();
    writeTree(root, { 't/rename.mjs': `export default function (file, api, options) {${RENAME_BODY}\n}\n` });
    const plan = planInNode(path.join(root, 'app'), [{ path: path.join(root, 't/rename.mjs'), options: { mark: 'x' } }]);
    expect(Object.keys(edited(plan)).sort()).toEqual(['src/a.js', 'src/b.ts', 'src/c.tsx']);
    expect(edited(plan)['src/b.ts']).toContain('+const bar: number = 2;');
    expect(reports(plan)).toEqual(['src/a.js parser=babel mark=x', 'src/b.ts parser=ts mark=x', 'src/c.tsx parser=tsx mark=x', 'src/untouched.js parser=babel mark=x']);
  });

  it('loads a CommonJS transform and honours module.exports.parser over --parser, as jscodeshift does', () => {
    const root = project();
    writeTree(root, { 't/rename.cjs': `module.exports = function (file, api, options) {${RENAME_BODY}\n};\nmodule.exports.parser = 'tsx';\n` });
    const plan = planInNode(path.join(root, 'app'), [{ path: path.join(root, 't/rename.cjs'), parser: 'flow' }]);
    expect(reports(plan)).toContain('src/a.js parser=tsx mark=undefined');
    expect(Object.keys(edited(plan)).sort()).toEqual(['src/a.js', 'src/b.ts', 'src/c.tsx']);
  });

  it('uses --parser when the module exports none', () => {
    const root = project();
    writeTree(root, { 't/rename.cjs': `module.exports = function (file, api, options) {${RENAME_BODY}\n};\n` });
    const plan = planInNode(path.join(root, 'app'), [{ path: path.join(root, 't/rename.cjs'), parser: 'flow' }]);
    expect(reports(plan)).toContain('src/a.js parser=flow mark=undefined');
  });

  it('loads a .js ESM transform of a "type": "module" package and a transpiled exports.default module', () => {
    const root = project();
    writeTree(root, {
      't/esm/package.json': '{ "type": "module" }',
      't/esm/rename.js': `export const parser = 'babylon';\nexport default function (file, api, options) {${RENAME_BODY}\n}\n`,
      't/interop.js': `"use strict";\nObject.defineProperty(exports, "__esModule", { value: true });\nexports.parser = 'ts';\nexports.default = function (file, api, options) {${RENAME_BODY}\n};\n`,
    });
    const esm = planInNode(path.join(root, 'app'), [{ path: path.join(root, 't/esm/rename.js') }]);
    expect(reports(esm)).toContain('src/a.js parser=babylon mark=undefined');
    const interop = planInNode(path.join(root, 'app'), [{ path: path.join(root, 't/interop.js') }]);
    expect(reports(interop)).toContain('src/a.js parser=ts mark=undefined');
    expect(Object.keys(edited(interop))).toContain('src/b.ts');
  });

  it('loads TypeScript transforms (.ts, .mts, .cts) with relative TypeScript helpers, writing nothing next to them', () => {
    const root = project();
    writeTree(root, {
      't/ts/helper.ts': "export const NEW_NAME: string = 'bar';\nexport function isFoo(name: string): boolean { return name === 'foo'; }\n",
      't/ts/rename.ts': [
        "import type { API, FileInfo, Options } from 'jscodeshift';",
        "import { isFoo, NEW_NAME } from './helper';",
        "export const parser = 'tsx';",
        'export default function rename(file: FileInfo, api: API, options: Options): string | undefined {',
        '  const j = api.jscodeshift;',
        "  api.report(`parser=${options.parser as string}`);",
        '  const root = j(file.source);',
        '  const ids = root.find(j.Identifier).filter((p) => isFoo(p.node.name));',
        '  if (ids.size() === 0) return undefined;',
        '  ids.forEach((p) => { p.node.name = NEW_NAME; });',
        '  return root.toSource();',
        '}',
        '',
      ].join('\n'),
      't/ts/rename.mts': "import type { API, FileInfo } from 'jscodeshift';\nimport { isFoo } from './helper.ts';\nexport default (file: FileInfo, api: API) => { const j = api.j; const r = j(file.source); const ids = r.find(j.Identifier).filter((p) => isFoo(p.node.name)); ids.forEach((p) => { p.node.name = 'baz'; }); return ids.size() ? r.toSource() : undefined; };\n",
      't/ts/plain.cts': "export const kind = 'plain';\nexport default function (source: string, info: { relativePath: string }): string | undefined {\n  return info.relativePath.endsWith('.js') ? `// checked\\n${source}` : undefined;\n}\n",
    });
    const before = new Set(fs.readdirSync(path.join(root, 't/ts')) as string[]);
    const ts = planInNode(path.join(root, 'app'), [{ path: path.join(root, 't/ts/rename.ts') }]);
    expect(ts.failure).toBeUndefined();
    expect(ts.failure).toBeUndefined();
    expect(reports(ts)).toContain('src/b.ts parser=tsx');
    expect(edited(ts)['src/b.ts']).toContain('+const bar: number = 2;');
    const mts = planInNode(path.join(root, 'app'), [{ path: path.join(root, 't/ts/rename.mts') }, { path: path.join(root, 't/ts/plain.cts') }]);
    expect(mts.failure).toBeUndefined();
    expect(edited(mts)['src/a.js']).toContain('+// checked\n+const baz = 1;');
    expect(new Set(fs.readdirSync(path.join(root, 't/ts')) )).toEqual(before);
  });

  it('says clearly why a transform does not load', () => {
    const root = project();
    writeTree(root, {
      't/none.mjs': 'export const notAFunction = 1;\n',
      't/bad.ts': 'export default function (file: FileInfo {\n',
      't/kind.mjs': "export const kind = 'jscodeshift-ish';\nexport default () => undefined;\n",
      't/parser.mjs': "export const parser = 'espree';\nexport default () => undefined;\n",
      't/throws.mjs': "throw new Error('top-level boom');\n",
    });
    const app = path.join(root, 'app');
    expect(planInNode(app, [{ path: path.join(root, 't/none.mjs') }]).failure).toMatch(/^UsageError: transform .*none\.mjs exports no function/);
    expect(planInNode(app, [{ path: path.join(root, 't/bad.ts') }]).failure).toMatch(/^UsageError: cannot load transform .*bad\.ts: .*bad\.ts:1:\d+: '?,'? expected/);
    expect(planInNode(app, [{ path: path.join(root, 't/kind.mjs') }]).failure).toMatch(/export kind = 'plain'/);
    expect(planInNode(app, [{ path: path.join(root, 't/parser.mjs') }]).failure).toMatch(/parser export must be one of babel, ts, tsx, flow, babylon/);
    expect(planInNode(app, [{ path: path.join(root, 't/throws.mjs') }]).failure).toMatch(/cannot load transform .*throws\.mjs: top-level boom/);
    expect(planInNode(app, [{ path: path.join(root, 't/missing.js') }]).failure).toMatch(/^UsageError: transform .*missing\.js: no such file/);
  });

  it('gives the same plan with worker threads as in one thread', () => {
    const root = tempDir('mu-transform-workers-');
    const files: Record<string, string> = {};
    for (let i = 0; i < 60; i++) files[`app/src/m${i}.js`] = i % 3 === 0 ? `const foo = ${i};\nexport default foo;\n` : `export const n${i} = ${i};\n`;
    files['app/src/broken.js'] = 'const = ;\n';
    files['t/rename.cjs'] = `module.exports = function (file, api, options) {${RENAME_BODY}\n};\n`;
    writeTree(root, files);
    const specs = [{ path: path.join(root, 't/rename.cjs') }];
    const one = planInNode(path.join(root, 'app'), specs, 1);
    const two = planInNode(path.join(root, 'app'), specs, 3);
    expect(two.failure).toBeUndefined();
    expect(one.operations).toHaveLength(20);
    expect(one.errors).toHaveLength(1);
    expect(two.operations).toEqual(one.operations);
    expect(two.errors).toEqual(one.errors);
    expect(two.warnings).toEqual(one.warnings);
  });
});
