// Just enough scope analysis for the TS/JS detectors: which local names are bound to which
// module (imports, require), which names the file declares itself, and whether a use is shadowed
// by a nearer declaration.
import type ts from 'typescript';
import { fileMemo } from './file-memo.js';
import { typescript } from './ts-api.js';

export type ModuleBindingKind =
  /** `import * as x`, `import x = require()`, `const x = require()`: the module object. */
  | 'namespace'
  /** `import x from` (a default export, often the module object for CommonJS). */
  | 'default'
  /** `import { a as x }`, `const { a: x } = require()`, `const x = require().a`. */
  | 'named';

export interface ModuleBinding {
  local: string;
  module: string;
  kind: ModuleBindingKind;
  /** Exported name for `named` bindings. */
  imported?: string;
  /** The node to report when the binding itself is the finding. */
  node: ts.Node;
  typeOnly: boolean;
}

export function walk(node: ts.Node, visit: (node: ts.Node) => void): void {
  visit(node);
  typescript.forEachChild(node, (child) => walk(child, visit));
}

const nodeLists = fileMemo<readonly ts.Node[]>();

/** Every node of the file in source order, collected once and shared by all rules. */
export function nodesOf(sf: ts.SourceFile): readonly ts.Node[] {
  let nodes = nodeLists.get(sf);
  if (!nodes) {
    const out: ts.Node[] = [];
    const visit = (node: ts.Node): void => {
      out.push(node);
      typescript.forEachChild(node, visit);
    };
    visit(sf);
    nodes = out;
    nodeLists.set(sf, nodes);
  }
  return nodes;
}

export function bindingNames(name: ts.BindingName): string[] {
  if (typescript.isIdentifier(name)) return [name.text];
  const out: string[] = [];
  for (const element of name.elements) {
    if (typescript.isBindingElement(element)) out.push(...bindingNames(element.name));
  }
  return out;
}

/** The module named by `require('m')`, `require('m').verbose()` or `await import('m')`, if any. */
export function requiredModule(expr: ts.Expression): string | undefined {
  let e = expr;
  while (typescript.isParenthesizedExpression(e) || typescript.isAwaitExpression(e)) e = e.expression;
  // `require('sqlite3').verbose()` returns the module itself.
  if (typescript.isCallExpression(e) && typescript.isPropertyAccessExpression(e.expression) && e.expression.name.text === 'verbose') {
    return requiredModule(e.expression.expression);
  }
  if (!typescript.isCallExpression(e) || e.arguments.length !== 1) return undefined;
  const arg = e.arguments[0]!;
  if (!typescript.isStringLiteralLike(arg)) return undefined;
  const callee = e.expression;
  if (typescript.isIdentifier(callee) && callee.text === 'require') return arg.text;
  if (callee.kind === typescript.SyntaxKind.ImportKeyword) return arg.text;
  return undefined;
}

function importBindings(decl: ts.ImportDeclaration, out: ModuleBinding[]): void {
  const clause = decl.importClause;
  if (!clause || !typescript.isStringLiteral(decl.moduleSpecifier)) return;
  const module = decl.moduleSpecifier.text;
  const typeOnly = clause.isTypeOnly;
  if (clause.name) out.push({ local: clause.name.text, module, kind: 'default', node: clause.name, typeOnly });
  const named = clause.namedBindings;
  if (named && typescript.isNamespaceImport(named)) {
    out.push({ local: named.name.text, module, kind: 'namespace', node: named, typeOnly });
  } else if (named) {
    for (const spec of named.elements) {
      out.push({
        local: spec.name.text,
        module,
        kind: 'named',
        imported: (spec.propertyName ?? spec.name).text,
        node: spec,
        typeOnly: typeOnly || spec.isTypeOnly,
      });
    }
  }
}

