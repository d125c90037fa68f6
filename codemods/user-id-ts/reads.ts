// The one notion of "a read of the constant" in TS/JS. The user-id codemod rewrites what this
// finds (or carries a plan warning for it) and the lint's static-user-id rule reports what this
// finds, so the two cannot disagree about what counts: a name bound to the constant by an import
// or a `require`/`import()` destructuring, `m.USER_ID` / `m['USER_ID']` on a module object
// (namespace or default import, `require`, `await import`), and `const { USER_ID } = m`.
// Which modules count is the caller's choice (`moduleOf`): the codemod resolves specifiers to
// project files, the lint matches module names.
import type ts from 'typescript';
import { typescript } from '../../parse/ts-api.js';
import {
  elementTaking, isPlainElement, loadBindings, loadedSpecifier, scanBindings,
  type BindingNames, type ConstantBinding, type ModuleBindings, type ModuleOf, type NamespaceBinding, type TrackedModule,
} from './bindings.js';
import { exportSiteOf, exportsNameAlready } from './exports.js';
import { definitionValue, exportStyle, findDefinition } from './defining.js';
import { isKeyName } from '../shared/key-name.js';
import { deferredAt, findReferences, type Reference } from './scope.js';

// The lint rule static-user-id reports these same reads and reaches the detector through this module only.
export type { ConstantBinding, ModuleOf } from './bindings.js';

/** `x as const`, `(x)`, `x satisfies T`, `<T>x`: the value itself. */
function bareValue(e: ts.Expression): ts.Expression {
  while (typescript.isParenthesizedExpression(e) || typescript.isAsExpression(e) || typescript.isSatisfiesExpression(e) || typescript.isTypeAssertionExpression(e)) e = e.expression;
  return e;
}

/**
 * The string a module defines and exports the constant as, when that is a key name
 * (`export const USER_ID = 'USER_ID'` in a Vuex `mutation-types.ts`, see shared/key-name.ts):
 * such a module is no settings module, and what imports the constant from it reads no user id.
 * The codemod leaves it and its importers alone, and the lint is told which modules these are.
 */
export function keyNameValue(sourceFile: ts.SourceFile, constant: string): string | undefined {
  const definition = findDefinition(sourceFile, constant);
  if (!definition || !exportStyle(sourceFile, definition, constant)) return undefined;
  const value = definitionValue(definition);
  const bare = value && bareValue(value);
  return bare && typescript.isStringLiteralLike(bare) && isKeyName(constant, bare.text) ? bare.text : undefined;
}

/** Cheap text test before parsing: the constant may be defined or exported as a string (all `keyNameValue` can accept). */
export function mayDefineAsString(text: string, constant: string): boolean {
  return new RegExp(`\\b${constant}\\b[^=;\\n]*=\\s*[(\\s]*['"\`]|\\b${constant}\\s*:\\s*['"\`]`).test(text);
}

export type ConstantRead =
  /** A reference to a local name bound to the constant. */
  | { kind: 'binding'; binding: ConstantBinding; ref: Reference }
  /** `m.USER_ID`, `m?.USER_ID`, `m['USER_ID']` where `m` is a module object (a name, or an inline `require()` / `await import()`). */
  | { kind: 'member'; node: ts.PropertyAccessExpression | ts.ElementAccessExpression; module: TrackedModule; viaDefault: boolean; moduleLevel: boolean }
  /** `const { USER_ID: x, ...others } = m` where `m` names a module object. */
  | { kind: 'destructure'; declaration: ts.VariableDeclaration; element: ts.BindingElement; module: TrackedModule; moduleLevel: boolean }
  /** `typeof m.USER_ID` in a type: reads no value. */
  | { kind: 'type-query'; node: ts.QualifiedName; module: TrackedModule }
  /** A load binding the constant in a form nobody can follow (`{ USER_ID = 'x' }`, a load outside a block). */
  | { kind: 'unsupported'; node: ts.Node; module: TrackedModule };

export interface ConstantReads {
  bindings: ModuleBindings;
  reads: ConstantRead[];
}

