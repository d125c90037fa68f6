// The codemod for one file, as a pure function of its text: splices that move every use of
// the settings module's constant to the accessor, plus warnings for what needs a person.
import type ts from 'typescript';
import { typescript } from '../../parse/ts-api.js';
import type { Splice, Warning } from '../../plan/types.js';
import { droppedEditWarnings, warningAt } from '../shared/warnings.js';
import { FileMigration, SOURCE_NAME, type MigrationNames, type ReadText } from './migration.js';
import { importedName, type ConstantBinding, type ImportSite, type ModuleBindings, type ModuleOf } from './bindings.js';
import { declaresTopLevel, definitionValue, findDefinition, rewriteDefinition, type Definition } from './defining.js';
import { accessorExport, exportSiteKey, exportSiteOf, type ExportSite } from './exports.js';
import { detectLayout, removeStatement, type Layout } from './layout.js';
import { listSplices, type ListEdit } from './lists.js';
import { isJavaScript, parseSource } from './parse.js';
import { editProblem } from './reparse.js';
import { emitReads } from './one-read.js';
import { constantReads, readSite, type ConstantRead } from './reads.js';
import { providerResolver, type ModuleAliases } from './resolve.js';
import type { Reference } from './scope.js';

export { SOURCE_NAME };

export interface UserIdTsOptions {
  /** The constant to migrate, e.g. `USER_ID`. */
  constant: string;
  /** The accessor replacing it, e.g. `getUserId`. */
  accessor: string;
  /** Project-relative path of the module defining the constant, if known. */
  settingsModule?: string;
  /** Project-relative paths of every module exporting the constant (settings module and re-exporters). */
  providers: readonly string[];
  /** tsconfig `paths` / `baseUrl`, for imports that do not start with `.`. */
  aliases?: ModuleAliases;
  /** Providers exporting through CommonJS: a default import of one is its exports object. */
  commonJsModules?: readonly string[];
  /** Modules whose constant is a key name (`keyNameValue`): what is imported from them is no user id, left alone. */
  keyNameModules?: readonly string[];
}

export interface UserIdTsResult {
  splices: Splice[];
  warnings: Warning[];
  /** Set when the input does not parse: the file is left untouched. */
  parseError?: Warning;
  /** The file hands the constant on (defines or re-exports it): its importers are migrated too. */
  exportsConstant: boolean;
  /** Providers this file imports the constant from: they must offer the accessor too. */
  usedProviders: string[];
}

export function transformUserIdTs(text: string, fileName: string, options: UserIdTsOptions): UserIdTsResult {
  const { sourceFile, error } = parseSource(text, fileName);
  if (error) {
    const parseError = warningAt(SOURCE_NAME, fileName, text, error.offset, 'parse-error', `cannot parse: ${error.message}; file left untouched`);
    return { splices: [], warnings: [], parseError, exportsConstant: false, usedProviders: [] };
  }
  return transformParsed(sourceFile, text, fileName, options, true);
}

/** With `useTree`, the tree is used up by the last check (editProblem): the caller must not keep it. */
export function transformParsed(sourceFile: ts.SourceFile, text: string, fileName: string, options: UserIdTsOptions, useTree = false): UserIdTsResult {
  const { constant, accessor } = options;
  const resolveProvider = providerResolver(options.providers, options.aliases);
  const commonJs = new Set(options.commonJsModules);
  const resolveKeyName = providerResolver(options.keyNameModules ?? [], options.aliases);
  // Every module counts but a key-name one: a constant of that name from elsewhere is reported, as the lint reports it.
  const moduleOf: ModuleOf = (specifier) => {
    if (resolveKeyName(fileName, specifier) !== undefined) return undefined;
    const provider = resolveProvider(fileName, specifier);
    return { specifier, provider, commonJs: provider !== undefined && commonJs.has(provider) };
  };
  const isDefining = fileName === options.settingsModule;
  const definition = isDefining ? findDefinition(sourceFile, constant) : undefined;
  const accessorDeclared = isDefining && declaresTopLevel(sourceFile, accessor);
  const { bindings, reads } = constantReads(sourceFile, { constant, accessor, moduleOf, definesConstant: definition?.kind === 'variable' });
  if (accessorDeclared) bindings.accessorLocal = accessor;

  const m = new FileMigration(sourceFile, text, fileName, options, detectLayout(text, sourceFile));
  m.exportsConstant = isDefining && definition !== undefined;
  m.usedProviders = [...bindings.usedProviders];
  if (isDefining && !definition) {
    m.warn(0, 'definition-not-found', `no top-level definition of ${constant} found in the settings module`);
  }
  const value = definition && definitionValue(definition);
  if (accessorDeclared && value && !(typescript.isCallExpression(value) && value.expression.getText() === accessor)) {
    m.warn(value.getStart(), 'accessor-exists',
      `the settings module already declares ${accessor} but ${constant} is not defined from it; importers will call ${accessor}(): check that it returns the same value`);
  }

  handleReads(m, reads);
  handleReExports(m, bindings);
  const accessorLocal = chooseAccessorLocal(m, bindings, isDefining);
  if (accessorLocal) {
    for (const { site, at } of m.exportSites.values()) {
      const add = accessorExport(site, accessor, accessorLocal, m.layout);
      if (add?.kind === 'list') m.editList(add.elements, add.after, { kind: 'insert-after', text: add.text });
      if (add?.kind === 'splice') m.splices.push(add.splice);
      if (add && !isDefining) m.warn(at, 're-export-kept', reExportKept(m.options));
    }
  }
  emitReads(m, accessorLocal ?? accessor);
  editImportSites(m, bindings, accessorLocal);
  if (definition && !accessorDeclared) rewriteDefinitionInto(m, definition);
  flushListEdits(m);
  return finish(m, useTree ? sourceFile : undefined);
}

