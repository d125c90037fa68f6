// Python name binding, as the interpreter resolves it: module, class, function, lambda and
// comprehension scopes; `global` / `nonlocal`; class bodies invisible to nested functions;
// defaults, annotations and decorators evaluated in the enclosing scope. The codemod decides
// whether an identifier is "the imported USER_ID" from this, never from the name alone.
import type { Node } from './parser.js';

export type ScopeKind = 'module' | 'class' | 'function' | 'lambda' | 'comprehension';

/** `from <dots><module> import <imported> [as <local>]` or `import <dotted> [as <local>]`. */
export type ImportInfo =
  | { form: 'from'; level: number; module: string; imported: string; stmt: Node; nameNode: Node }
  /** `dotted` is the module the local name stands for: all of `a.b.c` when aliased, else `a`. */
  | { form: 'import'; dotted: string; stmt: Node; nameNode: Node };

export type Binding =
  | { kind: 'import'; name: string; node: Node; info: ImportInfo }
  | { kind: 'wildcard'; name: '*'; node: Node; level: number; module: string }
  /** `name = value` (or `name: T = value`) as a whole statement; `stmt` is the expression_statement. */
  | { kind: 'assign'; name: string; node: Node; assignment: Node; stmt: Node }
  | { kind: 'def' | 'class' | 'param' | 'other'; name: string; node: Node };

export interface Scope {
  kind: ScopeKind;
  node: Node;
  parent?: Scope;
  bindings: Map<string, Binding[]>;
  globals: Set<string>;
  nonlocals: Set<string>;
  wildcards: Binding[];
}

export interface Reference {
  node: Node;
  scope: Scope;
}

export interface ScopeAnalysis {
  module: Scope;
  scopes: Scope[];
  /** Every identifier read as a variable, in document order. */
  references: Reference[];
}

const COMPREHENSIONS = new Set(['list_comprehension', 'set_comprehension', 'dictionary_comprehension', 'generator_expression']);
const TARGET_CONTAINERS = new Set([
  'pattern_list', 'tuple_pattern', 'list_pattern', 'tuple', 'list', 'parenthesized_expression',
  'expression_list', 'list_splat_pattern', 'list_splat', 'as_pattern_target',
]);

export function dottedText(node: Node): string {
  return node.namedChildren.filter((c) => c.type === 'identifier').map((c) => c.text).join('.');
}

/** Named children without comments (comments are "extras" that may sit anywhere). */
export function codeChildren(node: Node): Node[] {
  return node.namedChildren.filter((c) => c.type !== 'comment');
}

/**
 * Restricts the analysis to the names a caller cares about: subtrees that never spell one of
 * them (nor a name any import binds) cannot bind or read them, so they are skipped unvisited.
 */
export interface Focus {
  text: string;
  names: readonly string[];
  /** Names starting with one of these also count (e.g. `get_userid` for `get_userid_1`). */
  prefixes?: readonly string[];
}

const STATEMENT_CONTAINERS = new Set([
  'block', 'if_statement', 'elif_clause', 'else_clause', 'for_statement', 'while_statement', 'try_statement',
  'except_clause', 'except_group_clause', 'finally_clause', 'with_statement', 'function_definition',
  'class_definition', 'decorated_definition', 'match_statement', 'case_clause',
]);

/** Local names bound by import statements anywhere, found without visiting expressions. */
function importedNames(node: Node, out: Set<string>): void {
  for (const c of node.namedChildren) {
    if (c.type === 'import_statement' || c.type === 'import_from_statement') {
      for (const id of c.descendantsOfType('identifier')) out.add(id.text);
    } else if (STATEMENT_CONTAINERS.has(c.type)) importedNames(c, out);
  }
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Sorted offsets where a focused name occurs as a word. */
function focusOffsets(root: Node, focus: Focus): number[] {
  const names = new Set(focus.names);
  importedNames(root, names);
  const words = [...names].map(escape);
  const prefixes = (focus.prefixes ?? []).map((p) => `${escape(p)}\\w*`);
  const re = new RegExp(`(?<![\\w])(?:${[...prefixes, ...words].join('|')})(?![\\w])`, 'g');
  return [...focus.text.matchAll(re)].map((m) => m.index!);
}

function containsOffset(sorted: readonly number[], start: number, end: number): boolean {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < start) lo = mid + 1;
    else hi = mid;
  }
  return lo < sorted.length && sorted[lo]! < end;
}

