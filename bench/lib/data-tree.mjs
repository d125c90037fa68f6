// Seeded generator of a continuum data tree: `.continuum/personas/{id}/` for AI users (one
// legacy database under one of its legacy names, logs, memory notes, an adapter blob, cache)
// and `.continuum/users/{id}/` for human users that already have the unified layout.
// `scale` multiplies every file's size and nothing else, so two trees made with the same seed
// and different scales have the same entries and `scale` times the bytes.
import fs from 'node:fs';
import path from 'node:path';
import { createRandom } from './random.mjs';

const LEGACY_DBS = ['state.sqlite', 'state.db', 'memory/longterm.db'];
const HUMAN_SHARE = 0.05;
const POOL_BYTES = 1 << 20;

/** The files of one user as [relative path, base size in bytes, text?]. Always 10 files. */
function userFiles(rnd, human) {
  const db = human ? 'data/longterm.db' : rnd.pick(LEGACY_DBS);
  const day = () => `2026-11-${String(rnd.int(1, 28)).padStart(2, '0')}`;
  const logs = new Set();
  while (logs.size < 3) logs.add(`logs/${day()}.log`);
  return [
    [db, rnd.int(2, 10) * 1024, false],
    ['config/preferences.json', rnd.int(200, 900), true],
    ...[...logs].map((l) => [l, rnd.int(200, 1200), true]),
    ['memory/notes/recent.md', rnd.int(100, 800), true],
    ['memory/notes/archive.md', rnd.int(200, 1600), true],
    ['genome/adapter.bin', rnd.int(1, 5) * 1024, false],
    ['cache/embeddings.json', rnd.int(200, 1500), true],
    ['cache/session.json', rnd.int(200, 1200), true],
  ];
}

function pools(seed) {
  const rnd = createRandom(seed ^ 0x5bd1e995);
  const binary = Buffer.alloc(POOL_BYTES);
  for (let i = 0; i < POOL_BYTES; i += 4) binary.writeUInt32LE(Math.floor(rnd.next() * 0x100000000), i);
  const words = ['user', 'persona', 'memory', 'recall', 'session', 'channel', 'message', 'embedding', 'token', 'daemon', 'sync', 'ok'];
  let text = '';
  while (text.length < POOL_BYTES) text += `${new Date(1763700000000 + text.length * 997).toISOString()} ${rnd.pick(words)} ${rnd.pick(words)} ${rnd.int(0, 99999)}\n`;
  return { binary, text: Buffer.from(text.slice(0, POOL_BYTES)) };
}

/** `size` bytes from a pool, starting at a seeded offset; larger sizes repeat the pool. */
function content(pool, rnd, size) {
  const out = Buffer.allocUnsafe(size);
  let filled = 0;
  let from = rnd.int(0, POOL_BYTES - 1);
  while (filled < size) {
    const n = Math.min(size - filled, POOL_BYTES - from);
    pool.copy(out, filled, from, from + n);
    filled += n;
    from = 0;
  }
  return out;
}

/** Writes the tree under `dir`; returns counts. */
export function generateDataTree(dir, { users, seed, scale = 1 }) {
  const rnd = createRandom(seed);
  const pool = pools(seed);
  let files = 0;
  let bytes = 0;
  const madeDirs = new Set();
  for (let u = 0; u < users; u++) {
    const human = rnd.chance(HUMAN_SHARE);
    const id = human ? `human-${u.toString(36)}` : `ai-${u.toString(36).padStart(4, '0')}`;
    const base = path.join(dir, '.continuum', human ? 'users' : 'personas', id);
    for (const [rel, size, text] of userFiles(rnd, human)) {
      const file = path.join(base, rel);
      const parent = path.dirname(file);
      if (!madeDirs.has(parent)) {
        fs.mkdirSync(parent, { recursive: true });
        madeDirs.add(parent);
      }
      const body = content(text ? pool.text : pool.binary, rnd, size * scale);
      fs.writeFileSync(file, body);
      files++;
      bytes += body.length;
    }
  }
  return { users, files, bytes };
}
