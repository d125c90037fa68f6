// direct-db: SQLite opened outside the data daemon bypasses its message-passing concurrency.
// Only constructors that bind to a SQLite module (or to nothing the file declares) count, so an
// application's own `Database` class is no finding. On by default for continuum (its DataDaemon)
// and persag (per-user storage paths); other projects opt in and get generic advice.
import type ts from 'typescript';
import { typescript } from '../../parse/ts-api.js';
import type { LintProfile, LintRule, PyParsedFile, RuleMatch, TsParsedFile } from '../types.js';
import { moduleBindings, declaringScope, requiredModule, resolveModuleBinding, nodesOf, type ModuleBinding } from '../../parse/ts-bindings.js';
import { dottedParts, pythonImports } from '../../parse/py-bindings.js';
import { checkKeys, escapeRegExp, matchesGlobs, stringList } from './options.js';
import { namesAnywhereWith, SPELLING_ESCAPE, TOKEN_GAP } from './prefilter-text.js';
import { pyMatch, tsMatch } from './match.js';

export interface DirectDbOptions {
  /** Globs of project-relative paths where direct SQLite access is the job (the data daemon). */
  allowIn: string[];
}

export const SQLITE_MODULES = new Set(['better-sqlite3', 'sqlite3', 'sqlite', 'node:sqlite', 'bun:sqlite']);
/** Constructor names the SQLite modules export. */
const CONSTRUCTORS = new Set(['Database', 'DatabaseSync']);

/** Where the access happens and what to do instead, in the words of the project's app. */
const ADVICE: Record<LintProfile, { where: string; fix: string }> = {
  continuum: { where: 'outside the data daemon', fix: "go through the DataDaemon (Commands.execute('data/read' | 'data/store', ...))" },
  persag: { where: 'outside the storage module', fix: "open the current user's database from its storage dir per call (get_userid() / get_user_storage_paths()), never from a path fixed at import" },
  generic: { where: 'outside the allowed data-access dirs', fix: 'keep database access in one data-access module (option allowIn)' },
};

const tail = (profile: LintProfile): string => `${ADVICE[profile].where}; ${ADVICE[profile].fix}`;

function sqliteBinding(b: ModuleBinding | undefined): b is ModuleBinding {
  return b !== undefined && SQLITE_MODULES.has(b.module);
}

/** The SQLite module a `new` expression constructs from, or 'unresolved' for an undeclared `Database`. */
function constructedFrom(node: ts.NewExpression, bindings: ModuleBinding[]): string | undefined {
  let callee: ts.Expression = node.expression;
  while (typescript.isParenthesizedExpression(callee)) callee = callee.expression;
  if (typescript.isIdentifier(callee)) {
    const binding = resolveModuleBinding(bindings, node, callee.text);
    // `import Database from 'better-sqlite3'`, `import { DatabaseSync } from 'node:sqlite'`, ...
    if (sqliteBinding(binding)) return binding.module;
    if (callee.text === 'Database' && !declaringScope(node, callee.text)) return 'unresolved';
    return undefined;
  }
  if (typescript.isPropertyAccessExpression(callee) && CONSTRUCTORS.has(callee.name.text)) {
    // `new sq.Database()` for any alias, `new (require('sqlite3').verbose().Database)()`.
    const object = callee.expression;
    const direct = requiredModule(object);
    if (direct !== undefined) return SQLITE_MODULES.has(direct) ? direct : undefined;
    const head = typescript.isCallExpression(object) && typescript.isPropertyAccessExpression(object.expression) && object.expression.name.text === 'verbose'
      ? object.expression.expression
      : object;
    if (!typescript.isIdentifier(head)) return undefined;
    const binding = resolveModuleBinding(bindings, node, head.text);
    return sqliteBinding(binding) ? binding.module : undefined;
  }
  return undefined;
}

