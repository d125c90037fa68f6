import type { ExtensionOp, Loc, MoveOp, Operation } from './types.js';

/** The dirs a move creates before it renames, outermost first (none for other kinds). */
export function newParentsOf(op: Operation): Loc[] {
  const n = op.kind === 'move' ? ((op as MoveOp).newParents ?? 0) : 0;
  if (n <= 0) return [];
  const { root, path } = (op as MoveOp).to;
  const parts = path.split('/');
  if (!Number.isInteger(n) || n >= parts.length) return []; // a damaged plan: preflight refuses it
  const out: Loc[] = [];
  for (let k = parts.length - n; k < parts.length; k++) out.push({ root, path: parts.slice(0, k).join('/') });
  return out;
}

/** Every location an operation reads or writes, each once (its preconditions mostly repeat them), for containment checks. */
export function locationsOf(op: Operation): Loc[] {
  const all: Loc[] = [];
  if ('path' in op && op.path) all.push(op.path as Loc);
  if ('from' in op && op.from) all.push(op.from as Loc);
  if ('to' in op && op.to) all.push(op.to as Loc);
  if ('replaces' in op) all.push(...(op as ExtensionOp).replaces, ...(op as ExtensionOp).creates);
  for (const p of op.pre) all.push(p.loc);
  const seen = new Set<string>();
  return all.filter((l) => {
    const key = `${String(l.root)}\0${String(l.path)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Paths an operation brings into existence. */
export function createdBy(op: Operation): Loc[] {
  switch (op.kind) {
    case 'write':
    case 'mkdir':
      return [(op as { path: Loc }).path];
    case 'move':
      return [...newParentsOf(op), (op as MoveOp).to];
    case 'copy':
      return [(op as { to: Loc }).to];
    case 'edit':
    case 'delete-empty-dir':
      return [];
    default:
      return (op as ExtensionOp).creates;
  }
}
