// What a name or an expression holds when the file says so plainly: the initializer of the
// variable a name binds to, and numbers written as literals or products of literals
// (`60 * 1000`, `POLL_MS` declared `const POLL_MS = 100`). Anything less plain is unknown.
import type ts from 'typescript';
import { typescript } from './ts-api.js';
import { declaringScope } from './ts-bindings.js';

function declarationIn(scope: ts.Node, name: string): ts.VariableDeclaration | undefined {
  let found: ts.VariableDeclaration | undefined;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (typescript.isVariableDeclaration(node) && typescript.isIdentifier(node.name) && node.name.text === name) {
      found = node;
      return;
    }
    // Declarations of nested functions belong to their own scopes.
    if (node !== scope && (typescript.isFunctionLike(node) || typescript.isClassLike(node))) return;
    typescript.forEachChild(node, visit);
  };
  typescript.forEachChild(scope, visit);
  return found;
}

/** The initializer of the variable `name` refers to at `node`, when it is declared with one in the file. */
export function initializerOf(node: ts.Node, name: string): ts.Expression | undefined {
  const scope = declaringScope(node, name);
  if (!scope) return undefined;
  const decl = declarationIn(scope, name);
  return decl?.initializer;
}

function unwrap(expr: ts.Expression): ts.Expression {
  let e = expr;
  while (typescript.isParenthesizedExpression(e) || typescript.isAsExpression(e) || typescript.isNonNullExpression(e)) e = e.expression;
  return e;
}

/** A number the expression plainly evaluates to, or undefined. */
export function numericValue(expr: ts.Expression, depth = 0): number | undefined {
  const e = unwrap(expr);
  if (depth > 4) return undefined;
  if (typescript.isNumericLiteral(e)) return Number(e.text.replace(/_/g, ''));
  if (typescript.isIdentifier(e)) {
    const init = initializerOf(e, e.text);
    return init ? numericValue(init, depth + 1) : undefined;
  }
  if (typescript.isBinaryExpression(e)) {
    const left = numericValue(e.left, depth + 1);
    const right = numericValue(e.right, depth + 1);
    if (left === undefined || right === undefined) return undefined;
    switch (e.operatorToken.kind) {
      case typescript.SyntaxKind.AsteriskToken:
        return left * right;
      case typescript.SyntaxKind.PlusToken:
        return left + right;
      case typescript.SyntaxKind.MinusToken:
        return left - right;
      case typescript.SyntaxKind.SlashToken:
        return right === 0 ? undefined : left / right;
      default:
        return undefined;
    }
  }
  return undefined;
}
