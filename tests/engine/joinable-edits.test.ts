// Two sources editing one file, each adding a part the other may add too (like an import line):
// the plan drops both copies and asks the kind's joiner to make the part once from both sources'
// data; a lone edit keeps its own part; the saved operations carry no joinable data.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { buildPlan } from '../../plan/build.js';
import { editOp } from '../../plan/ops.js';
import { applySplices } from '../../plan/text.js';
import type { EditOp, Joiner, OperationSource, Roots } from '../../plan/types.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

const TEXT = 'uses: a\nbody\n';

/** A header line `uses: a, <names>` made from every source's names, sorted. */
const joinUses: Joiner = async (file, data) => {
  const names = [...new Set(['a', ...data.flat() as string[]])].sort();
  return [{ start: 0, end: file.text.indexOf('\n'), text: `uses: ${names.join(', ')}` }];
};

/** Adds its names to the header (an insertion, as an import's would be) and makes its own `body` splice. */
function source(name: string, names: string[], body: { start: number; end: number; text: string }, roots: Roots): OperationSource {
  return {
    name,
    category: 'code',
    joiners: { uses: joinUses },
    async plan(ctx) {
      const header = { start: 7, end: 7, text: names.map((n) => `, ${n}`).join('') };
      for (const file of ['one.txt', 'two.txt']) {
        if (name === 'second' && file === 'two.txt') continue;
        ctx.emit(editOp(roots, { source: name }, { root: 'project', path: file }, TEXT, [header, body], { joinable: { kind: 'uses', data: names, splices: [header] } }));
      }
      return { operations: [], warnings: [], errors: [] };
    },
  };
}

function project(): Roots {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'mu-joinable-'));
  dirs.push(root);
  fs.writeFileSync(path.join(root, 'one.txt'), TEXT);
  fs.writeFileSync(path.join(root, 'two.txt'), TEXT);
  return { project: root };
}

it('makes the parts two sources share once, from both sources\' data', async () => {
  const roots = project();
  const plan = await buildPlan({ roots, sources: [source('first', ['c'], { start: 8, end: 9, text: 'B' }, roots), source('second', ['b'], { start: 12, end: 12, text: '!' }, roots)] });
  const edits = plan.operations as EditOp[];
  expect(edits.map((e) => [e.path.path, e.source])).toEqual([['one.txt', 'first+second'], ['two.txt', 'first']]);
  expect(applySplices(TEXT, edits[0]!.splices)).toBe('uses: a, b, c\nBody!\n');
  expect(applySplices(TEXT, edits[1]!.splices)).toBe('uses: a, c\nBody\n');
  expect(edits.every((e) => e.joinable === undefined)).toBe(true);
});

it('joins nothing from an edit left out for overlapping another', async () => {
  const roots = project();
  const plan = await buildPlan({ roots, sources: [source('first', ['c'], { start: 8, end: 12, text: 'BODY' }, roots), source('second', ['b'], { start: 9, end: 10, text: 'O' }, roots)] });
  expect(plan.errors.map((e) => e.code)).toEqual(['conflicting-edits']);
  expect(applySplices(TEXT, (plan.operations[0] as EditOp).splices)).toBe('uses: a, c\nBODY\n');
});