/** Each read of the constant is rewritten, or carried as a warning at its line. */
function handleReads(m: FileMigration, reads: readonly ConstantRead[]): void {
  const { constant } = m.options;
  const foreignBindings = new Set<ConstantBinding>();
  for (const read of reads) {
    const module = read.kind === 'binding' ? read.binding.module : read.module;
    if (module && !module.provider) {
      if (read.kind === 'type-query') continue;
      if (read.kind !== 'binding') m.foreign(readSite(read), module);
      else if (read.ref.kind !== 'type-query' && !foreignBindings.has(read.binding)) {
        foreignBindings.add(read.binding);
        m.foreign(readSite(read), module);
      }
      continue;
    }
    switch (read.kind) {
      case 'binding':
        bindingRead(m, read.binding, read.ref);
        break;
      case 'member':
        if (read.viaDefault && !read.module.commonJs) {
          m.warn(read.node.getStart(), 'unhandled-reference',
            `${read.node.getText()} reads ${constant} from the default export of an ES module, which has no ${m.options.accessor}; migrate it by hand`);
        } else m.memberRead(read.node, read.moduleLevel);
        break;
      case 'destructure':
        m.destructure(read.declaration, read.element, read.moduleLevel);
        break;
      case 'type-query':
        m.warn(read.node.getStart(), 'typeof-in-type', `typeof ${read.node.getText()} in a type is left as is (${constant} stays exported, deprecated)`);
        break;
      case 'unsupported':
        m.warn(read.node.getStart(), 'nested-import',
          `${constant} is loaded here in a form the codemod does not rewrite (a default value, a nested pattern); migrate it by hand`);
        break;
    }
  }
}

/** Local name of the accessor for a binding made inside a function: the pattern's own, or a free one. */
function nestedAccessorLocal(m: FileMigration, binding: ConstantBinding): string {
  const elements = binding.site!.elements as ts.NodeArray<ts.BindingElement>;
  const existing = elements.find((e) => importedName(e) === m.options.accessor);
  return existing && typescript.isIdentifier(existing.name) ? existing.name.text : m.freeAccessorName();
}

const isTopLevel = (binding: ConstantBinding): boolean => typescript.isSourceFile(binding.scope);

function bindingRead(m: FileMigration, binding: ConstantBinding, ref: Reference): void {
  const { constant } = m.options;
  const site = isTopLevel(binding) ? exportSiteOf(ref) : undefined;
  if (site) {
    m.use(binding, 'kept');
    if (!m.exportSites.has(exportSiteKey(site))) m.exportSites.set(exportSiteKey(site), { site, at: ref.id.getStart() });
    if (site.exportedName === constant) m.exportsConstant = true;
    return;
  }
  const topLevel = isTopLevel(binding);
  const emit = (node: ts.Identifier, render: ReadText) => m.reads.push({
    node, render, topLevel, call: (accessorLocal) => `${topLevel ? accessorLocal : nestedAccessorLocal(m, binding)}()`,
  });
  const outcome = m.constantReference(ref, emit);
  m.use(binding, outcome);
  if (outcome === 'kept' && ref.kind !== 'type-query') m.use(binding, 'keptReads');
}

const reExportKept = ({ constant, accessor }: MigrationNames): string =>
  `re-export of ${constant} kept for compatibility (deprecated); ${accessor} is exported next to it`;

function handleReExports(m: FileMigration, bindings: ModuleBindings): void {
  const { constant, accessor } = m.options;
  for (const { declaration, element } of bindings.reExports) {
    const elements = (declaration.exportClause as ts.NamedExports).elements;
    if (element.name.text === constant) m.exportsConstant = true;
    const hasAccessor = elements.some((e) => (e.propertyName ?? e.name).text === accessor);
    if (hasAccessor || m.listEdits.has(elements)) continue;
    m.editList(elements, element, { kind: 'insert-after', text: accessor });
    m.warn(element.getStart(), 're-export-kept', reExportKept(m.options));
  }
}

