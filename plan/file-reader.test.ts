import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { FileReader } from './file-reader.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mu-file-reader-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

it('reads files of any size, each whole, into the buffer it reuses', () => {
  const sizes = [0, 1, 4096, (1 << 20) - 1, 1 << 20, (1 << 20) + 1, 3 * (1 << 20) + 7, 10];
  const files = sizes.map((size, i) => {
    const file = path.join(dir, `f${i}.bin`);
    fs.writeFileSync(file, crypto.randomBytes(size));
    return file;
  });
  const reader = new FileReader();
  for (const file of files) expect(Buffer.compare(reader.read(file), fs.readFileSync(file))).toBe(0);
});

it('throws the error of the open (a missing file, a directory)', () => {
  const reader = new FileReader();
  expect(() => reader.read(path.join(dir, 'missing.ts'))).toThrow(expect.objectContaining({ code: 'ENOENT' }));
  expect(() => reader.read(dir)).toThrow(expect.objectContaining({ code: 'EISDIR' }));
});
