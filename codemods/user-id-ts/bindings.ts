// What a file imports from the modules that export the constant: local names bound to the
// constant, namespace-like names (`import * as s`, `const s = require(...)`), an existing
// import of the accessor, and re-exports. Only top-level statements can hold these.
import ts from 'typescript';
import type { ProviderResolver } from './resolve.js';

/** `import { USER_ID as x }` or `const { USER_ID: x } = require(...)`: one list element. */
export interface ImportSite {
  statement: ts.ImportDeclaration | ts.VariableStatement;
  /** The list the element sits in (named imports or the destructuring pattern). */
  elements: ts.NodeArray<ts.ImportSpecifier> | ts.NodeArray<ts.BindingElement>;
  element: ts.ImportSpecifier | ts.BindingElement;
  style: 'import' | 'require';
}

export interface ConstantBinding {
  local: string;
  /** Undefined for the defining module's own declaration. */
  site?: ImportSite;
}

export interface ReExport {
  declaration: ts.ExportDeclaration;
  element: ts.ExportSpecifier;
}

export interface ModuleBindings {
  constants: ConstantBinding[];
  namespaces: string[];
  /** Local name of an accessor already imported from a provider. */
  accessorLocal?: string;
  reExports: ReExport[];
  /** The providers this module imports or re-exports from. */
  usedProviders: Set<string>;
}

export interface BindingNames {
  constant: string;
  accessor: string;
}

const nameText = (n: ts.ModuleExportName | ts.PropertyName): string | undefined =>
  ts.isIdentifier(n) || ts.isStringLiteral(n) ? n.text : undefined;

/** `require('x')` with a string literal: returns `'x'`. */
export function requiredSpecifier(node: ts.Node | undefined): string | undefined {
  if (!node || !ts.isCallExpression(node) || !ts.isIdentifier(node.expression) || node.expression.text !== 'require') return undefined;
  const [arg] = node.arguments;
  return node.arguments.length === 1 && arg && ts.isStringLiteralLike(arg) ? arg.text : undefined;
}

export function scanBindings(
  sourceFile: ts.SourceFile,
  fileName: string,
  resolveProvider: ProviderResolver,
  names: BindingNames,
  commonJsModules: ReadonlySet<string> = new Set(),
): ModuleBindings {
  const out: ModuleBindings = { constants: [], namespaces: [], reExports: [], usedProviders: new Set() };
  /** The provider a module specifier names (recorded as used), or undefined. */
  const fromProvider = (spec: ts.Expression | undefined): string | undefined => {
    const provider = spec && ts.isStringLiteralLike(spec) ? resolveProvider(fileName, spec.text) : undefined;
    if (provider) out.usedProviders.add(provider);
    return provider;
  };

  for (const statement of sourceFile.statements) {
    if (ts.isImportDeclaration(statement)) {
      const clause = statement.importClause;
      const provider = clause && !clause.isTypeOnly ? fromProvider(statement.moduleSpecifier) : undefined;
      if (!clause || !provider) continue;
      if (clause.name && commonJsModules.has(provider)) out.namespaces.push(clause.name.text);
      const bindings = clause.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) out.namespaces.push(bindings.name.text);
      if (bindings && ts.isNamedImports(bindings)) {
        for (const element of bindings.elements) {
          if (element.isTypeOnly) continue;
          const imported = nameText(element.propertyName ?? element.name);
          const site: ImportSite = { statement, elements: bindings.elements, element, style: 'import' };
          if (imported === names.constant) out.constants.push({ local: element.name.text, site });
          else if (imported === names.accessor) out.accessorLocal ??= element.name.text;
        }
      }
    } else if (ts.isImportEqualsDeclaration(statement)) {
      const ref = statement.moduleReference;
      if (!statement.isTypeOnly && ts.isExternalModuleReference(ref) && fromProvider(ref.expression)) out.namespaces.push(statement.name.text);
    } else if (ts.isVariableStatement(statement)) {
      for (const decl of statement.declarationList.declarations) {
        const call = decl.initializer;
        if (!call || requiredSpecifier(call) === undefined || !fromProvider((call as ts.CallExpression).arguments[0])) continue;
        if (ts.isIdentifier(decl.name)) out.namespaces.push(decl.name.text);
        else if (ts.isObjectBindingPattern(decl.name)) {
          for (const element of decl.name.elements) {
            // A default value (`{ USER_ID = 'x' }`) has no accessor equivalent: left alone.
            if (element.dotDotDotToken || element.initializer || !ts.isIdentifier(element.name)) continue;
            const imported = nameText(element.propertyName ?? element.name);
            const site: ImportSite = { statement, elements: decl.name.elements, element, style: 'require' };
            if (imported === names.constant) out.constants.push({ local: element.name.text, site });
            else if (imported === names.accessor) out.accessorLocal ??= element.name.text;
          }
        }
      }
    } else if (ts.isExportDeclaration(statement)) {
      const clause = statement.exportClause;
      if (statement.isTypeOnly || !clause || !ts.isNamedExports(clause) || !fromProvider(statement.moduleSpecifier)) continue;
      for (const element of clause.elements) {
        if (!element.isTypeOnly && nameText(element.propertyName ?? element.name) === names.constant) {
          out.reExports.push({ declaration: statement, element });
        }
      }
    }
  }
  return out;
}
