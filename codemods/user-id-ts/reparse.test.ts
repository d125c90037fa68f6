// The check that an edited file still parses gives the same answer whether it parses the result
// whole or updates the original's tree splice by splice (the compiler's incremental parser).
import fs from 'node:fs';
import path from 'node:path';
import fg from 'fast-glob';
import { describe, expect, it } from 'vitest';
import type { Splice } from '../../plan/types.js';
import { parseSource } from './parse.js';
import { editProblem } from './reparse.js';

const REPO = path.resolve(import.meta.dirname, '../..');

/** The answer from the original's tree, which editProblem uses up: a fresh one each time. */
const incremental = (text: string, file: string, splices: Splice[]) => editProblem(text, file, splices, parseSource(text, file).sourceFile);

describe('editProblem from the original tree', () => {
  const text = [
    "import { DATA_DIR, USER_ID } from '../config/settings';",
    'const re = /USER_ID[}]/g;',
    'export class Store {',
    '  path = `${DATA_DIR}/${USER_ID}`;',
    '  async load(): Promise<string> { return `${USER_ID}:${await Promise.resolve(1)}`; }',
    '}',
    'export const label = <T,>(x: T) => [USER_ID, x, re];',
    '',
  ].join('\n');
  const at = (needle: string, from = 0) => text.indexOf(needle, from);
  const cases: [string, Splice[]][] = [
    ['import and reads rewritten', [
      { start: at('USER_ID'), end: at('USER_ID') + 7, text: 'getUserId' },
      { start: at('${USER_ID}'), end: at('${USER_ID}') + 10, text: '${getUserId()}' },
      { start: at('[USER_ID'), end: at('[USER_ID') + 8, text: '[getUserId()' },
    ]],
    ['a brace left open', [{ start: at('{ return'), end: at('{ return') + 1, text: '{ {' }]],
    ['a template left open', [{ start: at('`${DATA'), end: at('`${DATA') + 1, text: '' }]],
    ['await outside an async function', [{ start: at('async'), end: at('async') + 6, text: '' }]],
    ['a regex broken into a division', [{ start: at('/USER'), end: at('/USER') + 1, text: '' }]],
    ['a call in the last line, an import name removed', [
      { start: at('DATA_DIR, '), end: at('DATA_DIR, ') + 10, text: '' },
      { start: at('x, re'), end: at('x, re') + 1, text: 'f(x)' },
    ]],
  ];
  for (const [name, splices] of cases) {
    it(`${name}: the same as a whole parse`, () => {
      for (const file of ['a.ts', 'a.tsx', 'a.js']) expect(incremental(text, file, splices), file).toBe(editProblem(text, file, splices));
    });
  }

  it('finds the errors a whole parse finds', () => {
    expect(cases.filter(([, s]) => editProblem(text, 'a.ts', s) !== undefined).length).toBeGreaterThanOrEqual(3);
  });

  it('on real third-party code, with identifiers replaced by calls and by a stray parenthesis', () => {
    const files = fg.sync(['commander/lib/*.js', 'yaml/dist/*/*.js'], { cwd: path.join(REPO, 'node_modules'), absolute: true });
    let checked = 0;
    let errors = 0;
    for (const file of files) {
      const source = fs.readFileSync(file, 'utf8');
      const ids = [...source.matchAll(/\b[a-z][A-Za-z]{3,}\b/g)].filter((_, i) => i % 97 === 5).slice(0, 6);
      if (ids.length < 2) continue;
      const call = ids.map((m) => ({ start: m.index, end: m.index + m[0].length, text: `${m[0]}()` }));
      const broken = [call[0]!, { start: ids[1]!.index, end: ids[1]!.index, text: '(' }];
      for (const splices of [call, broken]) {
        const expected = editProblem(source, path.basename(file), splices);
        expect(incremental(source, path.basename(file), splices), file).toBe(expected);
        if (expected !== undefined) errors++;
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(60);
    expect(errors).toBeGreaterThan(20);
  });
});