function requireBindings(decl: ts.VariableDeclaration, out: ModuleBinding[]): void {
  if (!decl.initializer) return;
  const direct = requiredModule(decl.initializer);
  if (direct !== undefined) {
    if (typescript.isIdentifier(decl.name)) {
      out.push({ local: decl.name.text, module: direct, kind: 'namespace', node: decl, typeOnly: false });
    } else if (typescript.isObjectBindingPattern(decl.name)) {
      for (const element of decl.name.elements) {
        if (!typescript.isIdentifier(element.name)) continue;
        const prop = element.propertyName;
        const imported = prop && (typescript.isIdentifier(prop) || typescript.isStringLiteral(prop)) ? prop.text : element.name.text;
        out.push({ local: element.name.text, module: direct, kind: 'named', imported, node: element, typeOnly: false });
      }
    }
    return;
  }
  // `const Database = require('better-sqlite3').Database`
  const init = decl.initializer;
  if (typescript.isPropertyAccessExpression(init) && typescript.isIdentifier(decl.name)) {
    const module = requiredModule(init.expression);
    if (module !== undefined) {
      out.push({ local: decl.name.text, module, kind: 'named', imported: init.name.text, node: decl, typeOnly: false });
    }
  }
}

const bindingLists = fileMemo<ModuleBinding[]>();

/** Every binding to a module in the file, wherever the import or require sits (computed once per file). */
export function moduleBindings(sf: ts.SourceFile): ModuleBinding[] {
  const cached = bindingLists.get(sf);
  if (cached) return cached;
  const out: ModuleBinding[] = [];
  for (const node of nodesOf(sf)) {
    if (typescript.isImportDeclaration(node)) importBindings(node, out);
    else if (typescript.isImportEqualsDeclaration(node) && typescript.isExternalModuleReference(node.moduleReference)) {
      const expr = node.moduleReference.expression;
      if (typescript.isStringLiteral(expr)) {
        out.push({ local: node.name.text, module: expr.text, kind: 'namespace', node, typeOnly: node.isTypeOnly });
      }
    } else if (typescript.isVariableDeclaration(node)) requireBindings(node, out);
  }
  bindingLists.set(sf, out);
  return out;
}

/** Names a declaration statement or clause binds in its own scope. */
function declaredBy(node: ts.Node): string[] {
  if (typescript.isVariableStatement(node)) return node.declarationList.declarations.flatMap((d) => bindingNames(d.name));
  if (typescript.isVariableDeclarationList(node)) return node.declarations.flatMap((d) => bindingNames(d.name));
  if ((typescript.isFunctionDeclaration(node) || typescript.isClassDeclaration(node) || typescript.isEnumDeclaration(node)) && node.name) {
    return [node.name.text];
  }
  if (typescript.isImportDeclaration(node) && node.importClause) {
    const clause = node.importClause;
    const names = clause.name ? [clause.name.text] : [];
    const named = clause.namedBindings;
    if (named && typescript.isNamespaceImport(named)) names.push(named.name.text);
    else if (named) names.push(...named.elements.map((e) => e.name.text));
    return names;
  }
  if (typescript.isImportEqualsDeclaration(node)) return [node.name.text];
  return [];
}

function scopeDeclares(scope: ts.Node, name: string): boolean {
  if (typescript.isFunctionLike(scope)) {
    if (scope.parameters.some((p) => bindingNames(p.name).includes(name))) return true;
    if ((typescript.isFunctionExpression(scope) || typescript.isClassExpression(scope)) && scope.name?.text === name) return true;
  }
  if (typescript.isCatchClause(scope) && scope.variableDeclaration) return bindingNames(scope.variableDeclaration.name).includes(name);
  if ((typescript.isForStatement(scope) || typescript.isForOfStatement(scope) || typescript.isForInStatement(scope)) && scope.initializer) {
    return typescript.isVariableDeclarationList(scope.initializer) && declaredBy(scope.initializer).includes(name);
  }
  if (typescript.isSourceFile(scope) || typescript.isBlock(scope) || typescript.isModuleBlock(scope) || typescript.isCaseClause(scope) || typescript.isDefaultClause(scope)) {
    return scope.statements.some((s) => declaredBy(s).includes(name));
  }
  return false;
}

/** The nearest scope around `node` that declares `name`; undefined for a global or unresolved name. */
export function declaringScope(node: ts.Node, name: string): ts.Node | undefined {
  for (let cur = node.parent; cur; cur = cur.parent) {
    if (scopeDeclares(cur, name)) return cur;
  }
  return undefined;
}

/** The module binding `name` refers to at `node`, unless a nearer declaration shadows it. */
export function resolveModuleBinding(
  bindings: readonly ModuleBinding[],
  node: ts.Node,
  name: string,
): ModuleBinding | undefined {
  const scope = declaringScope(node, name);
  if (!scope) return undefined;
  return bindings.find((b) => b.local === name && !b.typeOnly && declaringScope(b.node, name) === scope);
}
