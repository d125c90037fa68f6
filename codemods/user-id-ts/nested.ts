// Requires of the settings module below the top level, e.g. a lazy
// `function f() { const { USER_ID } = require('./settings'); ... }`: migrated within the
// block that declares them, the way top-level imports are migrated within the file.
import ts from 'typescript';
import type { FileMigration, Usage } from './migration.js';
import { findReferences } from './scope.js';

/** The node whose children a block-scoped declaration is visible in (a switch's clauses share one). */
function scopeOf(statement: ts.Node): ts.Node | undefined {
  const p = statement.parent;
  if (ts.isBlock(p) || ts.isModuleBlock(p)) return p;
  if (ts.isCaseClause(p) || ts.isDefaultClause(p)) return p.parent;
  return undefined;
}

function insideFunction(node: ts.Node): boolean {
  for (let p = node.parent; p; p = p.parent) if (ts.isFunctionLike(p)) return true;
  return false;
}

/**
 * Migrates the declaration a nested `require(<provider>)` initialises. Returns false when it
 * binds the constant in a form this cannot rewrite (a `var`, a default value, a rest element).
 */
export function migrateNestedRequire(m: FileMigration, call: ts.CallExpression): boolean {
  const declaration = call.parent;
  if (!ts.isVariableDeclaration(declaration) || declaration.initializer !== call) return true;
  const list = declaration.parent;
  const statement = list.parent;
  if (ts.isSourceFile(statement.parent)) return true; // top level: migrated with the imports
  const { constant, accessor } = m.options;
  const pattern = declaration.name;
  const element = ts.isObjectBindingPattern(pattern) ? pattern.elements.find((e) => (e.propertyName ?? e.name).getText() === constant) : undefined;
  const relevant = ts.isIdentifier(pattern) ? m.text.includes(`${pattern.text}.${constant}`) : element !== undefined;
  if (!relevant) return true;
  const scope = ts.isVariableDeclarationList(list) && list.flags & ts.NodeFlags.BlockScoped ? scopeOf(statement) : undefined;
  if (!scope) return false;
  const deferred = insideFunction(scope);
  if (ts.isIdentifier(pattern)) {
    for (const ref of findReferences(scope, new Set([pattern.text]), deferred)) m.namespaceReference(ref);
    return true;
  }
  if (!element || !ts.isObjectBindingPattern(pattern) || element.dotDotDotToken || element.initializer || !ts.isIdentifier(element.name)) return false;
  const existing = pattern.elements.find((e) => (e.propertyName ?? e.name).getText() === accessor);
  const local = existing && ts.isIdentifier(existing.name) ? existing.name.text : m.freeAccessorName();
  const usage: Usage = { rewritten: 0, kept: 0 };
  for (const ref of findReferences(scope, new Set([element.name.text]), deferred)) {
    const emit = (node: ts.Identifier, text: (l: string) => string): void => {
      m.splices.push({ start: node.getStart(), end: node.end, text: text(local) });
    };
    usage[m.constantReference(ref, emit)]++;
  }
  if (usage.rewritten > 0 && !existing) {
    const text = local === accessor ? accessor : `${accessor}: ${local}`;
    m.editList(pattern.elements, element, usage.kept > 0 ? { kind: 'insert-after', text } : { kind: 'replace', text });
  } else if (usage.rewritten > 0 && usage.kept === 0) {
    m.editList(pattern.elements, element, { kind: 'remove' });
  }
  return true;
}
