// Seeded random trees and random operation sets over them, for round-trip and crash tests.
import fs from 'node:fs';
import path from 'node:path';
import { copyOp, deleteEmptyDirOp, editOp, mkdirOp, moveOp, writeOp } from '../../plan/ops.js';
import { loc } from '../../plan/paths.js';
import { decodeText } from '../../plan/text.js';
import type { Operation, Roots } from '../../plan/types.js';

export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NAMES = ['alpha', 'beta gamma', 'données', 'ユーザー', 'z-9', 'state.db', 'notes.txt', 'Ωmega', 'with space.md', 'x'];
const MODES = [0o644, 0o755, 0o600];

function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)]!;
}

function textContent(r: () => number): string {
  const eol = r() < 0.3 ? '\r\n' : '\n';
  const lines = Array.from({ length: 1 + Math.floor(r() * 8) }, (_, i) => `line ${i} ${pick(r, NAMES)} ${Math.floor(r() * 1000)}`);
  return lines.join(eol) + (r() < 0.8 ? eol : '');
}

/** Builds a random tree under `root`: nested and empty dirs, unicode names, modes, symlinks, CRLF. */
export function randomTree(root: string, seed: number): void {
  const r = rng(seed);
  const dirs = [''];
  for (let i = 0; i < 6 + Math.floor(r() * 6); i++) {
    const parent = pick(r, dirs);
    const d = path.posix.join(parent, `${pick(r, NAMES)}-d${i}`);
    fs.mkdirSync(path.join(root, d), { recursive: true });
    dirs.push(d);
  }
  const files: string[] = [];
  for (let i = 0; i < 10 + Math.floor(r() * 10); i++) {
    const f = path.posix.join(pick(r, dirs), `${pick(r, NAMES)}-f${i}`);
    const p = path.join(root, f);
    fs.writeFileSync(p, r() < 0.15 ? Buffer.from([0, 1, 2, 255, Math.floor(r() * 255)]) : textContent(r));
    fs.chmodSync(p, pick(r, MODES));
    files.push(f);
  }
  for (let i = 0; i < 3; i++) {
    const at = path.posix.join(pick(r, dirs), `link-${i}`);
    const target = r() < 0.7 ? path.posix.relative(path.posix.dirname(at), pick(r, files)) : 'does-not-exist';
    fs.symlinkSync(target, path.join(root, at));
  }
  for (const d of dirs.slice(1)) if (r() < 0.3) fs.chmodSync(path.join(root, d), 0o700);
}

interface Node {
  rel: string;
  type: 'file' | 'dir' | 'link';
}

function listNodes(root: string): Node[] {
  const out: Node[] = [];
  const walk = (rel: string): void => {
    for (const name of fs.readdirSync(path.join(root, rel)).sort()) {
      const r = rel ? `${rel}/${name}` : name;
      const st = fs.lstatSync(path.join(root, r));
      const type = st.isSymbolicLink() ? 'link' : st.isDirectory() ? 'dir' : 'file';
      out.push({ rel: r, type });
      if (type === 'dir') walk(r);
    }
  };
  walk('');
  return out;
}

const under = (p: string, dir: string): boolean => p === dir || p.startsWith(`${dir}/`);

/**
 * A random, valid operation list over the tree: edits first (preconditions describe the
 * original tree), then new files and dirs, copies, removal of empty dirs, and moves last.
 */
export function randomOperations(roots: Roots, seed: number, minOps = 0): Operation[] {
  const r = rng(seed * 7919 + 1);
  const root = roots.project;
  const nodes = listNodes(root);
  const meta = { source: 'random' };
  const ops: Operation[] = [];
  const moved: string[] = [];
  const emptied: string[] = [];
  const created: string[] = [];
  const free = (p: string): boolean => ![...moved, ...emptied].some((m) => under(p, m) || under(m, p));

  for (const n of nodes.filter((x) => x.type === 'file')) {
    if (r() < 0.5) continue;
    const decoded = decodeText(fs.readFileSync(path.join(root, n.rel)));
    if (!decoded.ok) continue;
    const text = decoded.text;
    const start = Math.floor(r() * text.length);
    const end = Math.min(text.length, start + Math.floor(r() * 10));
    ops.push(editOp(roots, meta, loc('project', n.rel), text, [{ start, end, text: `[edit ${seed}]` }]));
  }
  const dirs = ['', ...nodes.filter((x) => x.type === 'dir').map((x) => x.rel)];
  for (let i = 0; i < 2 + Math.floor(r() * 3); i++) {
    const parent = pick(r, dirs);
    const rel = path.posix.join(parent, `new-file-${seed}-${i}.txt`);
    ops.push(writeOp(roots, meta, loc('project', rel), textContent(r), pick(r, MODES)));
    created.push(rel);
  }
  for (let i = 0; i < 2; i++) {
    const rel = path.posix.join(pick(r, dirs), `new-dir-${seed}-${i}`, 'nested');
    ops.push(mkdirOp(roots, meta, loc('project', path.posix.dirname(rel)), 0o750));
    ops.push(mkdirOp(roots, meta, loc('project', rel), 0o700));
    created.push(path.posix.dirname(rel));
  }
  for (const n of nodes.filter((x) => x.type !== 'dir')) {
    if (r() < 0.85) continue;
    const to = `${n.rel}.copy-${seed}`;
    ops.push(copyOp(roots, meta, loc('project', n.rel), loc('project', to)));
  }
  for (const n of nodes.filter((x) => x.type === 'dir')) {
    if (fs.readdirSync(path.join(root, n.rel)).length > 0 || created.some((c) => under(c, n.rel))) continue;
    if (r() < 0.5) {
      ops.push(deleteEmptyDirOp(roots, meta, loc('project', n.rel)));
      emptied.push(n.rel);
    }
  }
  const candidates = nodes.filter((n) => n.rel.split('/').length <= 3);
  for (const n of candidates) {
    if (r() < 0.7 || !free(n.rel)) continue;
    const to = `moved-${seed}-${moved.length}`;
    ops.push(moveOp(roots, meta, loc('project', n.rel), loc('project', to)));
    moved.push(n.rel, to);
  }
  for (let i = 0; ops.length < minOps; i++) {
    const rel = `padding-${seed}-${i}`;
    ops.push(mkdirOp(roots, meta, loc('project', rel), 0o755));
  }
  return ops;
}
