// One read per call: a function body that reads the constant more than once calls the accessor
// once into a local (`user_id = get_userid()`, a free name) placed before the statement holding
// the first read (so after the docstring and any early exit above it), and uses the local. A
// single read stays inline. Defaults rewritten into `if x is None:` guards count as reads of the
// body: the local then goes above the guards, which use it too. Lambdas and generator expressions keep their own reads (they may run
// after the call, after a user switch); list, set and dict comprehensions run within the call.
import type { Splice } from '../../plan/types.js';
import { indentAt, lineStart, nextLineStart } from './layout.js';
import type { Node } from './parser.js';
import type { Scope } from './scope.js';
import { enclosingFunction } from './import-sites.js';

export interface InlineRead {
  /** The expression that stands for the constant. */
  node: Node;
  /** Its rewrite as an inline accessor call. */
  splice: Splice;
  /** The accessor as a callable: `get_userid`, `settings.get_userid`. */
  callable: string;
  scope: Scope;
}

const LOCAL_NAMES = ['user_id', 'current_user_id'];

/** The function scope whose call evaluates a read made in `scope`, if any. */
export function callScope(scope: Scope): Scope | undefined {
  let s: Scope | undefined = scope;
  while (s && s.kind === 'comprehension' && s.node.type !== 'generator_expression') s = s.parent;
  return s?.kind === 'function' ? s : undefined;
}

/** Names spelled in the function as variables (attribute names and keyword names are not). */
function spelledNames(fn: Node): Set<string> {
  const out = new Set<string>();
  for (const id of fn.descendantsOfType('identifier')) {
    const p = id.parent;
    const attribute = p?.type === 'attribute' && p.childForFieldName('attribute')?.id === id.id;
    const keyword = p?.type === 'keyword_argument' && p.childForFieldName('name')?.id === id.id;
    if (!attribute && !keyword) out.add(id.text);
  }
  return out;
}

export function freeLocal(fn: Node): string {
  const used = spelledNames(fn);
  for (const name of LOCAL_NAMES) if (!used.has(name)) return name;
  let i = 1;
  while (used.has(`user_id_${i}`)) i++;
  return `user_id_${i}`;
}

/** The statement directly in the function's body block that holds `node`. */
function statementIn(body: Node, node: Node): Node | undefined {
  for (let n: Node | null = node; n; n = n.parent) if (n.parent?.id === body.id) return n;
  return undefined;
}

/**
 * Where the local goes: before `statement` (the one holding the first read), unless the function
 * imports the constant or the accessor itself before the first read (`try: from ..settings import
 * USER_ID`, which becomes the accessor's import): then just after that import, in its block, when
 * that block holds every read; else nowhere (the reads stay inline), as the accessor is not bound
 * above it.
 */
function localSite(text: string, fn: Node, statement: Node, group: readonly InlineRead[]): { offset: number; indent: string } | undefined {
  const names = new Set(group.flatMap((r) => [r.node.text.split('.')[0]!, r.callable.split('.')[0]!]));
  const firstRead = Math.min(...group.map((r) => r.node.startIndex));
  const imports = fn.descendantsOfType(['import_from_statement', 'import_statement']).filter((s): s is Node => !!s && s.startIndex < firstRead
    && enclosingFunction(s)?.id === fn.id && s.childrenForFieldName('name').some((n) => names.has((n.childForFieldName('alias') ?? n.childForFieldName('name') ?? n).text.split('.')[0]!)));
  const last = imports.sort((a, b) => b.startIndex - a.startIndex)[0];
  if (!last || last.startIndex < statement.startIndex) return { offset: lineStart(text, statement.startIndex), indent: indentAt(text, statement.startIndex) };
  const block = last.parent!;
  if (!group.every((r) => block.startIndex <= r.node.startIndex && r.node.endIndex <= block.endIndex)) return undefined;
  return { offset: nextLineStart(text, last.endIndex), indent: indentAt(text, last.startIndex) };
}

/**
 * Splices for the reads: through a local in functions that read more than once, else inline.
 * `shared`: functions whose local the caller already assigns (with the guards of their defaults).
 */
export function oneReadPerCall(text: string, eol: string, reads: readonly InlineRead[], shared: ReadonlyMap<Scope, string> = new Map()): Splice[] {
  const byFunction = new Map<Scope, InlineRead[]>();
  for (const read of reads) {
    const fn = callScope(read.scope);
    if (fn) byFunction.set(fn, [...(byFunction.get(fn) ?? []), read]);
  }
  const splices: Splice[] = [];
  const viaLocal = new Set<InlineRead>();
  for (const [fn, group] of byFunction) {
    const body = fn.node.childForFieldName('body');
    const assigned = shared.get(fn);
    if (assigned) {
      for (const read of group) {
        splices.push({ start: read.node.startIndex, end: read.node.endIndex, text: assigned });
        viaLocal.add(read);
      }
      continue;
    }
    const first = [...group].sort((a, b) => a.node.startIndex - b.node.startIndex)[0]!;
    const statement = body && statementIn(body, first.node);
    // A body on the `def` line (`def f(): return X + X`) has no line of its own to put the local on.
    if (group.length < 2 || !statement || lineStart(text, statement.startIndex) + indentAt(text, statement.startIndex).length !== statement.startIndex) continue;
    const at = localSite(text, fn.node, statement, group);
    if (!at) continue;
    const local = freeLocal(fn.node);
    splices.push({ start: at.offset, end: at.offset, text: `${at.indent}${local} = ${first.callable}()${eol}` });
    for (const read of group) {
      splices.push({ start: read.node.startIndex, end: read.node.endIndex, text: local });
      viaLocal.add(read);
    }
  }
  for (const read of reads) if (!viaLocal.has(read)) splices.push(read.splice);
  return splices;
}
