// The settings module itself: `export const USER_ID = <expr>` becomes an accessor that
// evaluates <expr> per call, plus the constant kept (deprecated) for code not yet migrated.
import type ts from 'typescript';
import { typescript } from '../../parse/ts-api.js';
import type { Splice } from '../../plan/types.js';
import { cjsExportAssignment, cjsExportsObjectLiteral, propertyNameText } from './exports.js';
import { lineIndentAt, type Layout } from './layout.js';

export type Definition =
  | { kind: 'variable'; statement: ts.VariableStatement; declaration: ts.VariableDeclaration }
  /** CommonJS `exports.USER_ID = <expr>` without a local variable. */
  | { kind: 'exports-assignment'; statement: ts.ExpressionStatement; target: ts.Expression; value: ts.Expression }
  /** CommonJS `module.exports = { USER_ID: <expr>, ... }`. */
  | { kind: 'exports-property'; statement: ts.ExpressionStatement; object: ts.ObjectLiteralExpression; property: ts.PropertyAssignment };

const hasModifier = (node: ts.HasModifiers, kind: ts.SyntaxKind): boolean =>
  typescript.getModifiers(node)?.some((m) => m.kind === kind) ?? false;

export function findDefinition(sourceFile: ts.SourceFile, constant: string): Definition | undefined {
  for (const statement of sourceFile.statements) {
    if (typescript.isVariableStatement(statement) && !hasModifier(statement, typescript.SyntaxKind.DeclareKeyword)) {
      const declaration = statement.declarationList.declarations.find((d) => typescript.isIdentifier(d.name) && d.name.text === constant);
      if (declaration) return { kind: 'variable', statement, declaration };
    }
    const assignment = cjsExportAssignment(statement);
    if (assignment && assignment.name === constant && !typescript.isIdentifier(assignment.value)) {
      return { kind: 'exports-assignment', statement: statement as ts.ExpressionStatement, target: assignment.target, value: assignment.value };
    }
    const object = cjsExportsObjectLiteral(statement);
    const property = object?.properties.find((p): p is ts.PropertyAssignment =>
      typescript.isPropertyAssignment(p) && propertyNameText(p.name) === constant && !typescript.isIdentifier(p.initializer));
    if (object && property) return { kind: 'exports-property', statement: statement as ts.ExpressionStatement, object, property };
  }
  return undefined;
}

/** How the module makes its definition visible to importers: ES exports, CommonJS, or not at all. */
export function exportStyle(sourceFile: ts.SourceFile, definition: Definition, constant: string): 'esm' | 'commonjs' | undefined {
  if (definition.kind !== 'variable') return 'commonjs';
  if (hasModifier(definition.statement, typescript.SyntaxKind.ExportKeyword)) return 'esm';
  for (const s of sourceFile.statements) {
    if (typescript.isExportDeclaration(s) && !s.moduleSpecifier && s.exportClause && typescript.isNamedExports(s.exportClause)) {
      if (s.exportClause.elements.some((e) => (e.propertyName ?? e.name).text === constant)) return 'esm';
    }
    const object = cjsExportsObjectLiteral(s);
    const inObject = object?.properties.some((p) =>
      (typescript.isShorthandPropertyAssignment(p) && p.name.text === constant)
      || (typescript.isPropertyAssignment(p) && typescript.isIdentifier(p.initializer) && p.initializer.text === constant));
    const assignment = cjsExportAssignment(s);
    if (inObject || (assignment && typescript.isIdentifier(assignment.value) && assignment.value.text === constant)) return 'commonjs';
  }
  return undefined;
}

/** A top-level declaration (or CommonJS export) of `name`: the accessor already exists. */
export function declaresTopLevel(sourceFile: ts.SourceFile, name: string): boolean {
  return sourceFile.statements.some((s) => {
    if ((typescript.isFunctionDeclaration(s) || typescript.isClassDeclaration(s)) && s.name?.text === name) return true;
    if (typescript.isVariableStatement(s)) return s.declarationList.declarations.some((d) => typescript.isIdentifier(d.name) && d.name.text === name);
    return cjsExportAssignment(s)?.name === name;
  });
}

/** The expression the constant is defined as. */
export function definitionValue(definition: Definition): ts.Expression | undefined {
  switch (definition.kind) {
    case 'variable':
      return definition.declaration.initializer;
    case 'exports-assignment':
      return definition.value;
    case 'exports-property':
      return definition.property.initializer;
  }
}

const STRING_METHODS = new Set(['toString', 'trim', 'toLowerCase', 'toUpperCase', 'normalize']);

