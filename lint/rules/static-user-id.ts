// static-user-id: the user id imported as a constant is frozen at module load, so a user switch
// never reaches the code that read it. After the codemod ran, this keeps regressions out.
import path from 'node:path';
import type ts from 'typescript';
import { constantReads, readSite, readsValue, type ConstantBinding, type ModuleOf } from '../../codemods/user-id-ts/reads.js';
import { analyzeScopes, importedModuleText, importsAccessorToo, isImport, Judgements, type ModuleView } from '../../codemods/user-id-python/reads.js';
import type { LintRule, PyParsedFile, RuleContext, RuleMatch, TsParsedFile } from '../types.js';
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

/** A module path without its extension and a trailing `/index` (`/__init__`): what an import specifier names. */
function moduleStem(file: string): string[] {
  return file.replace(/\.(?:[cm]?[jt]sx?|py)$/, '').replace(/\/(?:index|__init__)$/, '').split('/');
}

/** A Python module as the lint writes it (`..config.keys`, `app.keys`) as a path specifier (`../config/keys`, `app/keys`). */
function pythonSpecifier(module: string): string {
  const level = /^\.*/.exec(module)![0].length;
  const rest = module.slice(level).split('.').filter((s) => s !== '').join('/');
  if (level === 0) return rest;
  return [level === 1 ? '.' : '..', ...Array<string>(Math.max(level - 2, 0)).fill('..'), ...(rest ? [rest] : [])].join('/');
}

/**
 * Whether `specifier`, imported by `importer`, names one of `modules` (project paths): resolved
 * when relative; else (a path alias such as `@/store/mutation-types`, a `baseUrl` path) by its
 * segments after an alias prefix (`@`, `~`, `#`...) ending the module's path.
 */
function namesModule(importer: string, specifier: string, modules: readonly string[]): boolean {
  const wanted = specifier.startsWith('.')
    ? moduleStem(path.posix.join(path.posix.dirname(importer), specifier))
    : moduleStem(specifier).filter((s, i) => !(i === 0 && /^[@~#]/.test(s)));
  return modules.some((m) => {
    const stem = moduleStem(m);
    if (specifier.startsWith('.')) return stem.join('/') === wanted.join('/');
    return wanted.length > 0 && wanted.length <= stem.length && wanted.every((w, i) => stem[stem.length - wanted.length + i] === w);
  });
}

function tsMessage(options: StaticUserIdOptions, module: string): string {
  return `${options.constant} from '${module}' is read once at module load and will not follow a user switch; call ${options.accessor}() instead`;
}

/**
 * The reads of the constant the user-id codemod rewrites, found by the codemod's own detector:
 * a name bound to it is reported once, at its import; member reads and destructurings where they are.
 */
function detectTs(file: TsParsedFile, options: StaticUserIdOptions, context: RuleContext): RuleMatch[] {
  const { constant, accessor } = options;
  // A module whose constant is a key name (context.project) is no settings module: its importers read no user id.
  const keyNames = context.project.keyNameModules;
  const moduleOf: ModuleOf = (specifier) => (fromSettingsModule(specifier, options) && !namesModule(file.path, specifier, keyNames)
    ? { specifier, provider: specifier, commonJs: true }
    : undefined);
  const { bindings, reads } = constantReads(file.sourceFile, { constant, accessor, moduleOf });
  const out: RuleMatch[] = [];
  const reported = new Set<ConstantBinding>();
  for (const read of reads) {
    if (read.kind === 'type-query') continue;
    if (read.kind === 'binding') {
      if (reported.has(read.binding) || !readsValue(read.ref, accessor)) continue;
      reported.add(read.binding);
    }
    const module = read.kind === 'binding' ? read.binding.module! : read.module;
    out.push(tsMatch(readSite(read), tsMessage(options, module.specifier)));
  }
  for (const { declaration, element, module } of bindings.reExports) {
    const clause = declaration.exportClause as ts.NamedExports;
    if (!clause.elements.some((e) => (e.propertyName ?? e.name).text === accessor)) out.push(tsMatch(element, tsMessage(options, module.specifier)));
  }
  return out.sort((a, b) => a.start - b.start);
}

function pyMessage(options: StaticUserIdOptions, module: string): string {
  return `${options.constant} from ${module} is read once at import time and will not follow a user switch; call ${options.pythonAccessor}() instead`;
}

/**
 * How the lint sees Python modules without the project: a module is its dotted name as written,
 * a lowercase name imported from it is a submodule, and a module counts when its name matches
 * `modules` and it is none of the project's key-name modules (`context.project`).
 */
function lintModuleView(options: StaticUserIdOptions, importer: string, keyNames: readonly string[]): ModuleView {
  const keyName = (module: string | undefined) => module !== undefined && keyNames.length > 0 && namesModule(importer, pythonSpecifier(module), keyNames);
  return {
    resolve: (_from, ref) => '.'.repeat(ref.level) + ref.module,
    child: (base, name) => (/^[a-z_][a-z0-9_]*$/.test(name) && name !== options.constant ? `${base}.${name}` : undefined),
    fileOf: (base) => base,
    provider: (module) => (module !== undefined && fromSettingsModule(module, options) && !keyName(module) ? { role: 'definer', ok: true } : undefined),
    keyName,
  };
}

/** The codemod's reads of the constant (imports of it, `mod.USER_ID`, `getattr(mod, "USER_ID")`) from modules the options name. */
function detectPython(file: PyParsedFile, options: StaticUserIdOptions, context: RuleContext): RuleMatch[] {
  const names = { constant: options.constant, accessor: options.pythonAccessor };
  const analysis = analyzeScopes(file.root, { text: file.text, names: [names.constant, names.accessor] });
  const judgements = new Judgements(lintModuleView(options, file.path, context.project.keyNameModules), file.path, names, analysis.scopes, false);
  const out: RuleMatch[] = [];
  for (const scope of analysis.scopes) {
    for (const [name, bindings] of scope.bindings) {
      const { kinds } = judgements.get(scope, name)!;
      bindings.forEach((b, i) => {
        if (kinds[i] !== 'userid' || !isImport(b) || importsAccessorToo(b, names.accessor)) return;
        out.push(pyMatch(b.info.nameNode, pyMessage(options, importedModuleText(b))));
      });
    }
  }
  const seen = new Set<number>();
  for (const ref of analysis.references) {
    const read = judgements.readOf(ref);
    if (read?.kind === 'name' || !read?.provider || seen.has(read.node.id)) continue;
    seen.add(read.node.id);
    out.push(pyMatch(read.node, pyMessage(options, read.module)));
  }
  return out.sort((a, b) => a.start - b.start);
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
  prefilter: (options) => ({ text: new RegExp(`\\b${escapeRegExp(options.constant)}\\b`), inCode: true }),
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
  detect: (file, options, context) => (file.language === 'ts' ? detectTs(file, options, context) : detectPython(file, options, context)),
};
