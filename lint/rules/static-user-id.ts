// static-user-id: the user id imported as a constant is frozen at module load, so a user switch
// never reaches the code that read it. After the codemod ran, this keeps regressions out.
import type ts from 'typescript';
import { typescript } from '../parse/ts-api.js';
import { moduleBindings, requiredModule, resolveModuleBinding, nodesOf, type ModuleBinding } from '../parse/ts-bindings.js';
import { dottedParts, pythonImports } from '../parse/py-bindings.js';
import type { LintRule, PyParsedFile, RuleMatch, TsParsedFile } from '../types.js';
import { checkKeys, escapeRegExp, identifier, stringList } from './options.js';
import { pyMatch, tsMatch } from './match.js';

export interface StaticUserIdOptions {
  /** The constant's name. */
  constant: string;
  /** Accessor names the fix hint points to. */
  accessor: string;
  pythonAccessor: string;
  /**
   * Modules the constant may come from, matched on whole path segments at the end of the
   * specifier (`settings` matches `../config/settings` and `app.config.settings`). Empty: any.
   */
  modules: string[];
}

function segments(module: string): string[] {
  // Python dots and TS slashes alike; relative prefixes (`./`, `../`, leading dots) say nothing.
  return module.split(/[/.]+/).filter((s) => s !== '');
}

function fromSettingsModule(module: string, options: StaticUserIdOptions): boolean {
  if (options.modules.length === 0) return true;
  const have = segments(module);
  return options.modules.some((m) => {
    const want = segments(m);
    return want.length > 0 && want.length <= have.length && want.every((w, i) => have[have.length - want.length + i] === w);
  });
}

function tsMessage(options: StaticUserIdOptions, module: string): string {
  return `${options.constant} from '${module}' is read once at module load and will not follow a user switch; call ${options.accessor}() instead`;
}

function isModuleObject(binding: ModuleBinding | undefined): binding is ModuleBinding {
  return binding !== undefined && (binding.kind === 'namespace' || binding.kind === 'default');
}

/** `settings.USER_ID`, `settings['USER_ID']`, `require('./settings').USER_ID`. */
function memberModule(node: ts.Node, bindings: ModuleBinding[], constant: string): string | undefined {
  let object: ts.Expression;
  if (typescript.isPropertyAccessExpression(node) && node.name.text === constant) object = node.expression;
  else if (typescript.isElementAccessExpression(node) && typescript.isStringLiteralLike(node.argumentExpression) && node.argumentExpression.text === constant) {
    object = node.expression;
  } else return undefined;
  const required = requiredModule(object);
  if (required !== undefined) return required;
  if (!typescript.isIdentifier(object)) return undefined;
  const binding = resolveModuleBinding(bindings, node, object.text);
  return isModuleObject(binding) ? binding.module : undefined;
}

/** `const { USER_ID } = settings` where `settings` is a module object. */
function destructuredFromModule(node: ts.Node, bindings: ModuleBinding[], constant: string): { element: ts.Node; module: string } | undefined {
  if (!typescript.isVariableDeclaration(node) || !typescript.isObjectBindingPattern(node.name) || !node.initializer) return undefined;
  if (!typescript.isIdentifier(node.initializer)) return undefined;
  const binding = resolveModuleBinding(bindings, node, node.initializer.text);
  if (!isModuleObject(binding)) return undefined;
  const element = node.name.elements.find((e) => {
    const key = e.propertyName ?? e.name;
    return (typescript.isIdentifier(key) || typescript.isStringLiteral(key)) && key.text === constant;
  });
  return element ? { element, module: binding.module } : undefined;
}

function inTypePosition(node: ts.Node): boolean {
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
    if (typescript.isTypeNode(n)) return true;
    if (typescript.isStatement(n) || typescript.isExpression(n)) return false;
  }
  return false;
}

/** A property or member name (`{ USER_ID: x }`, `o.USER_ID`) names no variable. */
function isPropertyName(n: ts.Identifier): boolean {
  const p = n.parent;
  return (typescript.isPropertyAccessExpression(p) && p.name === n) || ((typescript.isPropertyAssignment(p) || typescript.isPropertyDeclaration(p) || typescript.isMethodDeclaration(p) || typescript.isPropertySignature(p)) && p.name === n);
}

/** Whether `local` is read as a value anywhere; `typeof USER_ID` in a type reads no value. */
function readAsValue(file: TsParsedFile, local: string, declaration: ts.Node): boolean {
  return nodesOf(file.sourceFile).some((n) => typescript.isIdentifier(n) && n.text === local && n.parent !== declaration && !isPropertyName(n) && !inTypePosition(n));
}

/** `export { USER_ID, getUserId } from './settings'`: the compatibility re-export the codemod leaves. */
function exportsAccessorToo(clause: ts.NamedExports, accessor: string): boolean {
  return clause.elements.some((e) => (e.propertyName ?? e.name).text === accessor);
}

