// Places where a module hands the constant on to others without reading it: `export { X }`,
// `module.exports = { X }`, `exports.X = X`. They keep the constant (deprecated) and gain the
// accessor next to it, so importers of this module can move to the accessor too.
import type ts from 'typescript';
import { typescript } from '../../parse/ts-api.js';
import type { Splice } from '../../plan/types.js';
import type { Layout } from './layout.js';
import type { Reference } from './scope.js';

export type ExportSite =
  | { kind: 'list'; elements: ts.NodeArray<ts.ExportSpecifier>; element: ts.ExportSpecifier; exportedName: string }
  | { kind: 'object'; elements: ts.NodeArray<ts.ObjectLiteralElementLike>; element: ts.ObjectLiteralElementLike; exportedName: string }
  | { kind: 'assignment'; statement: ts.ExpressionStatement; target: string; exportedName: string };

/** `exports` or `module.exports`. */
export function isCjsExportsObject(e: ts.Expression): boolean {
  if (typescript.isIdentifier(e)) return e.text === 'exports';
  return typescript.isPropertyAccessExpression(e) && typescript.isIdentifier(e.expression) && e.expression.text === 'module' && e.name.text === 'exports';
}

/** `<exports>.NAME = value` as a top-level statement: returns its parts. */
export function cjsExportAssignment(statement: ts.Statement): { target: ts.Expression; name: string; value: ts.Expression } | undefined {
  if (!typescript.isExpressionStatement(statement)) return undefined;
  const e = statement.expression;
  if (!typescript.isBinaryExpression(e) || e.operatorToken.kind !== typescript.SyntaxKind.EqualsToken) return undefined;
  if (!typescript.isPropertyAccessExpression(e.left) || !isCjsExportsObject(e.left.expression)) return undefined;
  return { target: e.left.expression, name: e.left.name.text, value: e.right };
}

/** The object literal of a top-level `module.exports = { ... }`. */
export function cjsExportsObjectLiteral(statement: ts.Statement): ts.ObjectLiteralExpression | undefined {
  if (!typescript.isExpressionStatement(statement)) return undefined;
  const e = statement.expression;
  if (!typescript.isBinaryExpression(e) || e.operatorToken.kind !== typescript.SyntaxKind.EqualsToken) return undefined;
  return isCjsExportsObject(e.left) && typescript.isObjectLiteralExpression(e.right) ? e.right : undefined;
}

export const propertyNameText = (n: ts.PropertyName | undefined): string | undefined =>
  n && (typescript.isIdentifier(n) || typescript.isStringLiteral(n)) ? n.text : undefined;

/** The export construct a reference sits in, when it is one. */
export function exportSiteOf(ref: Reference): ExportSite | undefined {
  const p = ref.id.parent;
  if (ref.kind === 'export-local' && typescript.isExportSpecifier(p)) {
    return { kind: 'list', elements: p.parent.elements, element: p, exportedName: p.name.text };
  }
  if ((typescript.isShorthandPropertyAssignment(p) && p.name === ref.id) || (typescript.isPropertyAssignment(p) && p.initializer === ref.id)) {
    const object = p.parent;
    const statement = object.parent?.parent;
    if (statement && typescript.isSourceFile(statement.parent) && cjsExportsObjectLiteral(statement as ts.Statement) === object) {
      return { kind: 'object', elements: object.properties, element: p, exportedName: propertyNameText(p.name) ?? '' };
    }
  }
  if (typescript.isBinaryExpression(p) && p.right === ref.id && typescript.isExpressionStatement(p.parent) && typescript.isSourceFile(p.parent.parent)) {
    const assignment = cjsExportAssignment(p.parent);
    if (assignment) return { kind: 'assignment', statement: p.parent, target: assignment.target.getText(), exportedName: assignment.name };
  }
  return undefined;
}

export function exportsNameAlready(site: ExportSite, name: string): boolean {
  switch (site.kind) {
    case 'list':
      return site.elements.some((e) => e.name.text === name);
    case 'object':
      return site.elements.some((e) => propertyNameText(e.name) === name);
    case 'assignment':
      return (site.statement.parent as ts.SourceFile).statements.some((st) => cjsExportAssignment(st)?.name === name);
  }
}

/** The construct an export site belongs to, so that it gains the accessor once. */
export function exportSiteKey(site: ExportSite): ts.Node {
  return site.kind === 'assignment' ? site.statement : site.elements[0]!.parent;
}

/** An element to add to a list, or a splice for a statement-level export. */
export type AccessorExport =
  | { kind: 'list'; elements: ts.NodeArray<ts.Node>; after: ts.Node; text: string }
  | { kind: 'splice'; splice: Splice };

/** How `accessor` (bound locally as `local`) joins the constant in an export construct; undefined when it already does. */
export function accessorExport(site: ExportSite, accessor: string, local: string, layout: Layout): AccessorExport | undefined {
  if (exportsNameAlready(site, accessor)) return undefined;
  switch (site.kind) {
    case 'list':
      return { kind: 'list', elements: site.elements, after: site.element, text: local === accessor ? accessor : `${local} as ${accessor}` };
    case 'object':
      return { kind: 'list', elements: site.elements, after: site.element, text: local === accessor ? accessor : `${accessor}: ${local}` };
    case 'assignment': {
      const at = site.statement.end;
      return { kind: 'splice', splice: { start: at, end: at, text: `${layout.eol}${site.target}.${accessor} = ${local}${layout.semi}` } };
    }
  }
}