/** Every direct SQLite access of a TS/JS file: imports, requires and constructions. */
export function directDbMatches(file: TsParsedFile, profile: LintProfile): RuleMatch[] {
  const out: RuleMatch[] = [];
  const bindings = moduleBindings(file.sourceFile);
  for (const node of nodesOf(file.sourceFile)) {
    if (typescript.isImportDeclaration(node) && typescript.isStringLiteral(node.moduleSpecifier) && SQLITE_MODULES.has(node.moduleSpecifier.text)) {
      if (!node.importClause?.isTypeOnly) {
        out.push(tsMatch(node, `import of the SQLite module '${node.moduleSpecifier.text}' ${tail(profile)}`));
      }
    } else if (typescript.isImportEqualsDeclaration(node) && typescript.isExternalModuleReference(node.moduleReference) && !node.isTypeOnly) {
      const spec = node.moduleReference.expression;
      if (typescript.isStringLiteral(spec) && SQLITE_MODULES.has(spec.text)) {
        out.push(tsMatch(node, `import of the SQLite module '${spec.text}' ${tail(profile)}`));
      }
    } else if (typescript.isCallExpression(node)) {
      const module = requiredModule(node);
      // `require('sqlite3').verbose()` is reported once, at its inner `require`.
      if (module !== undefined && SQLITE_MODULES.has(module) && !(typescript.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'verbose')) {
        out.push(tsMatch(node, `require of the SQLite module '${module}' ${tail(profile)}`));
      }
    } else if (typescript.isNewExpression(node)) {
      const from = constructedFrom(node, bindings);
      if (from !== undefined) {
        const what = from === 'unresolved' ? 'new Database(...)' : `a '${from}' database`;
        out.push(tsMatch(node.expression, `${what} opened directly ${tail(profile)}`));
      }
    }
  }
  return out;
}

function detectPython(file: PyParsedFile, profile: LintProfile): RuleMatch[] {
  const out: RuleMatch[] = [];
  const imports = pythonImports(file.root).filter((i) => i.module === 'sqlite3');
  if (imports.length === 0) return out;
  const moduleAliases = new Set(imports.filter((i) => i.name === undefined).map((i) => i.local));
  const connectAliases = new Set(imports.filter((i) => i.name === 'connect').map((i) => i.local));
  for (const call of file.root.descendantsOfType('call')) {
    const fn = call?.childForFieldName('function');
    const parts = fn ? dottedParts(fn) : undefined;
    if (!call || !parts) continue;
    const isConnect =
      (parts.length === 2 && parts[1] === 'connect' && moduleAliases.has(parts[0]!)) ||
      (parts.length === 1 && connectAliases.has(parts[0]!));
    if (isConnect) out.push(pyMatch(fn!, `sqlite3.connect(...) ${tail(profile)}`));
  }
  return out;
}

const NEW_DATABASE = `\\bnew\\b(?:${TOKEN_GAP}\\()*${TOKEN_GAP}Database\\b`;

/**
 * What every finding needs: a SQLite module's name as a whole string literal (an import, a
 * require, or the module a constructor comes from), or spelt there with escapes; Python's
 * `sqlite3` module imported by name; otherwise only an undeclared `new Database(...)`.
 */
function moduleNamePrefilter(): RegExp {
  const modules = [...SQLITE_MODULES].map(escapeRegExp).join('|');
  return new RegExp([`(?<=['"\`])(?:${modules})(?=['"\`])`, '\\bsqlite3\\b', namesAnywhereWith(modules, SPELLING_ESCAPE), NEW_DATABASE].join('|'));
}

export const directDb: LintRule<DirectDbOptions> = {
  id: 'direct-db',
  description: 'Direct SQLite access (new Database, sqlite3 imports, sqlite3.connect) outside the data daemon',
  why: 'Database handles opened all over the code base scatter storage logic and its concurrency over many call sites.',
  fix: 'Keep database access in one data-access module and list its dirs in the allowIn option.',
  docsAnchor: 'direct-db',
  defaultSeverity: 'error',
  profiles: ['continuum', 'persag'],
  advice: {
    continuum: {
      why: 'Opening SQLite in application code blocks the main thread and bypasses the DataDaemon, which owns storage and its concurrency.',
      fix: "Read and write through the DataDaemon: Commands.execute('data/read' | 'data/store', ...). Only code under the allowed dirs (option allowIn) opens databases.",
    },
    persag: {
      why: 'A database opened from a path fixed at import keeps reading the first user after a user switch.',
      fix: "Open the current user's database from its storage dir on each use (get_userid(), get_user_storage_paths()); list the storage module's dir in allowIn.",
    },
  },
  defaultOptions: { allowIn: ['daemons/data-daemon/**'] },
  languages: ['ts', 'python'],
  // Every SQLite module's name holds `sqlite`; otherwise only an undeclared `new Database(...)`.
  prefilter: () => ({ text: new RegExp(`sqlite|${NEW_DATABASE}`), narrow: moduleNamePrefilter(), inCode: true }),
  resolveOptions(raw) {
    checkKeys(raw, ['allowIn']);
    return { allowIn: stringList(raw, 'allowIn', directDb.defaultOptions.allowIn) };
  },
  appliesTo: (file, options) => !matchesGlobs(file, options.allowIn),
  detect: (file, _options, { profile }) => (file.language === 'ts' ? directDbMatches(file, profile) : detectPython(file, profile)),
};