export function analyzeScopes(root: Node, focus?: Focus): ScopeAnalysis {
  const offsets = focus ? focusOffsets(root, focus) : undefined;
  const scopes: Scope[] = [];
  const references: Reference[] = [];

  const open = (kind: ScopeKind, node: Node, parent?: Scope): Scope => {
    const s: Scope = { kind, node, parent, bindings: new Map(), globals: new Set(), nonlocals: new Set(), wildcards: [] };
    scopes.push(s);
    return s;
  };
  const module = open('module', root);

  /** The scope a binding in `scope` lands in, honouring `global` and `nonlocal`. */
  const owner = (scope: Scope, name: string): Scope => {
    if (scope.globals.has(name)) return module;
    if (scope.nonlocals.has(name)) {
      for (let p = scope.parent; p; p = p.parent) if (p.kind === 'function' && p.bindings.has(name)) return p;
    }
    return scope;
  };
  const bind = (scope: Scope, b: Binding): void => {
    const target = owner(scope, b.name);
    const list = target.bindings.get(b.name);
    if (list) list.push(b);
    else target.bindings.set(b.name, [b]);
  };
  const bindOther = (scope: Scope, id: Node, kind: 'def' | 'class' | 'param' | 'other' = 'other'): void =>
    bind(scope, { kind, name: id.text, node: id });

  const bindTargets = (node: Node, scope: Scope): void => {
    if (node.type === 'identifier') bindOther(scope, node);
    else if (TARGET_CONTAINERS.has(node.type)) for (const c of codeChildren(node)) bindTargets(c, scope);
    else visit(node, scope);
  };

  const visitParameters = (params: Node | null, outer: Scope, inner: Scope): void => {
    if (!params) return;
    for (const p of codeChildren(params)) {
      switch (p.type) {
        case 'identifier':
          bindOther(inner, p, 'param');
          break;
        case 'default_parameter':
        case 'typed_default_parameter':
        case 'typed_parameter': {
          const name = p.childForFieldName('name') ?? codeChildren(p).find((c) => c.type !== 'type');
          if (name) bindTargets(name, inner);
          const type = p.childForFieldName('type');
          if (type) visit(type, outer);
          const value = p.childForFieldName('value');
          if (value) visit(value, outer);
          break;
        }
        case 'list_splat_pattern':
        case 'dictionary_splat_pattern':
        case 'tuple_pattern':
          bindTargets(p.type === 'tuple_pattern' ? p : codeChildren(p)[0] ?? p, inner);
          break;
        default:
          break; // `/` and `*` separators
      }
    }
  };

  const visitImport = (node: Node, scope: Scope): void => {
    if (node.type === 'import_statement') {
      for (const n of codeChildren(node)) {
        const dotted = n.type === 'aliased_import' ? n.childForFieldName('name')! : n;
        const alias = n.type === 'aliased_import' ? n.childForFieldName('alias') : null;
        const full = dottedText(dotted);
        const local = alias ?? codeChildren(dotted)[0]!;
        const info: ImportInfo = { form: 'import', dotted: alias ? full : local.text, stmt: node, nameNode: n };
        bind(scope, { kind: 'import', name: local.text, node: local, info });
      }
      return;
    }
    const moduleNode = node.childForFieldName('module_name')!;
    let level = 0;
    let moduleName = '';
    if (moduleNode.type === 'relative_import') {
      const prefix = codeChildren(moduleNode).find((c) => c.type === 'import_prefix');
      level = prefix ? prefix.text.length : 0;
      const dotted = codeChildren(moduleNode).find((c) => c.type === 'dotted_name');
      moduleName = dotted ? dottedText(dotted) : '';
    } else moduleName = dottedText(moduleNode);
    for (const n of node.childrenForFieldName('name')) {
      const dotted = n.type === 'aliased_import' ? n.childForFieldName('name')! : n;
      const alias = n.type === 'aliased_import' ? n.childForFieldName('alias') : null;
      const local = alias ?? codeChildren(dotted)[0]!;
      const info: ImportInfo = { form: 'from', level, module: moduleName, imported: dottedText(dotted), stmt: node, nameNode: n };
      bind(scope, { kind: 'import', name: local.text, node: local, info });
    }
    if (codeChildren(node).some((c) => c.type === 'wildcard_import')) {
      owner(scope, '*').wildcards.push({ kind: 'wildcard', name: '*', node, level, module: moduleName });
    }
  };

  /** Identifiers a `case` pattern binds: captures (`x`), star captures, `as` names. */
  const visitPattern = (node: Node, scope: Scope): void => {
    for (const c of codeChildren(node)) {
      if (c.type === 'dotted_name') {
        const ids = codeChildren(c);
        if (ids.length === 1 && c.parent?.type !== 'class_pattern') bindOther(scope, ids[0]!);
      } else if (c.type === 'identifier') {
        if (node.type === 'splat_pattern' || node.type === 'as_pattern') bindOther(scope, c);
      } else if (c.type === 'case_pattern' || c.type.endsWith('_pattern')) visitPattern(c, scope);
      else visit(c, scope);
    }
  };

  const visitComprehension = (node: Node, scope: Scope): void => {
    const comp = open('comprehension', node, scope);
    let first = true;
    for (const c of codeChildren(node)) {
      if (c.type === 'for_in_clause') {
        const right = c.childForFieldName('right');
        if (right) visit(right, first ? scope : comp);
        const left = c.childForFieldName('left');
        if (left) bindTargets(left, comp);
        first = false;
      }
    }
    for (const c of codeChildren(node)) if (c.type !== 'for_in_clause') visit(c, comp);
  };

  const visitChildren = (node: Node, scope: Scope): void => {
    for (const c of codeChildren(node)) visit(c, scope);
  };

  /**
   * Walks `start` with an explicit stack: plain expressions (operators, calls, literals) can nest
   * thousands deep in generated code, deeper than the call stack; only nodes with special
   * binding rules recurse.
   */
  function visit(start: Node, scope: Scope): void {
    const stack = [start];
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (offsets && !containsOffset(offsets, node.startIndex, node.endIndex)) continue;
      if (visitSpecial(node, scope)) continue;
      const kids = codeChildren(node);
      for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
    }
  }

  /** Handles a node whose children bind or open scopes; false for plain nodes. */
  function visitSpecial(node: Node, scope: Scope): boolean {
    switch (node.type) {
      case 'identifier':
        references.push({ node, scope });
        return true;
      case 'function_definition': {
        const name = node.childForFieldName('name');
        if (name) bindOther(scope, name, 'def');
        const fn = open('function', node, scope);
        visitParameters(node.childForFieldName('parameters'), scope, fn);
        const ret = node.childForFieldName('return_type');
        if (ret) visit(ret, scope);
        const body = node.childForFieldName('body');
        if (body) visit(body, fn);
        return true;
      }
      case 'lambda': {
        const fn = open('lambda', node, scope);
        visitParameters(node.childForFieldName('parameters'), scope, fn);
        const body = node.childForFieldName('body');
        if (body) visit(body, fn);
        return true;
      }
      case 'class_definition': {
        const name = node.childForFieldName('name');
        if (name) bindOther(scope, name, 'class');
        for (const field of ['type_parameters', 'superclasses']) {
          const n = node.childForFieldName(field);
          if (n) visit(n, scope);
        }
        const body = node.childForFieldName('body');
        if (body) visit(body, open('class', node, scope));
        return true;
      }
      case 'import_statement':
      case 'import_from_statement':
        visitImport(node, scope);
        return true;
      case 'future_import_statement':
        return true;
      case 'global_statement':
      case 'nonlocal_statement':
        for (const id of codeChildren(node)) (node.type === 'global_statement' ? scope.globals : scope.nonlocals).add(id.text);
        return true;
      case 'assignment': {
        const left = node.childForFieldName('left');
        const right = node.childForFieldName('right');
        const type = node.childForFieldName('type');
        if (type) visit(type, scope);
        if (right) visit(right, scope);
        if (left?.type === 'identifier' && node.parent?.type === 'expression_statement') {
          bind(scope, { kind: 'assign', name: left.text, node: left, assignment: node, stmt: node.parent });
        } else if (left) bindTargets(left, scope);
        return true;
      }
      case 'augmented_assignment': {
        const left = node.childForFieldName('left');
        if (left?.type === 'identifier') bindOther(scope, left);
        visitChildren(node, scope);
        return true;
      }
      case 'for_statement':
      case 'for_in_clause': {
        const left = node.childForFieldName('left');
        if (left) bindTargets(left, scope);
        for (const c of codeChildren(node)) if (c.id !== left?.id) visit(c, scope);
        return true;
      }
      case 'as_pattern': {
        const alias = node.childForFieldName('alias');
        for (const c of codeChildren(node)) {
          if (alias && c.id === alias.id) bindTargets(c, scope);
          else visit(c, scope);
        }
        return true;
      }
      case 'named_expression': {
        let target = scope;
        while (target.kind === 'comprehension' && target.parent) target = target.parent;
        const name = node.childForFieldName('name');
        if (name) bindOther(target, name);
        const value = node.childForFieldName('value');
        if (value) visit(value, scope);
        return true;
      }
      case 'delete_statement':
        for (const c of codeChildren(node)) bindTargets(c, scope);
        return true;
      case 'attribute': {
        const object = node.childForFieldName('object');
        if (object) visit(object, scope);
        return true;
      }
      case 'keyword_argument': {
        const value = node.childForFieldName('value');
        if (value) visit(value, scope);
        return true;
      }
      case 'case_pattern':
        visitPattern(node, scope);
        return true;
      case 'dotted_name':
        return true;
      default:
        if (!COMPREHENSIONS.has(node.type)) return false;
        visitComprehension(node, scope);
        return true;
    }
  }

  visitChildren(root, module);
  return { module, scopes, references };
}

/** The scope whose binding of `name` a read in `scope` sees; undefined for builtins/unknown. */
export function resolveScope(name: string, scope: Scope): Scope | undefined {
  let root = scope;
  while (root.parent) root = root.parent;
  if (scope.globals.has(name)) return root.bindings.has(name) ? root : undefined;
  if (scope.bindings.has(name)) return scope;
  for (let p = scope.parent; p; p = p.parent) {
    if (p.kind === 'class') continue;
    if (p.globals.has(name)) return root.bindings.has(name) ? root : undefined;
    if (p.bindings.has(name)) return p;
  }
  return undefined;
}

/** True when code in `scope` runs while the module is being imported (no function between). */
export function runsAtImport(scope: Scope): boolean {
  for (let s: Scope | undefined = scope; s; s = s.parent) if (s.kind === 'function' || s.kind === 'lambda') return false;
  return true;
}
