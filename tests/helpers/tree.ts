import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export type Entry = string;

/** Every entry under `root` (type, mode, content hash, link target), ignoring the state dir. */
export function snapshotTree(root: string, opts: { includeState?: boolean } = {}): Record<string, Entry> {
  const out: Record<string, Entry> = {};
  const walk = (dir: string, rel: string): void => {
    for (const name of fs.readdirSync(dir).sort()) {
      if (!opts.includeState && rel === '' && name === '.migrate-users') continue;
      const p = path.join(dir, name);
      const r = rel ? `${rel}/${name}` : name;
      const st = fs.lstatSync(p);
      const mode = (st.mode & 0o7777).toString(8);
      if (st.isSymbolicLink()) out[r] = `link -> ${fs.readlinkSync(p)}`;
      else if (st.isDirectory()) {
        out[r] = `dir ${mode}`;
        walk(p, r);
      } else out[r] = `file ${mode} ${crypto.createHash('sha256').update(fs.readFileSync(p)).digest('hex').slice(0, 16)}`;
    }
  };
  if (fs.existsSync(root)) walk(root, '');
  return out;
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