export interface ReadOptions extends BindingNames {
  moduleOf: ModuleOf;
  /** The file defines the constant itself (the settings module): its own top-level name counts. */
  definesConstant?: boolean;
}

/** `m.NAME` / `m?.NAME` / `m['NAME']` with `object` as `m`. */
function constantMember(parent: ts.Node, object: ts.Node, constant: string): parent is ts.PropertyAccessExpression | ts.ElementAccessExpression {
  if (typescript.isPropertyAccessExpression(parent)) return parent.expression === object && parent.name.text === constant;
  if (typescript.isElementAccessExpression(parent)) {
    const arg = parent.argumentExpression;
    return parent.expression === object && typescript.isStringLiteralLike(arg) && arg.text === constant;
  }
  return false;
}

/** The node a declaration's block-scoped name is visible in (a switch's clauses share one); var: the function body. */
function declarationScope(statement: ts.VariableStatement): ts.Node | undefined {
  if ((statement.declarationList.flags & typescript.NodeFlags.BlockScoped) === 0) {
    for (let p = statement.parent; p; p = p.parent) if (typescript.isFunctionLike(p) || typescript.isSourceFile(p)) return typescript.isFunctionLike(p) ? (p as ts.FunctionLikeDeclaration).body : p;
    return undefined;
  }
  const p = statement.parent;
  if (typescript.isBlock(p) || typescript.isModuleBlock(p)) return p;
  if (typescript.isCaseClause(p) || typescript.isDefaultClause(p)) return p.parent;
  return undefined;
}

/** The load expression with the parentheses and `await` around it: what a member access or a declaration sees. */
function outerOfLoad(call: ts.Node): ts.Node {
  let e = call;
  while (typescript.isParenthesizedExpression(e.parent) || typescript.isAwaitExpression(e.parent)) e = e.parent;
  return e;
}

/** `import('m').then((m) => ...)`: the callback whose first parameter is the module object. */
function thenCallback(load: ts.Node): ts.ArrowFunction | ts.FunctionExpression | undefined {
  const member = load.parent;
  if (!typescript.isPropertyAccessExpression(member) || member.expression !== load || member.name.text !== 'then') return undefined;
  const call = member.parent;
  const fn = typescript.isCallExpression(call) && call.expression === member ? call.arguments[0] : undefined;
  if (!fn || !(typescript.isArrowFunction(fn) || typescript.isFunctionExpression(fn))) return undefined;
  const first = fn.parameters[0];
  return first && typescript.isIdentifier(first.name) ? fn : undefined;
}

/** A non-plain element taking the constant (`{ USER_ID = 'x' }`, `{ USER_ID: { length } }`). */
function unfollowable(pattern: ts.BindingName, constant: string): ts.BindingElement | undefined {
  if (!typescript.isObjectBindingPattern(pattern)) return undefined;
  const element = elementTaking(pattern, constant);
  return element && !isPlainElement(element) ? element : undefined;
}

/** Loads inside functions and blocks (`require`, `import()`), and inline `require(...).USER_ID`. */
function nestedLoads(sourceFile: ts.SourceFile, options: ReadOptions, out: ModuleBindings, reads: ConstantRead[]): void {
  const { constant } = options;
  const visit = (node: ts.Node): void => {
    typescript.forEachChild(node, visit);
    if (!typescript.isCallExpression(node)) return;
    const specifier = loadedSpecifier(node);
    const module = specifier === undefined ? undefined : options.moduleOf(specifier);
    if (!module) return;
    const outer = outerOfLoad(node);
    const parent = outer.parent;
    if (constantMember(parent, outer, constant)) {
      if (module.provider) out.usedProviders.add(module.provider);
      reads.push({ kind: 'member', node: parent, module, viaDefault: false, moduleLevel: !deferredAt(parent) });
      return;
    }
    const callback = thenCallback(outer);
    if (callback) {
      if (module.provider) out.usedProviders.add(module.provider);
      out.namespaces.push({ local: callback.parameters[0]!.name.getText(), module, viaDefault: false, scope: callback, deferred: true });
      return;
    }
    if (!typescript.isVariableDeclaration(parent) || parent.initializer !== outer) return;
    const statement = parent.parent.parent;
    if (!typescript.isVariableStatement(statement)) return;
    if (module.provider) out.usedProviders.add(module.provider);
    const odd = unfollowable(parent.name, constant);
    if (odd) reads.push({ kind: 'unsupported', node: odd, module });
    if (typescript.isSourceFile(statement.parent)) return; // top level: found by scanBindings
    const scope = declarationScope(statement);
    if (!scope) {
      const element = typescript.isObjectBindingPattern(parent.name) ? elementTaking(parent.name, constant) : undefined;
      if (element) reads.push({ kind: 'unsupported', node: element, module });
      return;
    }
    loadBindings(statement, parent, module, options, out, scope, deferredAt(scope));
  };
  visit(sourceFile);
}

