// What a file binds from the modules that export the constant: local names bound to the
// constant, module objects (`import * as s`, `import s from`, `const s = require(...)`,
// `const s = await import(...)`), an existing import of the accessor, and re-exports. Only
// top-level statements are scanned here; loads inside functions are found by `reads.ts`.
import type ts from 'typescript';
import { typescript } from '../../parse/ts-api.js';

/** A module whose `USER_ID` counts as the constant, as the caller decides from its specifier. */
export interface TrackedModule {
  specifier: string;
  /** The project file offering the accessor (the settings module or a re-exporter); undefined for any other module. */
  provider?: string;
  /** The provider exports through CommonJS: a default import of it is its exports object. */
  commonJs: boolean;
}

/** The tracked module a specifier names, or undefined when its exports do not matter. */
export type ModuleOf = (specifier: string) => TrackedModule | undefined;

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
  /** Undefined for the defining module's own declaration. */
  module?: TrackedModule;
  /** Where the name is visible: the source file, or the block holding a load inside a function. */
  scope: ts.Node;
  /** Code directly in `scope` runs later than module load. */
  deferred: boolean;
}

/** A local name holding a module object. */
export interface NamespaceBinding {
  local: string;
  module: TrackedModule;
  /** `import s from`: the default export, the module object only for CommonJS providers. */
  viaDefault: boolean;
  scope: ts.Node;
  deferred: boolean;
}

export interface ReExport {
  declaration: ts.ExportDeclaration;
  element: ts.ExportSpecifier;
  module: TrackedModule;
}

export interface ModuleBindings {
  constants: ConstantBinding[];
  namespaces: NamespaceBinding[];
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

export const nameText = (n: ts.ModuleExportName | ts.PropertyName | undefined): string | undefined =>
  n && (typescript.isIdentifier(n) || typescript.isStringLiteral(n)) ? n.text : undefined;

/** `require('x')`, `import('x')`, `await import('x')` (parenthesised or not): returns `'x'`. */
export function loadedSpecifier(node: ts.Node | undefined): string | undefined {
  let e = node;
  while (e && (typescript.isParenthesizedExpression(e) || typescript.isAwaitExpression(e))) e = e.expression;
  if (!e || !typescript.isCallExpression(e) || e.arguments.length !== 1) return undefined;
  const arg = e.arguments[0]!;
  if (!typescript.isStringLiteralLike(arg)) return undefined;
  const callee = e.expression;
  const loads = (typescript.isIdentifier(callee) && callee.text === 'require') || callee.kind === typescript.SyntaxKind.ImportKeyword;
  return loads ? arg.text : undefined;
}

/** The exported name an import specifier or destructuring element takes. */
export const importedName = (e: ts.ImportSpecifier | ts.BindingElement): string | undefined =>
  nameText(e.propertyName ?? (typescript.isIdentifier(e.name) ? e.name : undefined));

/** The element of a destructuring pattern that takes `name` (`{ name }`, `{ name: x }`, `{ 'name': x }`). */
export function elementTaking(pattern: ts.ObjectBindingPattern, name: string): ts.BindingElement | undefined {
  return pattern.elements.find((e) => !e.dotDotDotToken && importedName(e) === name);
}

/** A destructuring element the codemod can follow: no default value, no rest, a plain name. */
export function isPlainElement(e: ts.BindingElement): e is ts.BindingElement & { name: ts.Identifier } {
  return !e.dotDotDotToken && !e.initializer && typescript.isIdentifier(e.name);
}

/** Bindings made by one `const`/`let` declaration that loads a module (top level or in a block). */
export function loadBindings(
  statement: ts.VariableStatement,
  decl: ts.VariableDeclaration,
  module: TrackedModule,
  names: BindingNames,
  out: ModuleBindings,
  scope: ts.Node,
  deferred: boolean,
): void {
  if (typescript.isIdentifier(decl.name)) {
    out.namespaces.push({ local: decl.name.text, module, viaDefault: false, scope, deferred });
    return;
  }
  if (!typescript.isObjectBindingPattern(decl.name)) return;
  for (const element of decl.name.elements) {
    if (!isPlainElement(element)) continue;
    const imported = nameText(element.propertyName ?? element.name);
    const site: ImportSite = { statement, elements: decl.name.elements, element, style: 'require' };
    if (imported === names.constant) out.constants.push({ local: element.name.text, site, module, scope, deferred });
    else if (imported === names.accessor && module.provider) out.accessorLocal ??= element.name.text;
  }
}

export function scanBindings(sourceFile: ts.SourceFile, names: BindingNames, moduleOf: ModuleOf): ModuleBindings {
  const out: ModuleBindings = { constants: [], namespaces: [], reExports: [], usedProviders: new Set() };
  const tracked = (spec: ts.Expression | undefined): TrackedModule | undefined => {
    const module = spec && typescript.isStringLiteralLike(spec) ? moduleOf(spec.text) : undefined;
    if (module?.provider) out.usedProviders.add(module.provider);
    return module;
  };
  const scope = sourceFile;

  for (const statement of sourceFile.statements) {
    if (typescript.isImportDeclaration(statement)) {
      const clause = statement.importClause;
      const module = clause && !clause.isTypeOnly ? tracked(statement.moduleSpecifier) : undefined;
      if (!clause || !module) continue;
      if (clause.name) out.namespaces.push({ local: clause.name.text, module, viaDefault: true, scope, deferred: false });
      const bindings = clause.namedBindings;
      if (bindings && typescript.isNamespaceImport(bindings)) out.namespaces.push({ local: bindings.name.text, module, viaDefault: false, scope, deferred: false });
      if (bindings && typescript.isNamedImports(bindings)) {
        for (const element of bindings.elements) {
          if (element.isTypeOnly) continue;
          const imported = nameText(element.propertyName ?? element.name);
          const site: ImportSite = { statement, elements: bindings.elements, element, style: 'import' };
          if (imported === names.constant) out.constants.push({ local: element.name.text, site, module, scope, deferred: false });
          else if (imported === names.accessor && module.provider) out.accessorLocal ??= element.name.text;
        }
      }
    } else if (typescript.isImportEqualsDeclaration(statement)) {
      const ref = statement.moduleReference;
      const module = !statement.isTypeOnly && typescript.isExternalModuleReference(ref) ? tracked(ref.expression) : undefined;
      if (module) out.namespaces.push({ local: statement.name.text, module, viaDefault: false, scope, deferred: false });
    } else if (typescript.isVariableStatement(statement)) {
      for (const decl of statement.declarationList.declarations) {
        const specifier = loadedSpecifier(decl.initializer);
        const module = specifier === undefined ? undefined : moduleOf(specifier);
        if (!module) continue;
        if (module.provider) out.usedProviders.add(module.provider);
        loadBindings(statement, decl, module, names, out, scope, false);
      }
    } else if (typescript.isExportDeclaration(statement)) {
      const clause = statement.exportClause;
      if (statement.isTypeOnly || !clause || !typescript.isNamedExports(clause)) continue;
      const module = tracked(statement.moduleSpecifier);
      if (!module) continue;
      for (const element of clause.elements) {
        if (!element.isTypeOnly && nameText(element.propertyName ?? element.name) === names.constant) {
          out.reExports.push({ declaration: statement, element, module });
        }
      }
    }
  }
  return out;
}
