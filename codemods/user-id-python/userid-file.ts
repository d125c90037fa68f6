// Code that reads or writes the repo-root `env.userid` itself, found by structure: a call that
// opens, reads or writes a path naming that file (`open(userid_path, "w")`,
// `(BASE_DIR / "env.userid").read_text()`, a name or `self.x` bound to such a path). With the
// persag profile the file moves to the persag home, so a function that reads it delegates to the
// accessor, and a statement that writes it calls `set_userid(<value>)`. Both this codemod and
// path-refs ask `userIdFileUses` which places it owns, so that no place is edited twice.
import { NameValues } from '../shared/python/bindings.js';
import { calleeName, literalText, PathEvaluator, positionalArgs, stringParts, unparen } from '../shared/python/paths.js';
import { relocatePath } from '../shared/relocate.js';
import type { Relocation } from '../../plan/types.js';
import type { Node } from './parser.js';

export const USER_ID_FILE = 'env.userid';
/** The home dir accessor the persag settings module defines. */
export const HOME_ACCESSOR = 'persag_home';

const REPO_FILE: Relocation[] = [{ source: 'persag-home', type: 'file', from: { root: 'project', path: USER_ID_FILE }, to: { root: 'home', path: `.persag/${USER_ID_FILE}` } }];

export interface Reader {
  fn: Node;
  /** Key of `os.environ[...] = ...` the original set, so the delegate keeps exporting it. */
  exportsEnv?: { target: string; key: string };
  /** The original returned a value. */
  returns: boolean;
}

export interface Write {
  /** The statement replaced by `set_userid(<value>)`. */
  stmt: Node;
  /** The expression written, or the literal text of a constant value. */
  value: Node | string;
}

export interface UserIdFileUses {
  readers: Reader[];
  writes: Write[];
  /** Places that read or write the file in a way this codemod cannot rewrite (plan errors). */
  problems: Array<{ node: Node; message: string }>;
  /** Spans this codemod rewrites or reports: path-refs leaves them alone. */
  owned: Array<{ start: number; end: number }>;
}

type Use = { kind: 'read'; call: Node } | { kind: 'write'; call: Node; stmt?: Node; content?: Node };

const READ_METHODS = new Set(['read_text', 'read_bytes']);
const WRITE_METHODS = new Set(['write_text', 'write_bytes']);
const OPENERS = new Set(['open', 'io.open', 'codecs.open']);

function modeOf(call: Node, position: number): string {
  const kw = call.childForFieldName('arguments')?.namedChildren.find((c) => c.type === 'keyword_argument' && c.childForFieldName('name')?.text === 'mode');
  const node = kw?.childForFieldName('value') ?? positionalArgs(call)[position];
  return (node && literalText(node)) ?? 'r';
}

const writes = (mode: string): boolean => /[wax+]/.test(mode);

function enclosingFunction(node: Node): Node | undefined {
  for (let p = node.parent; p; p = p.parent) if (p.type === 'function_definition') return p;
  return undefined;
}

/** `with open(P, "w") as f: f.write(X)`: the with statement and what it writes (one write, nothing else). */
function withWrite(call: Node): { stmt?: Node; content?: Node } {
  const pattern = call.parent?.type === 'as_pattern' ? call.parent : undefined;
  const item = pattern?.parent?.type === 'with_item' ? pattern.parent : call.parent?.type === 'with_item' ? call.parent : undefined;
  const stmt = item?.parent?.parent;
  if (!item || stmt?.type !== 'with_statement') return {};
  const handle = pattern?.namedChildren.find((c) => c.type === 'as_pattern_target')?.text;
  const body = stmt.childForFieldName('body')?.namedChildren.filter((c) => c.type !== 'comment') ?? [];
  const only = body.length === 1 ? unparen(body[0]!.namedChildren[0] ?? body[0]!) : undefined;
  if (!handle || only?.type !== 'call' || calleeName(only) !== `${handle}.write`) return { stmt };
  return { stmt, content: positionalArgs(only)[0] };
}

