// The transform source's behaviour on a file level: failures leave their file out with a clear
// report, chains see each other's output, bytes outside the edits (BOM, CRLF) are kept.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../plan/build.js';
import { UsageError } from '../../plan/errors.js';
import { applySplices } from '../../plan/text.js';
import type { EditOp, Plan } from '../../plan/types.js';
import { inlineSource } from '../../tests/helpers/sources.js';
import { tempDir, writeTree, type TreeSpec } from '../../tests/helpers/tree.js';
import { editOp } from '../../plan/ops.js';
import { loc } from '../../plan/paths.js';
import { transformSource, type TransformSpec } from './index.js';
import { lineSplices } from './splices.js';

async function plan(tree: TreeSpec, transforms: Record<string, string>, specs?: (dir: string) => TransformSpec[]): Promise<{ plan: Plan; root: string; dir: string }> {
  const root = tempDir('mu-transform-src-');
  const dir = tempDir('mu-transforms-');
  writeTree(root, tree);
  writeTree(dir, transforms);
  const list = specs ? specs(dir) : Object.keys(transforms).map((name) => ({ path: path.join(dir, name) }));
  return { plan: await buildPlan({ roots: { project: root }, sources: [transformSource(list)] }), root, dir };
}

const editOf = (p: Plan, file: string): EditOp | undefined => (p.operations as EditOp[]).find((op) => op.path.path === file);
const resultOf = (root: string, p: Plan, file: string): string => applySplices(fs.readFileSync(path.join(root, file), 'utf8'), editOf(p, file)!.splices);

const APPEND = (tag: string) => `export const kind = 'plain';\nexport default (source) => source + '// ${tag}\\n';\n`;

