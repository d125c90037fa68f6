import type { ExtensionOp, Loc, Operation } from './types.js';

/** Every location an operation reads or writes, for containment checks. */
export function locationsOf(op: Operation): Loc[] {
  const own: Loc[] = [];
  if ('path' in op && op.path) own.push(op.path as Loc);
  if ('from' in op && op.from) own.push(op.from as Loc);
  if ('to' in op && op.to) own.push(op.to as Loc);
  if ('replaces' in op) own.push(...(op as ExtensionOp).replaces, ...(op as ExtensionOp).creates);
  return [...own, ...op.pre.map((p) => p.loc)];
}

/** Paths an operation brings into existence. */
export function createdBy(op: Operation): Loc[] {
  switch (op.kind) {
    case 'write':
    case 'mkdir':
      return [(op as { path: Loc }).path];
    case 'move':
    case 'copy':
      return [(op as { to: Loc }).to];
    case 'edit':
    case 'delete-empty-dir':
      return [];
    default:
      return (op as ExtensionOp).creates;
  }
}
