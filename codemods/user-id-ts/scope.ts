// A scope walk over one parsed file: finds the identifiers that refer to given module-level
// bindings, skipping every place where a nearer declaration (parameter, local, catch variable,
// hoisted var, function or class name) shadows the name. Type positions are not references,
// except `typeof X` in a type, which is reported as such.
import type ts from 'typescript';
import { typescript } from '../../parse/ts-api.js';

export type ReferenceKind =
  /** An expression reading the binding. */
  | 'read'
  /** `{ NAME }` in an object literal. */
  | 'shorthand'
  /** `typeof NAME` (or `typeof ns.NAME`) in a type position. */
  | 'type-query'
  /** Assigned, incremented: not something an accessor call can replace. */
  | 'write'
  /** A place the codemod cannot rewrite (e.g. a JSX tag name). */
  | 'unhandled'
  /** `export { NAME }` without `from`. */
  | 'export-local';

export interface Reference {
  id: ts.Identifier;
  kind: ReferenceKind;
  /** Evaluated when the module loads (not inside a function or an instance field initializer). */
  moduleLevel: boolean;
}

type Names = ReadonlySet<string>;

type FunctionWithBody =
  | ts.FunctionDeclaration | ts.FunctionExpression | ts.ArrowFunction | ts.MethodDeclaration
  | ts.ConstructorDeclaration | ts.GetAccessorDeclaration | ts.SetAccessorDeclaration;

function isFunctionWithBody(node: ts.Node): node is FunctionWithBody {
  return (
    typescript.isFunctionDeclaration(node) || typescript.isFunctionExpression(node) || typescript.isArrowFunction(node) ||
    typescript.isMethodDeclaration(node) || typescript.isConstructorDeclaration(node) || typescript.isGetAccessorDeclaration(node) ||
    typescript.isSetAccessorDeclaration(node)
  );
}

function bindingNames(name: ts.BindingName, out: string[] = []): string[] {
  if (typescript.isIdentifier(name)) out.push(name.text);
  else for (const el of name.elements) if (!typescript.isOmittedExpression(el)) bindingNames(el.name, out);
  return out;
}

function addDeclarationList(list: ts.VariableDeclarationList, out: string[]): void {
  for (const d of list.declarations) bindingNames(d.name, out);
}

const isBlockScoped = (list: ts.VariableDeclarationList): boolean => (list.flags & typescript.NodeFlags.BlockScoped) !== 0;

/** Names a statement list declares in its own block: let/const/using, functions, classes, enums. */
function lexicalNames(statements: readonly ts.Statement[]): string[] {
  const out: string[] = [];
  for (const s of statements) {
    if (typescript.isVariableStatement(s) && isBlockScoped(s.declarationList)) addDeclarationList(s.declarationList, out);
    else if ((typescript.isFunctionDeclaration(s) || typescript.isClassDeclaration(s) || typescript.isEnumDeclaration(s)) && s.name) out.push(s.name.text);
    else if (typescript.isModuleDeclaration(s) && typescript.isIdentifier(s.name)) out.push(s.name.text);
    else if (typescript.isImportEqualsDeclaration(s)) out.push(s.name.text);
  }
  return out;
}

function isStatementContainer(node: ts.Node): boolean {
  switch (node.kind) {
    case typescript.SyntaxKind.Block: case typescript.SyntaxKind.IfStatement: case typescript.SyntaxKind.ForStatement:
    case typescript.SyntaxKind.ForInStatement: case typescript.SyntaxKind.ForOfStatement: case typescript.SyntaxKind.WhileStatement:
    case typescript.SyntaxKind.DoStatement: case typescript.SyntaxKind.LabeledStatement: case typescript.SyntaxKind.TryStatement:
    case typescript.SyntaxKind.CatchClause: case typescript.SyntaxKind.SwitchStatement: case typescript.SyntaxKind.CaseBlock:
    case typescript.SyntaxKind.CaseClause: case typescript.SyntaxKind.DefaultClause: case typescript.SyntaxKind.WithStatement:
    case typescript.SyntaxKind.VariableStatement:
      return true;
    default:
      return false;
  }
}

/** `var` declarations anywhere in a function body (not in nested functions): they are hoisted. */
function varNames(body: ts.Node, out: string[] = []): string[] {
  typescript.forEachChild(body, (c) => {
    if (typescript.isVariableDeclarationList(c)) {
      if (!isBlockScoped(c)) addDeclarationList(c, out);
    } else if (isStatementContainer(c)) varNames(c, out);
  });
  return out;
}

