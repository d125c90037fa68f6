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