/** Whether an expression is a string for sure, so `: string` can be written without a type checker. */
function isStringExpression(e: ts.Expression): boolean {
  if (typescript.isStringLiteral(e) || typescript.isNoSubstitutionTemplateLiteral(e) || typescript.isTemplateExpression(e)) return true;
  if (typescript.isParenthesizedExpression(e) || typescript.isNonNullExpression(e)) return isStringExpression(e.expression);
  if (typescript.isAsExpression(e) || typescript.isSatisfiesExpression(e) || typescript.isTypeAssertionExpression(e)) {
    return e.type.kind === typescript.SyntaxKind.StringKeyword || isStringExpression(e.expression);
  }
  if (typescript.isConditionalExpression(e)) return isStringExpression(e.whenTrue) && isStringExpression(e.whenFalse);
  if (typescript.isBinaryExpression(e)) {
    const op = e.operatorToken.kind;
    if (op === typescript.SyntaxKind.QuestionQuestionToken || op === typescript.SyntaxKind.BarBarToken) return isStringExpression(e.right);
    if (op === typescript.SyntaxKind.PlusToken) return isStringExpression(e.left) || isStringExpression(e.right);
    return false;
  }
  if (typescript.isCallExpression(e)) {
    const callee = e.expression;
    if (typescript.isIdentifier(callee)) return callee.text === 'String';
    return typescript.isPropertyAccessExpression(callee) && STRING_METHODS.has(callee.name.text);
  }
  return false;
}

export interface DefinitionStyle {
  constant: string;
  accessor: string;
  javascript: boolean;
  layout: Layout;
}

/** The return type annotation of a function declared in the same file that `value` calls. */
function calleeReturnType(value: ts.Expression): ts.TypeNode | undefined {
  if (!typescript.isCallExpression(value) || !typescript.isIdentifier(value.expression)) return undefined;
  const name = value.expression.text;
  for (const s of value.getSourceFile().statements) {
    if (typescript.isFunctionDeclaration(s) && s.name?.text === name) return s.type;
    if (!typescript.isVariableStatement(s)) continue;
    const d = s.declarationList.declarations.find((v) => typescript.isIdentifier(v.name) && v.name.text === name);
    const init = d?.initializer;
    if (init && (typescript.isArrowFunction(init) || typescript.isFunctionExpression(init))) return init.type;
  }
  return undefined;
}

/**
 * `: T` for the accessor when the type is known without a type checker (declared on the
 * constant, a string for sure, or the return type of a function of the same file); otherwise
 * nothing, and TypeScript infers it, as it did for the constant.
 */
function returnType(style: DefinitionStyle, declared: ts.TypeNode | undefined, value: ts.Expression): string {
  if (style.javascript) return '';
  if (declared) return `: ${declared.getText()}`;
  if (isStringExpression(value)) return ': string';
  const callee = calleeReturnType(value);
  return callee ? `: ${callee.getText()}` : '';
}

function accessorFunction(style: DefinitionStyle, exportKeyword: string, type: string, value: ts.Expression, semi: string): string {
  const { eol, indent } = style.layout;
  return `${exportKeyword}function ${style.accessor}()${type} {${eol}${indent}return ${value.getText()}${semi}${eol}}`;
}

const deprecation = (accessor: string): string => `/** @deprecated use ${accessor}() */`;

/**
 * Replaces the definition with the accessor and the deprecated constant, or returns a reason
 * when the declaration is not one this codemod can rewrite safely.
 */
export function rewriteDefinition(text: string, definition: Definition, style: DefinitionStyle): Splice[] | string {
  const { statement } = definition;
  const semi = text[statement.end - 1] === ';' ? ';' : '';
  const { eol } = style.layout;
  const { accessor, constant } = style;
  const range = { start: statement.getStart(), end: statement.end };

  if (definition.kind === 'exports-assignment') {
    const target = definition.target.getText();
    const fn = accessorFunction(style, '', returnType(style, undefined, definition.value), definition.value, semi);
    return [{
      ...range,
      text: `${fn}${eol}${target}.${accessor} = ${accessor}${semi}${eol}${deprecation(accessor)}${eol}${target}.${constant} = ${accessor}()${semi}`,
    }];
  }
  if (definition.kind === 'exports-property') {
    // The accessor goes above `module.exports = {...}`; the property keeps its key and calls it.
    const { property } = definition;
    const fn = accessorFunction(style, '', returnType(style, undefined, property.initializer), property.initializer, semi || style.layout.semi);
    const start = property.getStart();
    const ownLine = text.slice(definition.object.properties.pos, start).includes('\n');
    return [
      { start: range.start, end: range.start, text: `${fn}${eol}${eol}` },
      ...(ownLine ? [{ start, end: start, text: `${deprecation(accessor)}${eol}${lineIndentAt(text, start)}` }] : []),
      { start: property.initializer.getStart(), end: property.initializer.end, text: `${accessor}()` },
    ];
  }
  const { declaration, statement: variableStatement } = definition;
  const list = variableStatement.declarationList;
  if (list.declarations.length !== 1) return `${constant} is declared together with other variables; split the declaration first`;
  if (!declaration.initializer) return `${constant} has no initializer`;
  const keyword = list.flags & typescript.NodeFlags.Const ? 'const' : list.flags & typescript.NodeFlags.Let ? 'let' : 'var';
  const exportKeyword = hasModifier(variableStatement, typescript.SyntaxKind.ExportKeyword) ? 'export ' : '';
  const annotation = !style.javascript && declaration.type ? `: ${declaration.type.getText()}` : '';
  const fn = accessorFunction(style, exportKeyword, returnType(style, declaration.type, declaration.initializer), declaration.initializer, semi);
  return [{
    ...range,
    text: `${fn}${eol}${eol}${deprecation(accessor)}${eol}${exportKeyword}${keyword} ${constant}${annotation} = ${accessor}()${semi}`,
  }];
}