/** The names a block-like node declares for its own children, or undefined when it opens no scope. */
function scopeNames(node: ts.Node): string[] | undefined {
  if (typescript.isBlock(node) || typescript.isModuleBlock(node)) return lexicalNames(node.statements);
  if (typescript.isCaseBlock(node)) return lexicalNames(node.clauses.flatMap((c) => c.statements));
  if (typescript.isForStatement(node) || typescript.isForInStatement(node) || typescript.isForOfStatement(node)) {
    const init = node.initializer;
    return init && typescript.isVariableDeclarationList(init) && isBlockScoped(init) ? init.declarations.flatMap((d) => bindingNames(d.name)) : undefined;
  }
  if (typescript.isCatchClause(node)) return node.variableDeclaration ? bindingNames(node.variableDeclaration.name) : undefined;
  return undefined;
}

const isAssignmentOperator = (k: ts.SyntaxKind): boolean =>
  k >= typescript.SyntaxKind.FirstAssignment && k <= typescript.SyntaxKind.LastAssignment;

/** Whether `node` (an expression) is the target of an assignment or an increment. */
export function isWriteTarget(node: ts.Node): boolean {
  const p = node.parent;
  if (typescript.isBinaryExpression(p)) return p.left === node && isAssignmentOperator(p.operatorToken.kind);
  if (typescript.isPrefixUnaryExpression(p) || typescript.isPostfixUnaryExpression(p)) {
    return p.operator === typescript.SyntaxKind.PlusPlusToken || p.operator === typescript.SyntaxKind.MinusMinusToken;
  }
  return false;
}

function typeQueryOf(name: ts.EntityName): boolean {
  let top: ts.Node = name;
  while (typescript.isQualifiedName(top.parent)) top = top.parent;
  return typescript.isTypeQueryNode(top.parent);
}

/** How an identifier is used, or undefined where it names something other than a variable. */
function referenceKind(id: ts.Identifier): ReferenceKind | undefined {
  const p = id.parent;
  if (typescript.isPropertyAccessExpression(p)) {
    if (p.expression !== id) return undefined;
    return isWriteTarget(id) ? 'write' : 'read';
  }
  if (typescript.isQualifiedName(p)) return p.left === id && typeQueryOf(p) ? 'type-query' : undefined;
  if (typescript.isTypeQueryNode(p)) return 'type-query';
  if (typescript.isShorthandPropertyAssignment(p)) return p.name === id ? 'shorthand' : 'read';
  if (typescript.isPropertyAssignment(p) || typescript.isBindingElement(p) || typescript.isVariableDeclaration(p) || typescript.isParameter(p)
    || typescript.isPropertyDeclaration(p) || typescript.isEnumMember(p)) {
    return p.initializer === id ? 'read' : undefined;
  }
  if (typescript.isExportSpecifier(p)) {
    if (p.parent.parent.moduleSpecifier || p.isTypeOnly) return undefined;
    return (p.propertyName ?? p.name) === id ? 'export-local' : undefined;
  }
  if (typescript.isJsxOpeningElement(p) || typescript.isJsxSelfClosingElement(p) || typescript.isJsxClosingElement(p)) {
    return p.tagName === id ? 'unhandled' : undefined;
  }
  if (typescript.isExpressionWithTypeArguments(p)) {
    const clause = p.parent;
    const isClassExtends = typescript.isHeritageClause(clause) && clause.token === typescript.SyntaxKind.ExtendsKeyword && typescript.isClassLike(clause.parent);
    return isClassExtends ? 'read' : undefined;
  }
  if (typescript.isImportSpecifier(p) || typescript.isImportClause(p) || typescript.isNamespaceImport(p) || typescript.isImportEqualsDeclaration(p)
    || typescript.isNamespaceExport(p) || typescript.isLabeledStatement(p) || typescript.isBreakOrContinueStatement(p)
    || typescript.isTypeReferenceNode(p) || typescript.isMetaProperty(p)) {
    return undefined;
  }
  // Every remaining node with a `name` holds a declaration name there (functions, classes, members...).
  if ((p as { name?: ts.Node }).name === id) return undefined;
  return isWriteTarget(id) ? 'write' : 'read';
}

/**
 * Whether [pos, end) of `text` may hold an identifier with one of `names`: a subtree that holds
 * none has no reference for the walk to find (and a declaration in it shadows only inside it),
 * so it is not walked. An identifier can spell its name with `\u` escapes, which the text search
 * would miss: in a file with any backslash-u, everything may.
 */
function nameOccurrences(text: string, names: Names): (pos: number, end: number) => boolean {
  if (text.includes('\\u')) return () => true;
  const at: number[] = [];
  for (const name of names) for (let i = text.indexOf(name); i !== -1; i = text.indexOf(name, i + 1)) at.push(i);
  at.sort((a, b) => a - b);
  return (pos, end) => {
    let lo = 0;
    let hi = at.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (at[mid]! < pos) lo = mid + 1;
      else hi = mid;
    }
    return lo < at.length && at[lo]! < end;
  };
}