function detectTs(file: TsParsedFile, options: StaticUserIdOptions): RuleMatch[] {
  const out: RuleMatch[] = [];
  const bindings = moduleBindings(file.sourceFile);
  for (const b of bindings) {
    // `const id = require('./settings').USER_ID` is reported at its member access below.
    if (typescript.isVariableDeclaration(b.node)) continue;
    if (b.kind === 'named' && b.imported === options.constant && !b.typeOnly && fromSettingsModule(b.module, options)) {
      const usedOnlyAsType = nodesOf(file.sourceFile).some((n) => typescript.isIdentifier(n) && n.text === b.local && inTypePosition(n)) && !readAsValue(file, b.local, b.node);
      if (!usedOnlyAsType) out.push(tsMatch(b.node, tsMessage(options, b.module)));
    }
  }
  for (const node of nodesOf(file.sourceFile)) {
    if (typescript.isExportDeclaration(node) && node.moduleSpecifier && typescript.isStringLiteral(node.moduleSpecifier) && !node.isTypeOnly) {
      const module = node.moduleSpecifier.text;
      const clause = node.exportClause;
      if (clause && typescript.isNamedExports(clause) && fromSettingsModule(module, options) && !exportsAccessorToo(clause, options.accessor)) {
        for (const spec of clause.elements) {
          if ((spec.propertyName ?? spec.name).text === options.constant) out.push(tsMatch(spec, tsMessage(options, module)));
        }
      }
      continue;
    }
    const module = memberModule(node, bindings, options.constant);
    if (module !== undefined && fromSettingsModule(module, options)) {
      out.push(tsMatch(node, tsMessage(options, module)));
      continue;
    }
    const destructured = destructuredFromModule(node, bindings, options.constant);
    if (destructured && fromSettingsModule(destructured.module, options)) {
      out.push(tsMatch(destructured.element, tsMessage(options, destructured.module)));
    }
  }
  return out;
}

function pyMessage(options: StaticUserIdOptions, module: string): string {
  return `${options.constant} from ${module} is read once at import time and will not follow a user switch; call ${options.pythonAccessor}() instead`;
}

function detectPython(file: PyParsedFile, options: StaticUserIdOptions): RuleMatch[] {
  const out: RuleMatch[] = [];
  const imports = pythonImports(file.root);
  for (const imp of imports) {
    if (imp.name !== options.constant || !fromSettingsModule(imp.module, options)) continue;
    // `from .settings import USER_ID, get_userid`: the compatibility re-export the codemod leaves.
    const sameStatement = imports.filter((i) => i.node.parent?.id === imp.node.parent?.id || i.node.parent?.parent?.id === imp.node.parent?.id);
    if (sameStatement.some((i) => i.name === options.pythonAccessor && i.module === imp.module)) continue;
    out.push(pyMatch(imp.node, pyMessage(options, imp.module)));
  }
  for (const attr of file.root.descendantsOfType('attribute')) {
    if (!attr || attr.childForFieldName('attribute')?.text !== options.constant) continue;
    const object = attr.childForFieldName('object');
    const parts = object ? dottedParts(object) : undefined;
    if (!parts) continue;
    const module = importedModulePath(parts, imports);
    if (module !== undefined && fromSettingsModule(module, options)) out.push(pyMatch(attr, pyMessage(options, module)));
  }
  return out;
}

/**
 * The module an attribute chain's object names when its head is an imported module:
 * `settings` after `from app.config import settings`, `app.config.settings` after `import app.config.settings`.
 * Capitalised heads are classes by convention (a `Config.USER_ID` class attribute is no import).
 */
function importedModulePath(parts: string[], imports: ReturnType<typeof pythonImports>): string | undefined {
  const head = parts[0]!;
  if (!/^[a-z_]/.test(head)) return undefined;
  const imp = imports.find((i) => i.local === head);
  if (!imp) return undefined;
  if (imp.name !== undefined) return [`${imp.module}.${imp.name}`, ...parts.slice(1)].join('.');
  const aliased = imp.local !== imp.module.split('.')[0];
  return aliased ? [imp.module, ...parts.slice(1)].join('.') : parts.join('.');
}

export const staticUserId: LintRule<StaticUserIdOptions> = {
  id: 'static-user-id',
  description: 'Imports or reads of the USER_ID constant from the settings module',
  why: 'The constant is evaluated once when the settings module loads, so switching the user never reaches code that imported it.',
  fix: 'Import the lazy accessor and call it where the value is needed: getUserId() in TS/JS, get_userid() in Python (the user-id codemod does this).',
  docsAnchor: 'static-user-id',
  defaultSeverity: 'error',
  defaultOptions: { constant: 'USER_ID', accessor: 'getUserId', pythonAccessor: 'get_userid', modules: [] },
  languages: ['ts', 'python'],
  prefilter: (options) => ({ text: new RegExp(`\\b${escapeRegExp(options.constant)}\\b`) }),
  resolveOptions(raw) {
    checkKeys(raw, ['constant', 'accessor', 'pythonAccessor', 'modules']);
    const d = staticUserId.defaultOptions;
    return {
      constant: identifier(raw, 'constant', d.constant),
      accessor: identifier(raw, 'accessor', d.accessor),
      pythonAccessor: identifier(raw, 'pythonAccessor', d.pythonAccessor),
      modules: stringList(raw, 'modules', d.modules),
    };
  },
  detect: (file, options) => (file.language === 'ts' ? detectTs(file, options) : detectPython(file, options)),
};