describe('transformSource', () => {
  it('leaves out a file its transform throws on, names transform, file and error, and plans the rest', async () => {
    const { plan: p, dir } = await plan(
      { 'src/ok.js': 'const a = 1;\n', 'src/boom.js': 'const EXPLODE = 1;\n', 'src/also-ok.ts': 'let b: number;\n' },
      { 'throws.cjs': "module.exports = (file) => {\n  if (file.source.includes('EXPLODE')) throw new Error('cannot handle this file\\nstack details');\n  return file.source + '// seen\\n';\n};\n" },
    );
    expect((p.operations as EditOp[]).map((op) => op.path.path)).toEqual(['src/also-ok.ts', 'src/ok.js']);
    expect(p.errors).toEqual([
      {
        source: 'transform',
        code: 'transform-failed',
        paths: ['src/boom.js'],
        message: `${path.join(dir, 'throws.cjs')} failed on src/boom.js: cannot handle this file (the file was left out of the plan)`,
      },
    ]);
  });

  it('reports a file the parser rejects with file:line:column, and a result that is not a string', async () => {
    const { plan: p, dir } = await plan(
      { 'src/broken.js': 'const ok = 1;\nconst = ;\n', 'src/fine.js': 'const x = 1;\n' },
      { 'parse.cjs': "module.exports = (file, api) => api.j(file.source).toSource() + '// parsed\\n';\n", 'object.mjs': 'export default () => ({ not: "text" });\n' },
      (d) => [{ path: path.join(d, 'parse.cjs') }, { path: path.join(d, 'object.mjs') }],
    );
    expect(p.operations).toEqual([]);
    expect(p.errors.map((e) => e.message)).toEqual([
      expect.stringMatching(new RegExp(`^${path.join(dir, 'parse.cjs')} failed on src/broken.js:2:7: Unexpected token`)),
      `${path.join(dir, 'object.mjs')} failed on src/fine.js: returned an object; a jscodeshift transform returns the new source, or nothing to skip the file (the file was left out of the plan)`,
    ]);
  });

  it('runs transforms in order on one file and makes one edit of the combined result', async () => {
    const { plan: p, root } = await plan({ 'a.js': 'start\n' }, { 'one.mjs': APPEND('one'), 'two.mjs': "export const kind = 'plain';\nexport default (source) => source.includes('// one') ? source.replace('// one', '// one, then two') : undefined;\n" });
    expect(p.operations).toHaveLength(1);
    expect(resultOf(root, p, 'a.js')).toBe('start\n// one, then two\n');
  });

  it('keeps a BOM and CRLF line endings, and splices only the changed lines', async () => {
    const text = '\uFEFFconst foo = 1;\r\nconst keep = 2;\r\nexport { foo };\r\n';
    const { plan: p, root } = await plan(
      { 'bom.js': text },
      { 'rename.cjs': "module.exports = (file, api) => { const j = api.j; const r = j(file.source); if (file.source.charCodeAt(0) === 0xfeff) throw new Error('saw a BOM'); r.find(j.Identifier, { name: 'foo' }).forEach((p) => { p.node.name = 'bar'; }); return r.toSource(); };\n" },
    );
    expect(p.errors).toEqual([]);
    const edit = editOf(p, 'bom.js')!;
    expect(edit.splices).toHaveLength(2);
    expect(resultOf(root, p, 'bom.js')).toBe('\uFEFFconst bar = 1;\r\nconst keep = 2;\r\nexport { bar };\r\n');
  });

  it('merges with another source\'s edit of the same file between its own changed lines', async () => {
    const root = tempDir('mu-transform-merge-');
    const dir = tempDir('mu-transforms-');
    const text = 'one\ntwo\nthree\nfour\nfive\n';
    writeTree(root, { 'a.js': text });
    writeTree(dir, { 'edges.mjs': "export const kind = 'plain';\nexport default (s) => s.replace('one', 'ONE').replace('five', 'FIVE');\n" });
    const middle = inlineSource((ctx) => [editOp(ctx.roots, { source: 'middle' }, loc('project', 'a.js'), text, [{ start: 8, end: 13, text: 'THREE' }])], { category: 'code' });
    const p = await buildPlan({ roots: { project: root }, sources: [middle, transformSource([{ path: path.join(dir, 'edges.mjs') }])] });
    expect(p.errors).toEqual([]);
    expect(p.operations).toHaveLength(1);
    expect(resultOf(root, p, 'a.js')).toBe('ONE\ntwo\nTHREE\nfour\nFIVE\n');
  });

  it('skips symlinks; their targets are transformed on their own', async () => {
    const { plan: p } = await plan({ 'real.js': 'a\n', 'link.js': { link: 'real.js' } }, { 'tag.mjs': APPEND('x') });
    expect((p.operations as EditOp[]).map((op) => op.path.path)).toEqual(['real.js']);
  });

  it('never runs a transform on its own source file inside the project', async () => {
    const root = tempDir('mu-transform-self-');
    writeTree(root, { 'codemods/tag.mjs': APPEND('tagged'), 'src/a.js': 'a\n' });
    const p = await buildPlan({ roots: { project: root }, sources: [transformSource([{ path: path.join(root, 'codemods/tag.mjs') }])] });
    expect((p.operations as EditOp[]).map((op) => op.path.path)).toEqual(['src/a.js']);
  });

  it('skips binary and non-UTF-8 files with a warning', async () => {
    const { plan: p } = await plan({ 'bin.js': Buffer.from([0x63, 0x00, 0xff]), 'latin1.js': Buffer.from([0x2f, 0x2f, 0xe9, 0x0a]) }, { 'tag.mjs': APPEND('x') });
    expect(p.operations).toEqual([]);
    expect(p.warnings.map((w) => [w.file, w.code])).toEqual([
      ['bin.js', 'not-text'],
      ['latin1.js', 'not-text'],
    ]);
  });

  it('refuses a missing module or a bad --parser before planning', () => {
    expect(() => transformSource([{ path: '/nonexistent/transform.js' }])).toThrow(UsageError);
    expect(() => transformSource([])).toThrow(/no transform given/);
    const dir = tempDir('mu-transforms-');
    writeTree(dir, { 't.mjs': APPEND('x') });
    expect(() => transformSource([{ path: path.join(dir, 't.mjs'), parser: 'espree' as never }])).toThrow(/--parser must be one of babel, ts, tsx, flow/);
  });
});

describe('lineSplices', () => {
  it('makes one splice per changed run of lines that rebuilds the new text', () => {
    const before = 'a\nb\nc\nd\ne\n';
    const after = 'A\nb\nc\nD\nd2\ne\nf\n';
    const splices = lineSplices(before, after);
    expect(splices).toHaveLength(3);
    expect(applySplices(before, splices)).toBe(after);
    expect(lineSplices(before, before)).toEqual([]);
    expect(applySplices('x', lineSplices('x', 'x\ny'))).toBe('x\ny');
  });
});