/**
 * Every reference to one of `names` that binds to the declaration of that name directly in
 * `scope` (the source file, or a block for a declaration inside a function). `deferred` says
 * whether code directly in `scope` runs later than module load.
 */
export function findReferences(scope: ts.Node, names: Names, deferred = false): Reference[] {
  const refs: Reference[] = [];
  if (names.size === 0) return refs;
  const mayHold = nameOccurrences(scope.getSourceFile().text, names);

  const extend = (shadowed: Names, declared: readonly string[]): Names => {
    const hits = declared.filter((n) => names.has(n) && !shadowed.has(n));
    return hits.length === 0 ? shadowed : new Set([...shadowed, ...hits]);
  };

  const visitFunction = (fn: FunctionWithBody, shadowed: Names, deferred: boolean): void => {
    fn.modifiers?.forEach((m) => visit(m, shadowed, deferred));
    if (fn.name) visit(fn.name, shadowed, deferred);
    const own = typescript.isFunctionExpression(fn) && fn.name ? [fn.name.text] : [];
    const params = fn.parameters.flatMap((p) => bindingNames(p.name));
    const inner = extend(shadowed, [...own, ...params]);
    fn.typeParameters?.forEach((t) => visit(t, inner, true));
    fn.parameters.forEach((p) => visit(p, inner, true));
    if (fn.type) visit(fn.type, inner, true);
    if (fn.body) visit(fn.body, typescript.isBlock(fn.body) ? extend(inner, varNames(fn.body)) : inner, true);
  };

  const visitClass = (cls: ts.ClassLikeDeclaration, shadowed: Names, deferred: boolean): void => {
    cls.modifiers?.forEach((m) => visit(m, shadowed, deferred));
    cls.heritageClauses?.forEach((h) => visit(h, shadowed, deferred));
    const inner = typescript.isClassExpression(cls) && cls.name ? extend(shadowed, [cls.name.text]) : shadowed;
    for (const member of cls.members) {
      if (typescript.isPropertyDeclaration(member)) {
        member.modifiers?.forEach((m) => visit(m, inner, deferred));
        visit(member.name, inner, deferred);
        if (member.type) visit(member.type, inner, deferred);
        // Instance fields initialise per `new`; static ones when the class is defined.
        const isStatic = member.modifiers?.some((m) => m.kind === typescript.SyntaxKind.StaticKeyword) ?? false;
        if (member.initializer) visit(member.initializer, inner, isStatic ? deferred : true);
      } else if (typescript.isClassStaticBlockDeclaration(member)) {
        visit(member.body, extend(inner, varNames(member.body)), deferred);
      } else {
        visit(member, inner, deferred);
      }
    }
  };

  const visit = (node: ts.Node, shadowed: Names, deferred: boolean): void => {
    if (!mayHold(node.pos, node.end)) return;
    if (typescript.isIdentifier(node)) {
      if (names.has(node.text) && !shadowed.has(node.text)) {
        const kind = referenceKind(node);
        if (kind) refs.push({ id: node, kind, moduleLevel: !deferred });
      }
      return;
    }
    if (isFunctionWithBody(node)) return visitFunction(node, shadowed, deferred);
    if (typescript.isClassDeclaration(node) || typescript.isClassExpression(node)) return visitClass(node, shadowed, deferred);
    const declared = scopeNames(node);
    const inner = declared ? extend(shadowed, declared) : shadowed;
    typescript.forEachChild(node, (c) => visit(c, inner, deferred));
  };

  typescript.forEachChild(scope, (c) => visit(c, new Set(), deferred));
  return refs;
}

/** Identifier texts used as names anywhere in the file (property names after a dot excluded). */
export function identifierNames(sourceFile: ts.SourceFile): Set<string> {
  const out = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (typescript.isIdentifier(node)) {
      if (!(typescript.isPropertyAccessExpression(node.parent) && node.parent.name === node)) out.add(node.text);
      return;
    }
    typescript.forEachChild(node, visit);
  };
  visit(sourceFile);
  return out;
}

/** Whether code at `node` runs later than module load: inside a function, or an instance field's initializer. */
export function deferredAt(node: ts.Node): boolean {
  for (let child = node, p = node.parent; p; child = p, p = p.parent) {
    if (isFunctionWithBody(p) && child !== p.name && !typescript.isDecorator(child)) return true;
    if (typescript.isPropertyDeclaration(p) && p.initializer === child) {
      if (!p.modifiers?.some((m) => m.kind === typescript.SyntaxKind.StaticKeyword)) return true;
    }
  }
  return false;
}
