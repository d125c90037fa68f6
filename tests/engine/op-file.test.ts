// Steps read one by one from a saved operations file (apply goes forwards, rollback backwards,
// a resume or a listing jumps, or all of them in order) are the operations written, whatever the
// order and the sizes.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { OpFileWriter, StoredOps } from '../../plan/op-file.js';
import type { Operation } from '../../plan/types.js';
import { tempDir } from '../helpers/tree.js';

const temps: string[] = [];
afterAll(() => {
  for (const d of temps) fs.rmSync(d, { recursive: true, force: true });
});

/** Small steps with a few larger than one read of the file (1 MiB), at the start, the middle and the end. */
function operations(count: number): Operation[] {
  const big = new Set([0, Math.floor(count / 2), count - 1]);
  return Array.from({ length: count }, (_, n) => ({
    kind: 'write',
    source: 'op-file-test',
    path: { root: 'project', path: `f${n}.txt` },
    contentBase64: Buffer.from(big.has(n) ? 'x'.repeat(1_100_000 + n) : `step ${n} ${'y'.repeat(n % 97)}`).toString('base64'),
    mode: 0o644,
    post: { sha256: String(n) },
    pre: [],
  }) as unknown as Operation);
}

function stored(ops: Operation[]): StoredOps {
  const dir = tempDir('mu-opfile-');
  temps.push(dir);
  const writer = new OpFileWriter(path.join(dir, 'ops.jsonl'));
  for (const op of ops) writer.append(op);
  return new StoredOps(writer.file, writer.close());
}

describe('StoredOps.at', () => {
  const ops = operations(6_000);
  const file = stored(ops);

  it('forwards, backwards and jumping about, every step is the one written', () => {
    const order = [...ops.keys(), ...[...ops.keys()].reverse()];
    for (let k = 0, i = 7; k < 300; k++) order.push((i = (i * 7919 + 104_729) % ops.length));
    const got = order.map((i) => JSON.stringify(file.at(i)));
    expect(got).toEqual(order.map((i) => JSON.stringify(ops[i])));
  });

  it('has nothing outside the list', () => {
    expect(file.at(-1)).toBeUndefined();
    expect(file.at(ops.length)).toBeUndefined();
    expect(file.at(1.5)).toBeUndefined();
  });
});

describe('StoredOps in order', () => {
  it('gives every step written, lines longer than one read and lines cut by a read alike', () => {
    const ops = operations(3_000);
    expect([...stored(ops)].map((op) => JSON.stringify(op))).toEqual(ops.map((op) => JSON.stringify(op)));
  });
});