function namespaceRead(ref: Reference, ns: NamespaceBinding, constant: string): ConstantRead | undefined {
  const parent = ref.id.parent;
  if (ref.kind === 'type-query') {
    return typescript.isQualifiedName(parent) && parent.right.text === constant ? { kind: 'type-query', node: parent, module: ns.module } : undefined;
  }
  if (constantMember(parent, ref.id, constant)) {
    return { kind: 'member', node: parent, module: ns.module, viaDefault: ns.viaDefault, moduleLevel: ref.moduleLevel };
  }
  if (typescript.isVariableDeclaration(parent) && parent.initializer === ref.id && typescript.isObjectBindingPattern(parent.name)) {
    const element = elementTaking(parent.name, constant);
    if (element) return { kind: 'destructure', declaration: parent, element, module: ns.module, moduleLevel: ref.moduleLevel };
  }
  return undefined;
}

/** Every read of the constant in one parsed file (parent pointers required). */
export function constantReads(sourceFile: ts.SourceFile, options: ReadOptions): ConstantReads {
  const bindings = scanBindings(sourceFile, options, options.moduleOf);
  const reads: ConstantRead[] = [];
  nestedLoads(sourceFile, options, bindings, reads);
  if (options.definesConstant) bindings.constants.push({ local: options.constant, scope: sourceFile, deferred: false });

  const byScope = new Map<ts.Node, { deferred: boolean; constants: Map<string, ConstantBinding>; namespaces: Map<string, NamespaceBinding> }>();
  const entry = (scope: ts.Node, deferred: boolean) => {
    let e = byScope.get(scope);
    if (!e) byScope.set(scope, (e = { deferred, constants: new Map(), namespaces: new Map() }));
    return e;
  };
  for (const c of bindings.constants) entry(c.scope, c.deferred).constants.set(c.local, c);
  for (const n of bindings.namespaces) entry(n.scope, n.deferred).namespaces.set(n.local, n);
  for (const [scope, { deferred, constants, namespaces }] of byScope) {
    for (const ref of findReferences(scope, new Set([...constants.keys(), ...namespaces.keys()]), deferred)) {
      const binding = constants.get(ref.id.text);
      if (binding) {
        reads.push({ kind: 'binding', binding, ref });
        continue;
      }
      const read = namespaceRead(ref, namespaces.get(ref.id.text)!, options.constant);
      if (read) reads.push(read);
    }
  }
  return { bindings, reads };
}

/** Where a read shows in a report: the import or destructuring element for a bound name, else the read itself. */
export function readSite(read: ConstantRead): ts.Node {
  switch (read.kind) {
    case 'binding':
      return read.binding.site?.element ?? read.ref.id;
    case 'destructure':
      return read.element;
    default:
      return read.node;
  }
}

/**
 * Whether a reference to a name bound to the constant reads its value. `typeof X` in a type
 * does not, nor does an export that hands the constant on next to the accessor (the
 * compatibility export the codemod leaves).
 */
export function readsValue(ref: Reference, accessor: string): boolean {
  if (ref.kind === 'type-query') return false;
  const site = exportSiteOf(ref);
  return !site || !exportsNameAlready(site, accessor);
}
