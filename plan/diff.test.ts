// unifiedDiff numbers lines and runs jsdiff's array diff; it must print exactly what jsdiff's
// structuredPatch (diffLines) prints, ties between equally short diffs included.
import fs from 'node:fs';
import path from 'node:path';
import { structuredPatch } from 'diff';
import fg from 'fast-glob';
import { describe, expect, it } from 'vitest';
import { unifiedDiff } from './diff.js';

const REPO = path.resolve(import.meta.dirname, '..');

/** The diff as structuredPatch makes it. */
function reference(displayPath: string, before: string, after: string, context = 3): string {
  if (before === after) return '';
  const patch = structuredPatch(`a/${displayPath}`, `b/${displayPath}`, before, after, undefined, undefined, { context });
  let out = `diff --git a/${displayPath} b/${displayPath}\n--- a/${displayPath}\n+++ b/${displayPath}\n`;
  for (const h of patch.hunks) {
    out += `@@ -${h.oldLines === 1 ? h.oldStart : `${h.oldStart},${h.oldLines}`} +${h.newLines === 1 ? h.newStart : `${h.newStart},${h.newLines}`} @@\n`;
    for (const line of h.lines) out += `${line}\n`;
  }
  return out;
}

/** A small seeded generator, so that a failure can be replayed. */
function random(seed: number): (n: number) => number {
  let s = seed;
  return (n) => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s % n;
  };
}

describe('unifiedDiff', () => {
  it('prints what structuredPatch prints on random edits of texts with repeated lines, CRLF and no final newline', () => {
    const next = random(20261130);
    const pool = ['a', 'b', 'x', '', '}', '  return x;', 'a\r', 'c\rd', 'b  '];
    for (let round = 0; round < 600; round++) {
      const lines = Array.from({ length: next(30) }, () => pool[next(pool.length)]!);
      const eol = next(4) === 0 ? '\r\n' : '\n';
      const before = lines.join(eol) + (next(3) === 0 ? '' : eol);
      const edited = [...lines];
      for (let k = next(5); k >= 0; k--) {
        const at = next(edited.length + 1);
        const op = next(3);
        if (op === 0) edited.splice(at, 0, pool[next(pool.length)]!);
        else if (op === 1) edited.splice(at, 1);
        else edited.splice(at, 1, pool[next(pool.length)]!);
      }
      const after = edited.join(eol) + (next(3) === 0 ? '' : eol);
      for (const context of [0, 3]) expect(unifiedDiff('f.ts', before, after, context), JSON.stringify({ before, after, context })).toBe(reference('f.ts', before, after, context));
    }
  });

  it('prints what structuredPatch prints on real files edited at the top and the bottom', () => {
    const files = fg.sync(['commander/lib/*.js', 'yaml/dist/*/*.js'], { cwd: path.join(REPO, 'node_modules'), absolute: true });
    expect(files.length).toBeGreaterThan(30);
    for (const file of files) {
      const before = fs.readFileSync(file, 'utf8');
      const firstBrace = before.indexOf('{');
      const after = `${before.slice(0, firstBrace)}{ /* edited */${before.slice(firstBrace + 1, -2)}\n// appended\n`;
      expect(unifiedDiff('f.js', before, after), file).toBe(reference('f.js', before, after));
    }
  });

  it('is empty when nothing changed', () => {
    expect(unifiedDiff('f.ts', 'a\n', 'a\n')).toBe('');
  });
});
