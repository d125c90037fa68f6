// The one notion of "a read of the constant" in Python. The user-id codemod rewrites what this
// finds (or carries a plan warning for it) and the lint's static-user-id rule reports it: a name
// imported as the constant (`from pkg.settings import USER_ID [as X]`), `mod.USER_ID` on an
// imported module (through `pkg.config.settings` chains), and `getattr(mod, "USER_ID")`.
// Which modules count is the `ModuleView`'s business: the codemod resolves imports against the
// project, the lint matches module names.
import type { Names } from './facts.js';
import type { ModuleView, Provider } from './modules.js';
import type { Node } from './parser.js';
import { codeChildren, resolveScope, type Binding, type Reference, type Scope } from './scope.js';

// The lint rule static-user-id reports these same reads and reaches the detector through this module only.
export type { ModuleView } from './modules.js';
export { analyzeScopes } from './scope.js';
// A module defining the constant as a key name (`USER_ID = "USER_ID"`) provides no user id: the lint's project facts ask the same test.
export { definesKeyName } from './facts.js';

/** What one binding of a name makes of it. */
export type BindingKind =
  /** `from <provider> import CONST`. */
  | 'userid'
  /** `from <provider> import CONST` where the provider will not offer the accessor. */
  | 'blocked'
  /** `from <other module> import CONST`: a constant of that name from elsewhere (or from a module the project lacks). */
  | 'foreign'
  /** The defining module's own `CONST = ...`. */
  | 'define'
  /** `CONST = ...` in an `except` next to the import. */
  | 'fallback'
  /** An imported module. */
  | 'module'
  | 'other';

export type Import = Binding & { kind: 'import' };
export type Assign = Binding & { kind: 'assign' };

/** What a name bound in one scope stands for, judged from all its bindings there. */
export interface Judgement {
  kinds: BindingKind[];
  /** The module the name stands for, when every binding imports the same one. */
  base?: string;
  outcome: 'userid' | 'define' | 'blocked' | 'foreign' | 'mixed' | 'module' | 'none';
}

export const isImport = (b: Binding): b is Import => b.kind === 'import';

/** The module an import statement names, as written: `..config.settings`, `app.config`. */
export function importedModuleText(b: Import): string {
  return b.info.form === 'from' ? '.'.repeat(b.info.level) + b.info.module : b.info.dotted;
}

/** Binding `from X import CONST`: the module X resolves to, and its provider role if it has one. */
export function importedFrom(view: ModuleView, file: string, b: Import): { base?: string; provider?: Provider } {
  if (b.info.form !== 'from') return {};
  const base = view.resolve(file, { level: b.info.level, module: b.info.module });
  return { base, provider: base === undefined ? undefined : view.provider(view.fileOf(base)) };
}

/** The module a module-binding import names (`import a.b as m`, `from a import b` when b is a module). */
export function moduleBase(view: ModuleView, file: string, b: Import): string | undefined {
  const info = b.info;
  if (info.form === 'import') return view.resolve(file, { level: 0, module: info.dotted });
  const base = view.resolve(file, { level: info.level, module: info.module });
  return base === undefined ? undefined : view.child(base, info.imported);
}

function inExcept(b: Assign, scope: Scope): boolean {
  for (let n = b.stmt.parent; n && n.id !== scope.node.id; n = n.parent) if (n.type === 'except_clause') return true;
  return false;
}

/** How the bindings of `name` in `scope` bind it. `definer`: the file is the constant's defining module. */
export function judge(view: ModuleView, file: string, names: Names, scope: Scope, name: string, bindings: readonly Binding[], definer: boolean): Judgement {
  const c = names.constant;
  const kinds: BindingKind[] = [];
  const bases = new Set<string>();
  for (const b of bindings) {
    if (b.kind === 'import') {
      const base = moduleBase(view, file, b);
      if (base !== undefined) {
        kinds.push('module');
        bases.add(base);
        continue;
      }
      if (b.info.form !== 'from' || b.info.imported !== c) {
        kinds.push('other');
        continue;
      }
      const { provider } = importedFrom(view, file, b);
      kinds.push(provider ? (provider.ok ? 'userid' : 'blocked') : 'foreign');
    } else if (b.kind === 'assign' && name === c && scope.kind === 'module' && definer) kinds.push('define');
    else if (b.kind === 'assign') kinds.push(inExcept(b, scope) ? 'fallback' : 'other');
    else kinds.push('other');
  }
  const only = (...allowed: BindingKind[]) => kinds.every((k) => allowed.includes(k));
  const outcome: Judgement['outcome'] =
    kinds.every((k) => k === 'module') && bases.size === 1 ? 'module'
      : kinds.includes('userid') && only('userid', 'fallback') ? 'userid'
        : kinds.length === 1 && kinds[0] === 'define' ? 'define'
          : kinds.includes('blocked') && only('blocked', 'fallback') ? 'blocked'
            : kinds.includes('foreign') && only('foreign', 'fallback', 'other') ? 'foreign'
              : kinds.some((k) => k === 'userid' || k === 'blocked' || k === 'define') ? 'mixed'
                : 'none';
  return { kinds, outcome, ...(outcome === 'module' ? { base: [...bases][0]! } : {}) };
}

