import crypto from 'node:crypto';
import { snapshotTree as snapshotLines } from './plan-cycle.js';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export type Entry = string;

/** `d 0755 a/b/` -> ['a/b', 'd 0755']; `f 0644 a b 1f2e…` -> ['a b', 'f 0644 1f2e…']; `l a -> t` -> ['a', 'l -> t']. */
function entryOf(line: string): [string, Entry] {
  if (line.startsWith('l ')) {
    const arrow = line.indexOf(' -> ');
    return [line.slice(2, arrow), `l${line.slice(arrow)}`];
  }
  const [kind, mode] = line.split(' ', 2) as [string, string];
  const rest = line.slice(kind.length + mode.length + 2);
  if (kind === 'd') return [rest.slice(0, -1), `d ${mode}`];
  const cut = rest.lastIndexOf(' ');
  return [rest.slice(0, cut), `f ${mode} ${rest.slice(cut + 1)}`];
}

/** Every entry under `root` (type, mode, content hash, link target), ignoring the state dir. */
export function snapshotTree(root: string, opts: { includeState?: boolean } = {}): Record<string, Entry> {
  if (!fs.existsSync(root)) return {};
  return Object.fromEntries(snapshotLines(root, opts.includeState ? [] : ['.migrate-users']).map(entryOf));
}

export function hashTree(root: string, opts: { includeState?: boolean } = {}): string {
  return crypto.createHash('sha256').update(JSON.stringify(snapshotTree(root, opts))).digest('hex');
}

export function tempDir(prefix = 'mu-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Writes a tree from a spec: strings are files, `null` empty dirs, `{ link }` symlinks. */
export type TreeSpec = Record<string, string | Buffer | null | { link: string } | { content: string | Buffer; mode: number }>;

export function writeTree(root: string, spec: TreeSpec): void {
  for (const [rel, v] of Object.entries(spec)) {
    const p = path.join(root, rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    if (v === null) fs.mkdirSync(p, { recursive: true });
    else if (typeof v === 'string' || Buffer.isBuffer(v)) fs.writeFileSync(p, v);
    else if ('link' in v) fs.symlinkSync(v.link, p);
    else {
      fs.writeFileSync(p, v.content);
      fs.chmodSync(p, v.mode);
    }
  }
}