/** The value a write puts after `USER_ID=`: `f'USER_ID="{v}"\n'`, `'USER_ID=%s' % v` (the node), a literal (quoted text). */
export function writtenValue(content: Node | undefined): Node | string | undefined {
  if (!content) return undefined;
  const node = unparen(content);
  const key = /^\s*(?:export\s+)?USER_ID\s*=\s*(["']?)$/;
  if (node.type === 'string') {
    const parts = stringParts(node);
    if (!parts) return undefined;
    const literal = literalText(node);
    if (literal !== undefined) {
      const m = /^\s*(?:export\s+)?USER_ID\s*=\s*(["']?)([^"'\n]*)\1\s*$/.exec(literal);
      return m ? JSON.stringify(m[2]) : undefined;
    }
    if (parts.length < 2 || !('text' in parts[0]!) || !('interpolation' in parts[1]!)) return undefined;
    const quote = key.exec(parts[0].text)?.[1];
    const tail = parts.slice(2).map((p) => ('text' in p ? p.text : '\u0000')).join('');
    if (quote === undefined || !new RegExp(`^${quote}\\s*$`).test(tail)) return undefined;
    return parts[1].interpolation;
  }
  if (node.type === 'binary_operator' && node.childForFieldName('operator')?.text === '%') {
    const fmt = literalText(unparen(node.childForFieldName('left')!));
    const right = unparen(node.childForFieldName('right')!);
    const m = fmt !== undefined ? /^\s*(?:export\s+)?USER_ID\s*=\s*(["']?)%s\1\s*$/.exec(fmt) : null;
    return m && right.type !== 'tuple' ? right : undefined;
  }
  return undefined;
}

class Finder {
  private readonly values: NameValues;
  private readonly evaluator: PathEvaluator;
  private readonly memo = new Map<number, boolean>();

  constructor(private readonly root: Node, file: string) {
    this.values = new NameValues(root);
    this.evaluator = new PathEvaluator({ file, lookup: (n) => this.values.valueOf(n), handled: () => false, homeAccessor: HOME_ACCESSOR });
  }

  /** Whether an expression is the repo-root env.userid (directly or through a name bound to it). */
  namesFile(expr: Node): boolean {
    const node = unparen(expr);
    const cached = this.memo.get(node.id);
    if (cached !== undefined) return cached;
    this.memo.set(node.id, false);
    let yes = false;
    if (node.type === 'identifier' || node.type === 'attribute') {
      const value = this.values.valueOf(node);
      if (value) yes = this.namesFile(value);
    }
    if (!yes) {
      const value = this.evaluator.evaluate(node);
      const found = value && relocatePath(value.pieces, REPO_FILE, value.anchor);
      yes = found?.kind === 'rewrite' && found.after.length === 1;
    }
    this.memo.set(node.id, yes);
    return yes;
  }

  uses(): Use[] {
    const out: Use[] = [];
    const walk = (n: Node): void => {
      if (n.type === 'call') {
        const use = this.useOf(n);
        if (use) out.push(use);
      }
      for (const c of n.namedChildren) walk(c);
    };
    walk(this.root);
    return out;
  }

  private useOf(call: Node): Use | undefined {
    const fn = call.childForFieldName('function');
    const name = calleeName(call);
    if (OPENERS.has(name)) {
      const target = positionalArgs(call)[0];
      if (!target || !this.namesFile(target)) return undefined;
      return writes(modeOf(call, 1)) ? { kind: 'write', call, ...withWrite(call) } : { kind: 'read', call };
    }
    if (fn?.type !== 'attribute') return undefined;
    const method = fn.childForFieldName('attribute')!.text;
    const obj = fn.childForFieldName('object')!;
    if (!READ_METHODS.has(method) && !WRITE_METHODS.has(method) && method !== 'open') return undefined;
    if (!this.namesFile(obj)) return undefined;
    if (READ_METHODS.has(method)) return { kind: 'read', call };
    if (WRITE_METHODS.has(method)) {
      const stmt = call.parent?.type === 'expression_statement' ? call.parent : undefined;
      return { kind: 'write', call, stmt, content: positionalArgs(call)[0] };
    }
    return writes(modeOf(call, 0)) ? { kind: 'write', call, ...withWrite(call) } : { kind: 'read', call };
  }
}

function exportedEnv(fn: Node): Reader['exportsEnv'] {
  let found: Reader['exportsEnv'];
  const walk = (n: Node): void => {
    if (found || (n.type === 'function_definition' && n.id !== fn.id) || n.type === 'class_definition') return;
    if (n.type === 'assignment') {
      const left = n.childForFieldName('left');
      const target = left?.type === 'subscript' ? left.childForFieldName('value')?.text : undefined;
      const key = left?.type === 'subscript' ? literalText(left.childForFieldName('subscript')!) : undefined;
      if (target && /(^|\.)environ$/.test(target) && key) found = { target, key };
    }
    n.namedChildren.forEach(walk);
  };
  walk(fn);
  return found;
}

function returnsValue(fn: Node): boolean {
  const walk = (n: Node): boolean => {
    if ((n.type === 'function_definition' && n.id !== fn.id) || n.type === 'class_definition' || n.type === 'lambda') return false;
    if (n.type === 'return_statement' && n.namedChildren.length > 0) return true;
    return n.namedChildren.some(walk);
  };
  return walk(fn);
}

/** Readers, writes and problems of one file, and the places they own. */
export function userIdFileUses(root: Node, file: string): UserIdFileUses {
  const finder = new Finder(root, file);
  const byFunction = new Map<number, { fn?: Node; uses: Use[] }>();
  for (const use of finder.uses()) {
    const fn = enclosingFunction(use.call);
    const key = fn?.id ?? -1;
    const entry = byFunction.get(key) ?? { fn, uses: [] };
    entry.uses.push(use);
    byFunction.set(key, entry);
  }
  const result: UserIdFileUses = { readers: [], writes: [], problems: [], owned: [] };
  for (const { fn, uses } of byFunction.values()) {
    const reads = uses.filter((u) => u.kind === 'read');
    const ws = uses.filter((u): u is Extract<Use, { kind: 'write' }> => u.kind === 'write').map((w) => ({ w, value: writtenValue(w.content) }));
    const constantOnly = ws.every(({ value }) => typeof value === 'string');
    // At module level the path itself is what matters: path-refs points it at the home.
    if (!fn) continue;
    if (reads.length > 0 && constantOnly) {
      // Reading the file, at most re-creating it with a default: the whole function is the reader.
      result.readers.push({ fn, exportsEnv: exportedEnv(fn), returns: returnsValue(fn) });
      result.owned.push({ start: fn.startIndex, end: fn.endIndex });
      continue;
    }
    if (reads.length > 0) {
      result.problems.push({ node: reads[0]!.call, message: `a function that both reads ${USER_ID_FILE} and writes a new user id into it; migrate it by hand to get_userid()/set_userid()` });
      result.owned.push({ start: fn.startIndex, end: fn.endIndex });
      continue;
    }
    for (const { w, value } of ws) {
      if (w.stmt && value !== undefined) {
        result.writes.push({ stmt: w.stmt, value });
        result.owned.push({ start: w.stmt.startIndex, end: w.stmt.endIndex });
      } else {
        result.problems.push({ node: w.call, message: `writes ${USER_ID_FILE}, but the value written cannot be identified; call set_userid(<user id>) instead` });
        result.owned.push({ start: w.call.startIndex, end: w.call.endIndex });
      }
    }
  }
  return result;
}