/** Judgements of every name of interest in every scope of a file. */
export class Judgements {
  private readonly byScope = new Map<Scope, Map<string, Judgement>>();

  constructor(
    private readonly view: ModuleView,
    private readonly file: string,
    private readonly names: Names,
    scopes: readonly Scope[],
    definer: boolean,
  ) {
    for (const scope of scopes) {
      const m = new Map<string, Judgement>();
      for (const [name, bindings] of scope.bindings) m.set(name, judge(view, file, names, scope, name, bindings, definer));
      this.byScope.set(scope, m);
    }
  }

  get(scope: Scope, name: string): Judgement | undefined {
    return this.byScope.get(scope)?.get(name);
  }

  /** The judgement a read of `name` in `scope` sees, with the scope that binds it. */
  seen(name: string, scope: Scope): { owner: Scope; judgement: Judgement } | undefined {
    const owner = resolveScope(name, scope);
    const judgement = owner && this.get(owner, name);
    return owner && judgement ? { owner, judgement } : undefined;
  }

  /** A read of the constant reached from a reference (the start of `name`, `mod.CONST`, `getattr(mod, "CONST")`). */
  readOf(ref: Reference): PyRead | undefined {
    const seen = this.seen(ref.node.text, ref.scope);
    if (!seen) return undefined;
    const { owner, judgement } = seen;
    if (judgement.outcome === 'userid' || judgement.outcome === 'define') return { kind: 'name', node: ref.node, scope: ref.scope, owner };
    if (judgement.outcome === 'module') return this.memberRead(ref, judgement.base!);
    if (judgement.outcome === 'none' && /^[a-z_]/.test(ref.node.text)) {
      // An object imported by name (`from app import config`, not a module): its CONST is still a frozen read.
      const imports = owner.bindings.get(ref.node.text) ?? [];
      if (imports.length > 0 && imports.every(isImport)) {
        const member = constantMember(ref.node, this.names.constant);
        if (member) return { ...member, scope: ref.scope, module: importedModuleText(imports[0]!) };
      }
    }
    return undefined;
  }

  private memberRead(ref: Reference, start: string): PyRead | undefined {
    let base = start;
    for (let cur = ref.node; ; ) {
      const member = constantMember(cur, this.names.constant);
      if (member) return { ...member, scope: ref.scope, module: base, provider: this.view.provider(this.view.fileOf(base)) };
      const p = cur.parent;
      if (p?.type !== 'attribute' || p.childForFieldName('object')?.id !== cur.id) return undefined;
      const next = this.view.child(base, p.childForFieldName('attribute')!.text);
      if (next === undefined) return undefined;
      base = next;
      cur = p;
    }
  }
}

export type PyRead =
  /** A name bound to the constant: an import of it, or the defining module's own. */
  | { kind: 'name'; node: Node; scope: Scope; owner: Scope }
  /** `mod.CONST` (`node` is the attribute) or `getattr(mod, "CONST"[, default])` (`node` is the call). */
  | { kind: 'attribute' | 'getattr'; node: Node; object: Node; scope: Scope; module: string; provider?: Provider };

const stringValue = (n: Node): string | undefined => {
  if (n.type !== 'string') return undefined;
  const parts = codeChildren(n);
  const content = parts.filter((p) => p.type === 'string_content');
  if (parts.some((p) => p.type === 'interpolation') || !/^['"]/.test(n.text)) return undefined;
  return content.map((p) => p.text).join('');
};

/** `object.CONST`, or `getattr(object, "CONST"[, default])`, around `object`. */
function constantMember(object: Node, constant: string): { kind: 'attribute' | 'getattr'; node: Node; object: Node } | undefined {
  const p = object.parent;
  if (p?.type === 'attribute' && p.childForFieldName('object')?.id === object.id && p.childForFieldName('attribute')?.text === constant) {
    return { kind: 'attribute', node: p, object };
  }
  const call = p?.type === 'argument_list' ? p.parent : undefined;
  if (call?.type !== 'call' || call.childForFieldName('function')?.text !== 'getattr') return undefined;
  const args = codeChildren(p!);
  if (args.length < 2 || args.length > 3 || args[0]!.id !== object.id || stringValue(args[1]!) !== constant) return undefined;
  return { kind: 'getattr', node: call, object };
}

/** `from .settings import CONST, accessor`: the compatibility re-export the codemod leaves (no read). */
export function importsAccessorToo(b: Import, accessor: string): boolean {
  if (b.info.form !== 'from') return false;
  return b.info.stmt.childrenForFieldName('name').some((n) => {
    const dotted = n.type === 'aliased_import' ? n.childForFieldName('name') : n;
    return dotted?.text === accessor;
  });
}