/** The local name calls use; picks a free alias when the accessor's name is taken in this file. */
function chooseAccessorLocal(m: FileMigration, bindings: ModuleBindings, isDefining: boolean): string | undefined {
  if (!m.reads.some((r) => r.topLevel) && m.exportSites.size === 0) return undefined;
  if (bindings.accessorLocal) return bindings.accessorLocal;
  const { accessor } = m.options;
  return isDefining ? accessor : m.freeAccessorName();
}

function importSpecifier(site: ImportSite, accessor: string, local: string): string {
  if (local === accessor) return accessor;
  return site.style === 'import' ? `${accessor} as ${local}` : `${accessor}: ${local}`;
}

/** Import lists: the constant gives way to the accessor (or stays, when uses are left). */
function editImportSites(m: FileMigration, bindings: ModuleBindings, accessorLocal: string | undefined): void {
  const { constant, accessor } = m.options;
  let accessorImported = bindings.accessorLocal !== undefined;
  for (const binding of bindings.constants) {
    const site = binding.site;
    const usage = m.usage.get(binding);
    if (!site || !usage) continue;
    const keep = usage.kept > 0;
    if (usage.keptReads > 0) {
      m.warn(site.element.getStart(), 'import-kept', `${constant} stays imported here for the uses left unchanged (see the warnings on them); migrate those by hand`);
    }
    if (!isTopLevel(binding)) {
      if (usage.rewritten === 0) continue;
      const local = nestedAccessorLocal(m, binding);
      const hasAccessor = (site.elements as readonly (ts.ImportSpecifier | ts.BindingElement)[]).some((e) => importedName(e) === accessor);
      const text = importSpecifier(site, accessor, local);
      if (!hasAccessor) m.editList(site.elements, site.element, keep ? { kind: 'insert-after', text } : { kind: 'replace', text });
      else if (!keep) m.editList(site.elements, site.element, { kind: 'remove' });
      continue;
    }
    if (accessorLocal && !accessorImported) {
      accessorImported = true;
      const text = importSpecifier(site, accessor, accessorLocal);
      m.editList(site.elements, site.element, keep ? { kind: 'insert-after', text } : { kind: 'replace', text });
    } else if (!keep) {
      m.editList(site.elements, site.element, { kind: 'remove' });
    }
  }
}

function rewriteDefinitionInto(m: FileMigration, definition: Definition): void {
  const result = rewriteDefinition(m.text, definition, {
    constant: m.options.constant,
    accessor: m.options.accessor,
    javascript: isJavaScript(m.fileName),
    layout: m.layout,
  });
  if (typeof result === 'string') {
    m.warn(definition.statement.getStart(), 'unsupported-definition', `${result}; the settings module is left as is`);
    return;
  }
  m.splices.push(...result);
  if (definition.kind === 'exports-property') {
    m.editList(definition.object.properties, definition.property, { kind: 'insert-after', text: m.options.accessor });
  }
}

/** Turns collected list edits into splices; a list left empty removes its whole construct. */
function flushListEdits(m: FileMigration): void {
  for (const [elements, edits] of m.listEdits) {
    const result = listSplices(m.text, elements, edits, m.layout);
    if (result !== 'empty') {
      m.splices.push(...result);
      continue;
    }
    const owner = elements[0]!.parent;
    if (typescript.isNamedImports(owner)) {
      const clause = owner.parent;
      m.splices.push(clause.name
        ? { start: clause.name.end, end: owner.end, text: '' }
        : removeStatement(m.text, clause.parent));
    } else if (typescript.isObjectBindingPattern(owner)) {
      const declaration = owner.parent as ts.VariableDeclaration;
      const list = declaration.parent as ts.VariableDeclarationList;
      if (list.declarations.length === 1) m.splices.push(removeStatement(m.text, list.parent));
      else {
        const rest = listSplices(m.text, list.declarations, new Map([[declaration, { kind: 'remove' }]]), m.layout);
        if (rest !== 'empty') m.splices.push(...rest);
      }
    }
  }
}

/** Checks that the edited file still parses; an edit that would break it is dropped. */
function finish(m: FileMigration, tree: ts.SourceFile | undefined): UserIdTsResult {
  const splices = m.splices.sort((a, b) => a.start - b.start || a.end - b.end);
  const problem = splices.length > 0 ? editProblem(m.text, m.fileName, splices, tree) : undefined;
  if (problem) return unparsable(m, problem, splices);
  return { splices, warnings: m.warnings, exportsConstant: m.exportsConstant, usedProviders: m.usedProviders };
}

function unparsable(m: FileMigration, reason: string, splices: readonly Splice[]): UserIdTsResult {
  const warning: Warning = { source: SOURCE_NAME, file: m.fileName, line: 1, column: 1, code: 'edit-unparsable',
    message: `the rewrite of this file would not parse (${reason}); file left untouched, migrate it by hand` };
  const lines = droppedEditWarnings(SOURCE_NAME, m.fileName, m.text, splices, 'the rewrite of this file would not parse (edit-unparsable)');
  return { splices: [], warnings: [warning, ...lines], exportsConstant: m.exportsConstant, usedProviders: m.usedProviders };
}
