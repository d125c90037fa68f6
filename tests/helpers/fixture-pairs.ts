// jscodeshift-style fixture pairs: `<case>.input.<ext>` and its `<case>.output.<ext>` (no output
// file: the case must stay unchanged), read as the codemods read files (UTF-8, BOM kept).
import fs from 'node:fs';
import path from 'node:path';
import { decodeText } from '../../plan/text.js';

export interface FixturePair {
  name: string;
  /** The extension with its dot, e.g. `.ts`, `.py`. */
  ext: string;
  input: string;
  expected: string;
}

const INPUT = /^(.+)\.input(\.[^.]+)$/;

function readText(file: string): string {
  const decoded = decodeText(fs.readFileSync(file));
  if (!decoded.ok) throw new Error(`${file}: ${decoded.reason}`);
  return decoded.text;
}

/** Every pair in `dir`, sorted by case name. */
export function fixturePairs(dir: string): FixturePair[] {
  return fs
    .readdirSync(dir)
    .sort()
    .flatMap((f) => {
      const m = INPUT.exec(f);
      if (!m) return [];
      const [, name, ext] = m as unknown as [string, string, string];
      const input = readText(path.join(dir, f));
      const output = path.join(dir, `${name}.output${ext}`);
      return [{ name, ext, input, expected: fs.existsSync(output) ? readText(output) : input }];
    });
}
