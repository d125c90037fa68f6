// Helpers for the migrators' tests: readable operation lists for golden files and a
// listing of a whole tree (content hashes, modes, link targets) for byte-exact comparisons.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { display } from '../../plan/paths.js';
import type { ExtensionOp, Operation, SourceResult } from '../../plan/types.js';

export function describeOperation(op: Operation): string {
  switch (op.kind) {
    case 'move':
    case 'copy':
      return `${op.kind} ${display(op.from)} -> ${display(op.to)}`;
    case 'edit':
      return `edit ${display(op.path)}${op.changedKeys ? ` (${op.changedKeys.join(', ')})` : ''}`;
    case 'write':
    case 'mkdir':
    case 'delete-empty-dir':
      return `${op.kind} ${display(op.path)}`;
    default:
      return `${op.kind} ${(op as ExtensionOp).description}`;
  }
}

/** One line per operation, then warnings and errors; `replace` masks machine-specific text. */
export function formatResult(result: SourceResult, replace: [string, string][] = []): string {
  const lines = [
    ...result.operations.map(describeOperation),
    ...result.warnings.map((w) => `warning ${w.code ?? ''}: ${w.message}`),
    ...result.errors.map((e) => `error ${e.code ?? ''}: ${e.message}`),
  ];
  let text = lines.join('\n') + '\n';
  for (const [from, to] of replace) text = text.split(from).join(to);
  return text;
}

/** Every entry under `root` with type, mode and content hash or link target, sorted. */
export function snapshotTree(root: string, skip: readonly string[] = []): string[] {
  const out: string[] = [];
  const walk = (dir: string, rel: string): void => {
    for (const name of fs.readdirSync(dir).sort()) {
      const r = rel ? `${rel}/${name}` : name;
      if (skip.includes(r)) continue;
      const p = path.join(dir, name);
      const st = fs.lstatSync(p);
      const mode = (st.mode & 0o7777).toString(8).padStart(4, '0');
      if (st.isSymbolicLink()) out.push(`l ${r} -> ${fs.readlinkSync(p)}`);
      else if (st.isDirectory()) {
        out.push(`d ${mode} ${r}/`);
        walk(p, r);
      } else out.push(`f ${mode} ${r} ${crypto.createHash('sha256').update(fs.readFileSync(p)).digest('hex').slice(0, 16)}`);
    }
  };
  walk(root, '');
  return out;
}

/** Compares `actual` with the golden file, or writes it when UPDATE_GOLDEN=1. */
export function golden(file: string, actual: string): string {
  if (process.env.UPDATE_GOLDEN === '1' || !fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, actual);
  }
  return fs.readFileSync(file, 'utf8');
}
