// Per-file memos: shared while a file is being read, gone once the file is forgotten, and
// computed again (the same facts) if the file is read after that.
import { describe, expect, it } from 'vitest';
import { fileMemo, forgetFile } from './file-memo.js';
import { moduleBindings, nodesOf } from './ts-bindings.js';
import { parseTypeScript } from './typescript.js';
import type { TsParsedFile } from './types.js';

function parsed(text: string): TsParsedFile {
  const result = parseTypeScript('src/a.ts', text);
  if (!('language' in result)) throw new Error(result.message);
  return result;
}

describe('file memos', () => {
  it('forgetFile drops every memo of that file, and only of that file', () => {
    const a = parsed('const x = 1;').sourceFile;
    const b = parsed('const y = 2;').sourceFile;
    const first = fileMemo<string>();
    const second = fileMemo<number>();
    first.set(a, 'a').set(b, 'b');
    second.set(a, 1);
    forgetFile(a);
    expect(first.has(a)).toBe(false);
    expect(second.has(a)).toBe(false);
    expect(first.get(b)).toBe('b');
  });

  it("a file's nodes and bindings are worked out once, and again after it is forgotten, with the same result", () => {
    const sf = parsed("import { readFileSync as read } from 'node:fs';\nread('x');\n").sourceFile;
    const nodes = nodesOf(sf);
    const bindings = moduleBindings(sf);
    expect(nodesOf(sf)).toBe(nodes);
    expect(moduleBindings(sf)).toBe(bindings);
    forgetFile(sf);
    expect(nodesOf(sf)).not.toBe(nodes);
    expect(nodesOf(sf)).toEqual(nodes);
    expect(moduleBindings(sf)).not.toBe(bindings);
    expect(moduleBindings(sf)).toEqual(bindings);
  });
});
