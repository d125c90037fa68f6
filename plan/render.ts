// Human-readable views of a plan: one line per operation, the dry-run diff, a git patch.
import fs from 'node:fs';
import pc from 'picocolors';
import { diffStat, unifiedDiff } from './diff.js';
import { newParentsOf } from './locations.js';
import { abs, display } from './paths.js';
import { applySplices, decodeText } from './text.js';
import type { EditOp, ExtensionOp, Fingerprint, Loc, Operation, PlanView } from './types.js';

type Colors = ReturnType<typeof pc.createColors>;

export function colors(enabled: boolean): Colors {
  return pc.createColors(enabled);
}

function fpBytes(f: Fingerprint | undefined): number {
  if (!f) return 0;
  if (f.type === 'file') return f.size;
  if (f.type === 'dir') return f.bytes;
  return 0;
}

/** Bytes an operation relocates or copies (what the user's disk will see moving). */
export function bytesMoved(op: Operation): number {
  if (op.kind !== 'move' && op.kind !== 'copy') return 0;
  const from = (op as { from: Loc }).from;
  return fpBytes(op.pre.find((p) => p.loc.root === from.root && p.loc.path === from.path)?.expect);
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = n / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[u]}`;
}

export function describeOperation(op: Operation): string {
  switch (op.kind) {
    case 'edit': {
      const e = op as EditOp;
      const { added, removed } = diffStat(e.diff);
      const keys = e.sensitive && e.changedKeys?.length ? ` (sets ${e.changedKeys.join(', ')})` : '';
      return `edit ${display(e.path)}  +${added} -${removed}${keys}`;
    }
    case 'write':
    case 'mkdir':
    case 'delete-empty-dir':
      return `${op.kind} ${display((op as { path: Loc }).path)}`;
    case 'move':
    case 'copy': {
      const o = op as { from: Loc; to: Loc };
      const made = newParentsOf(op);
      const creating = made.length > 0 ? `  (creates ${made.map((l) => `${display(l)}/`).join(', ')})` : '';
      return `${op.kind} ${display(o.from)} -> ${display(o.to)}${creating}`;
    }
    default:
      return `${op.kind} ${(op as ExtensionOp).description}`;
  }
}

function colorDiff(diff: string, c: Colors): string {
  return diff
    .split('\n')
    .map((l) => {
      if (l.startsWith('diff --git') || l.startsWith('---') || l.startsWith('+++')) return c.bold(l);
      if (l.startsWith('@@')) return c.cyan(l);
      if (l.startsWith('+')) return c.green(l);
      if (l.startsWith('-')) return c.red(l);
      return l;
    })
    .join('\n');
}

/** The dry-run view: every edit's diff, then every file-system operation, in plan order. */
export function renderDryRun(plan: PlanView, color: boolean): string {
  const c = colors(color);
  // Three passes over the operations, each read from the plan's store: none is kept.
  let diffs = '';
  let files = '';
  let others = '';
  for (const o of plan.operations) {
    if (o.kind === 'edit') diffs += colorDiff((o as EditOp).diff, c);
  }
  for (const o of plan.operations) {
    if (o.kind !== 'edit') continue;
    const e = o as EditOp;
    const { added, removed } = diffStat(e.diff);
    files += `  ${display(e.path)}  ${c.green(`+${added}`)} ${c.red(`-${removed}`)}${e.sensitive && e.changedKeys?.length ? `  (sets ${e.changedKeys.join(', ')})` : ''}\n`;
  }
  for (const o of plan.operations) if (o.kind !== 'edit') others += `  ${describeOperation(o)}\n`;
  return `${diffs}${files ? `\n${c.bold('Files changed:')}\n${files}` : ''}${others ? `\n${c.bold('File-system operations:')}\n${others}` : ''}`;
}

/**
 * A patch `git apply` accepts, for edits under the project root. Diffs are rebuilt from the
 * files on disk with full context (the plan keeps sensitive files' context out).
 */
export function renderPatch(plan: PlanView): { patch: string; leftOut: string[] } {
  let patch = '';
  const leftOut: string[] = [];
  for (const op of plan.operations) {
    if (op.kind === 'edit') {
      const e = op as EditOp;
      if (e.path.root !== 'project') {
        leftOut.push(display(e.path));
        continue;
      }
      const decoded = decodeText(fs.readFileSync(abs(plan.roots, e.path)));
      if (!decoded.ok) continue;
      patch += unifiedDiff(e.path.path, decoded.text, applySplices(decoded.text, e.splices));
    } else if (op.kind !== 'mkdir') {
      leftOut.push(describeOperation(op));
    }
  }
  return { patch, leftOut };
}

export interface PlanSummary {
  operations: number;
  byKind: Record<string, number>;
  bySource: Record<string, number>;
  filesEdited: number;
  bytesToMove: number;
  warnings: number;
  errors: number;
}

export function summarize(plan: Pick<PlanView, 'operations' | 'warnings' | 'errors'>): PlanSummary {
  const byKind: Record<string, number> = {};
  const bySource: Record<string, number> = {};
  let bytesToMove = 0;
  for (const op of plan.operations) {
    byKind[op.kind] = (byKind[op.kind] ?? 0) + 1;
    bySource[op.source] = (bySource[op.source] ?? 0) + 1;
    bytesToMove += bytesMoved(op);
  }
  return {
    operations: plan.operations.length,
    byKind,
    bySource,
    filesEdited: byKind.edit ?? 0,
    bytesToMove,
    warnings: plan.warnings.length,
    errors: plan.errors.length,
  };
}
