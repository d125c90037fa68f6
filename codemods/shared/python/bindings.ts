// The one value a name holds where a path expression reads it: a function's own local assigned
// once in its body, else a module constant assigned once at top level, and `self.x` assigned
// once in its class. Anything assigned more than once, a parameter, or bound some other way
// (loop, import, `with ... as`) is unknown: the path stays run-time there.
import type { Node } from 'web-tree-sitter';

const SCOPES = new Set(['function_definition', 'lambda', 'class_definition']);
const OTHER_BINDERS = new Set(['for_statement', 'for_in_clause', 'with_item', 'import_statement', 'import_from_statement', 'global_statement', 'nonlocal_statement', 'named_expression', 'augmented_assignment']);

type Values = Map<string, Node[]>;

function add(map: Values, name: string, value: Node | undefined): void {
  const list = map.get(name) ?? [];
  // A binding we cannot read (`for x in`, `import x`) still counts, so that the name is unknown.
  list.push(value ?? (undefined as unknown as Node));
  map.set(name, list);
}

function boundNames(target: Node): string[] {
  if (target.type === 'identifier') return [target.text];
  return target.namedChildren.flatMap((c) => (c.type === 'identifier' ? [c.text] : ['pattern_list', 'tuple_pattern', 'list_pattern'].includes(c.type) ? boundNames(c) : []));
}

/** Assignments to plain names in `body`, not descending into nested scopes. */
function collect(body: Node, into: Values): void {
  for (const c of body.namedChildren) {
    if (c.type === 'assignment') {
      const left = c.childForFieldName('left');
      const right = c.childForFieldName('right');
      if (left?.type === 'identifier') add(into, left.text, right?.type === 'assignment' ? undefined : right ?? undefined);
      else if (left) for (const n of boundNames(left)) add(into, n, undefined);
    } else if (OTHER_BINDERS.has(c.type)) {
      const target = c.childForFieldName('left') ?? c.childForFieldName('alias') ?? c.childForFieldName('name');
      if (target) for (const n of boundNames(target)) add(into, n, undefined);
    } else if (c.type === 'function_definition' || c.type === 'class_definition') {
      const name = c.childForFieldName('name');
      if (name) add(into, name.text, undefined);
      continue;
    }
    if (!SCOPES.has(c.type)) collect(c, into);
  }
}

function selfAssignments(cls: Node, into: Values): void {
  for (const c of cls.namedChildren) {
    if (c.type === 'assignment') {
      const left = c.childForFieldName('left');
      const obj = left?.type === 'attribute' ? left.childForFieldName('object') : undefined;
      if (obj?.type === 'identifier' && obj.text === 'self') add(into, left!.childForFieldName('attribute')!.text, c.childForFieldName('right') ?? undefined);
    }
    if (c.type !== 'class_definition') selfAssignments(c, into);
  }
}

function enclosing(node: Node, types: readonly string[]): Node | undefined {
  for (let p = node.parent; p; p = p.parent) if (types.includes(p.type)) return p;
  return undefined;
}

/**
 * The one value among a name's assignments. A `None` placeholder (`self.temp_dir = None` in
 * `__init__`, set for real later) does not count: a path built from the name cannot have used it
 * (`None / "x"` raises), so the other assignment is the value every path here was built from.
 */
function single(values: Node[] | undefined): Node | undefined {
  const real = values?.filter((v) => v?.type !== 'none');
  return real?.length === 1 ? real[0] : undefined;
}

export class NameValues {
  private readonly module: Values = new Map();
  private readonly functions = new Map<number, Values>();
  private readonly classes = new Map<number, Values>();

  constructor(root: Node) {
    collect(root, this.module);
  }

  private functionValues(fn: Node): Values {
    let v = this.functions.get(fn.id);
    if (!v) {
      v = new Map();
      for (const p of fn.childForFieldName('parameters')?.namedChildren ?? []) {
        const name = p.type === 'identifier' ? p : p.childForFieldName('name') ?? p.namedChildren.find((c) => c.type === 'identifier');
        if (name) add(v, name.text, undefined);
      }
      const body = fn.childForFieldName('body');
      if (body) collect(body, v);
      this.functions.set(fn.id, v);
    }
    return v;
  }

  /** The expression a name or `self.x` was assigned, when there is exactly one. */
  valueOf(node: Node): Node | undefined {
    if (node.type === 'attribute') {
      const cls = enclosing(node, ['class_definition']);
      if (!cls) return undefined;
      let v = this.classes.get(cls.id);
      if (!v) {
        v = new Map();
        selfAssignments(cls, v);
        this.classes.set(cls.id, v);
      }
      return single(v.get(node.childForFieldName('attribute')!.text));
    }
    for (let fn = enclosing(node, ['function_definition', 'lambda']); fn; fn = enclosing(fn, ['function_definition', 'lambda'])) {
      if (fn.type === 'lambda') continue;
      const local = this.functionValues(fn).get(node.text);
      if (local) return single(local);
    }
    return single(this.module.get(node.text));
  }
}
