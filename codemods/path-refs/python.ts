// The Python front end of path-refs: finds the path expressions of a `.py` file (string literals,
// f-strings, `os.path.join`, `Path(...)` and `/` chains, with bases from constants, locals,
// `self.x` and `Path(__file__)`), asks `relocatePath` where each points after the plan's moves,
// and splices the new path in the expression's own style. A location moved to the home root is
// named through the home accessor imported from the settings module (`persag_home()`).
import type { Node } from 'web-tree-sitter';
import { display } from '../../plan/paths.js';
import type { PlanError, Relocation, Splice } from '../../plan/types.js';
import { readProjectBytes } from '../shared/read.js';
import { positionAt } from '../shared/warnings.js';
import { decodeText } from '../../plan/text.js';
import { helperImports, joinableImports } from '../user-id-python/helper-imports.js';
import { settingsBinding } from '../user-id-python/settings-binding.js';
import { homeAccessorFallback } from '../user-id-python/home-accessor.js';
import { fallbackGapWarning } from '../user-id-python/import-fallbacks.js';
import { userIdFileUses } from '../user-id-python/userid-file.js';
import { importPathAnchor } from '../user-id-python/import-path.js';
import { codeChildren } from '../user-id-python/scope.js';
import type { ImportNeed } from '../user-id-python/imports.js';
import { lineLengthAt } from '../user-id-python/line-length.js';
import { firstSyntaxError, loadPythonParser, type Parser } from '../user-id-python/parser.js';
import { wrappedSplices } from '../user-id-python/wrap.js';
import { definingModules, moduleName } from '../user-id-python/settings-module.js';
import type { FrontEnd, PathRefInput, PathRefOutput } from './front-end.js';
import { NameValues } from '../shared/python/bindings.js';
import { literalUse } from './python/context.js';
import { isJoin, isPathCall, isSlash, literalText, PathEvaluator, stringPrefix, unparen, type PathStyle, type PathValue } from '../shared/python/paths.js';
import { rebuildPath } from './python/rebuild.js';
import { relocatePath, USER_ID_SEGMENT, type PathPiece } from '../shared/relocate.js';

export const SOURCE_NAME = 'path-refs';

/** How Python code names the home root: an accessor generated in the settings module. */
export interface PythonHome {
  accessor: string;
  /** The home-root dir the accessor returns (`.persag`): moved paths are spelled relative to it. */
  dir: string;
  /** The settings module's file, where the accessor is defined. */
  file: string;
  /** Its dotted name, for imports. */
  module: string;
  /** A stand-in definition of the accessor for a script's `except ImportError:` branch, when it is known to be the settings module's own. */
  fallback?: readonly string[];
}

function pythonHomeAccessor(options: Record<string, unknown>): { accessor: string; dir: string } | undefined {
  const accessor = options.pythonHomeAccessor;
  const dir = options.pythonHomeDir ?? '';
  if (typeof accessor !== 'string' || !/^[A-Za-z_]\w*$/.test(accessor) || typeof dir !== 'string') return undefined;
  return { accessor, dir: dir.replace(/^\.\/|\/+$/g, '') };
}

/** The settings module is found once per plan (per project file list). */
const settingsCache = new WeakMap<readonly string[], Promise<string[]>>();

async function homeOf(input: PathRefInput, parser: Parser): Promise<PythonHome | undefined> {
  const named = pythonHomeAccessor(input.options);
  if (!named || !input.projectFiles) return undefined;
  const files = input.projectFiles;
  let found = settingsCache.get(files);
  if (!found) {
    found = Promise.resolve(definingModules(parser, { constant: 'USER_ID', accessor: 'get_userid' }, files, (f) => readText(input, f)));
    settingsCache.set(files, found);
  }
  const modules = await found;
  if (modules.length !== 1) return undefined;
  const file = modules[0]!;
  const fallback = homeAccessorFallback(named.accessor, readText(input, file));
  return { ...named, file, module: moduleName(files, file), ...(fallback ? { fallback } : {}) };
}

function readText(input: PathRefInput, file: string): string | undefined {
  try {
    const decoded = decodeText(readProjectBytes(input.roots, file));
    return decoded.ok ? decoded.text : undefined;
  } catch {
    return undefined; // listed but gone since: it defines nothing
  }
}

function styleOf(node: Node): PathStyle {
  if (node.type === 'string') return stringPrefix(node).includes('f') ? 'fstring' : 'literal';
  return isJoin(node) ? 'join' : 'pathlib';
}

function isDocstring(node: Node): boolean {
  const p = node.parent;
  return p?.type === 'expression_statement' && p.namedChildren.length === 1;
}

/** A node that builds a path, whatever its parent does with it. */
function isPathNode(node: Node): boolean {
  return (node.type === 'string' && node.parent?.type !== 'concatenated_string' && !isDocstring(node)) || isSlash(node) || isPathCall(node);
}

/** Whether `node` is a part of a bigger path expression (then only the whole is rewritten). */
function isPathPart(node: Node): boolean {
  let child = node;
  let p = node.parent;
  while (p?.type === 'parenthesized_expression') {
    child = p;
    p = p.parent;
  }
  if (!p) return false;
  if (isSlash(p)) return true;
  if (p.type === 'argument_list' && p.parent && isPathCall(p.parent)) return child.type !== 'keyword_argument';
  return false;
}

function pathExpressions(root: Node): Node[] {
  const out: Node[] = [];
  const walk = (n: Node): void => {
    if (isPathNode(n) && !isPathPart(n)) out.push(n);
    for (const c of n.namedChildren) walk(c);
  };
  walk(root);
  return out;
}

const where = (r: Relocation): string => (r.to.root === 'home' ? `<home>/${r.to.path}` : r.to.path);

class PythonFile {
  readonly splices: Splice[] = [];
  /** The home accessor's import, kept apart so that the plan can join it with the user-id codemod's. */
  readonly imports: ImportNeed[] = [];
  readonly errors: PlanError[] = [];
  private readonly values: NameValues;
  private readonly evaluator: PathEvaluator;
  private readonly handledCache = new Map<number, boolean>();
  /** Where the rewritten code calls the home accessor by its bare name (the import goes where that code imports the package). */
  private readonly homeUses: number[] = [];
  /** The name the file binds the settings module to, to call the accessor through (`settings.persag_home()`) rather than import it again. */
  private readonly settings: string | undefined;
  private readonly moved: Array<{ pattern: RegExp; relocation: Relocation }>;

  constructor(private readonly input: PathRefInput, private readonly root: Node, private readonly home: PythonHome | undefined, private readonly owned: ReadonlyArray<{ start: number; end: number }>) {
    this.values = new NameValues(root);
    this.settings = home && home.file !== input.file ? settingsBinding(root, input.file, home) : undefined;
    this.moved = movedNames(input.relocations).map((m) => ({ ...m, pattern: new RegExp(`(^|[\\s/"'=:;(])${m.word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?=$|[\\s/"';)&|])`) }));
    this.evaluator = new PathEvaluator({
      file: input.file,
      lookup: (n) => this.values.valueOf(n),
      handled: (expr) => this.handled(expr),
      ...(home ? { homeAccessor: home.accessor } : {}),
    });
  }

  /** A constant whose own value names a moved location is rewritten where assigned, not where used. */
  private handled(expr: Node): boolean {
    let v = this.handledCache.get(expr.id);
    if (v === undefined) {
      this.handledCache.set(expr.id, false);
      const value = this.evaluator.evaluate(unparen(expr));
      v = !!value && !!relocatePath(value.pieces, this.input.relocations, value.anchor);
      this.handledCache.set(expr.id, v);
    }
    return v;
  }

  private error(node: Node, relocation: Relocation, reason: string): void {
    const { line } = positionAt(this.input.text, node.startIndex);
    const file = this.input.file;
    this.errors.push({
      source: SOURCE_NAME, code: 'unfollowable-path', paths: [`${file}:${line}`],
      message: `${file}:${line}: ${node.text.split('\n')[0]!.slice(0, 80)} names ${display(relocation.from)}, which moves to ${where(relocation)}; ${reason}; rewrite it by hand`,
    });
  }

  private isOwned(node: Node): boolean {
    return this.owned.some((s) => node.startIndex < s.end && s.start < node.endIndex);
  }

  run(): void {
    const followed: Node[] = [];
    for (const node of pathExpressions(this.root)) {
      if (this.isOwned(node)) continue;
      // A composed path (`backups / "lightrag_server"`, `persag_home() / ...`) is followed segment
      // by segment; a lone string is followed only when it names a moved location, else its text
      // may still mention one inside a command.
      if (node.type !== 'string' || this.startsAtHome(node)) followed.push(node);
      const value = this.evaluator.evaluate(node);
      if (!value) continue;
      const found = relocatePath(value.pieces, this.input.relocations, value.anchor);
      if (!found) continue;
      if (node.type === 'string') followed.push(node);
      if (found.kind === 'ambiguous') {
        this.error(node, found.relocation, found.reason);
        continue;
      }
      const text = literalText(node);
      if (text !== undefined && !text.includes('/')) {
        const use = literalUse(node);
        if (use === 'not-path') continue;
        if (use === 'unknown') {
          this.error(node, found.relocation, 'a bare name here may or may not be used as a path');
          continue;
        }
      }
      this.rewrite(node, value, found);
    }
    this.reportMentions(followed);
    if (this.homeUses.length > 0 && this.home && this.home.file !== this.input.file) {
      const { module, accessor: name, file, fallback } = this.home;
      this.imports.push({ module, name, file, ...(fallback ? { fallback } : {}), uses: this.homeUses });
    }
  }

  /**
   * The statement that makes the project importable (`sys.path.insert(...)`), when `node` runs at
   * module load above it and nothing above `node` imports the settings module: the accessor's
   * import can only go below that statement, too late for `node` (NameError at load).
   */
  private beforeImportable(node: Node): Node | undefined {
    const anchor = importPathAnchor(this.root);
    // The settings module defines the accessor itself, above its own code.
    if (!anchor || node.startIndex >= anchor.startIndex || !this.home || this.home.file === this.input.file) return undefined;
    // A function's body runs when called (its defaults and decorators run at load).
    for (let p = node.parent; p; p = p.parent) if ((p.type === 'block' && p.parent?.type === 'function_definition') || p.type === 'lambda') return undefined;
    const module = this.home.module;
    const importedAbove = codeChildren(this.root).some((s) => s.startIndex < node.startIndex && s.type === 'import_from_statement'
      && s.childForFieldName('module_name')?.text === module);
    return importedAbove ? undefined : anchor;
  }

  /** `f"{persag_home()}/..."`: a path already outside the project. */
  private startsAtHome(str: Node): boolean {
    const first = str.namedChildren.find((c) => c.type !== 'string_start');
    const expr = first?.type === 'interpolation' ? first.childForFieldName('expression') : undefined;
    const fn = expr?.type === 'call' ? expr.childForFieldName('function')?.text : undefined;
    return !!this.home && (fn === this.home.accessor || (!!this.settings && fn === `${this.settings}.${this.home.accessor}`));
  }

  /**
   * A string that names a moved dir inside a command or a longer text (`"cd lightrag_server &&
   * docker compose up"`) is no path expression, but it breaks all the same: reported.
   */
  private reportMentions(followed: readonly Node[]): void {
    const inside = (n: Node) => followed.some((f) => f.startIndex <= n.startIndex && n.endIndex <= f.endIndex);
    const walk = (n: Node): void => {
      if (n.type === 'string' && !isDocstring(n) && !this.isOwned(n) && !inside(n) && literalUse(n) !== 'not-path') {
        const hit = this.moved.find((m) => m.pattern.test(literalText(n) ?? n.text));
        if (hit) this.error(n, hit.relocation, 'it is named inside a longer string the codemod cannot follow');
      }
      for (const c of n.namedChildren) walk(c);
    };
    walk(this.root);
  }

  private rewrite(node: Node, value: PathValue, found: Extract<ReturnType<typeof relocatePath>, { kind: 'rewrite' }>): void {
    const r = found.relocation;
    let prefix: string | undefined;
    let pieces = found.after;
    if (r.to.root === 'home') {
      if (!this.home) {
        this.error(node, r, 'the code has no accessor for the home root (set path-refs option pythonHomeAccessor, and one settings module must define it)');
        return;
      }
      const inHome = withinDir(pieces, this.home.dir);
      if (!inHome) {
        this.error(node, r, `${this.home.accessor}() names <home>/${this.home.dir}, which does not hold it`);
        return;
      }
      const early = this.beforeImportable(node);
      if (early) {
        const { line } = positionAt(this.input.text, early.startIndex);
        const change = early.text.split('\n')[0]!;
        this.error(node, r, `it runs when the module loads, above line ${line} (${change.length > 50 ? `${change.slice(0, 47)}...` : change}), which makes the project importable, so no import of ${this.home.accessor}() can come before it (move this code below line ${line} or into a function and plan again)`);
        return;
      }
      prefix = this.settings ? `${this.settings}.${this.home.accessor}()` : `${this.home.accessor}()`;
      pieces = inHome;
      if (!this.settings) this.homeUses.push(node.startIndex);
    } else if (value.anchor === 'floating') {
      pieces = [...found.before, ...found.after];
    } else {
      prefix = value.rootBase?.text;
    }
    const replacement = rebuildPath({ style: styleOf(node), prefix, pieces, dynamics: value.dynamics, original: node });
    if (replacement === undefined) {
      this.error(node, r, 'the new path cannot be spelled in this expression');
      return;
    }
    if (replacement !== node.text) this.splices.push({ start: node.startIndex, end: node.endIndex, text: replacement });
  }
}

/** `pieces` relative to `dir` when they start inside it (`.persag/x` in `.persag` -> `x`). */
function withinDir(pieces: readonly PathPiece[], dir: string): PathPiece[] | undefined {
  if (!dir) return [...pieces];
  const [first, ...rest] = pieces;
  if (!first || !('text' in first)) return undefined;
  if (first.text === dir) return rest;
  if (!first.text.startsWith(`${dir}/`)) return undefined;
  const tail = first.text.slice(dir.length + 1);
  return tail ? [{ text: tail }, ...rest] : rest;
}

/** First literal segments of the moved locations, as words, for mentions the rewrite did not follow. */
function movedNames(relocations: readonly Relocation[]): Array<{ word: string; relocation: Relocation }> {
  return relocations.flatMap((r) => {
    const first = r.from.path.split('/').find((s) => !s.includes(USER_ID_SEGMENT));
    return first ? [{ word: first, relocation: r }] : [];
  });
}

/** The ranges of the functions named `name` the file defines, at any depth. */
function definitionsOf(root: Node, name: string): Array<{ start: number; end: number }> {
  return root.descendantsOfType('function_definition').flatMap((f) => (f && f.childForFieldName('name')?.text === name ? [{ start: f.startIndex, end: f.endIndex }] : []));
}

async function rewrite(input: PathRefInput): Promise<PathRefOutput> {
  const parser = await loadPythonParser();
  const home = await homeOf(input, parser);
  const tree = parser.parse(input.text);
  if (!tree) return { splices: [], warnings: [], errors: [] };
  try {
    const bad = firstSyntaxError(tree.rootNode);
    if (bad) {
      const mention = movedNames(input.relocations).find((m) => input.text.includes(m.word));
      if (!mention) return { splices: [], warnings: [], errors: [] };
      const { line } = positionAt(input.text, bad.startIndex);
      return { splices: [], warnings: [], errors: [{ source: SOURCE_NAME, code: 'unparsable', paths: [`${input.file}:${line}`], message: `${input.file}:${line}: cannot parse the file, which mentions ${mention.word} (moves to ${where(mention.relocation)}); fix the syntax error or rewrite its paths by hand` }] };
    }
    // With the home accessor, the persag user-id codemod owns the code that reads or writes
    // env.userid itself (it delegates to get_userid()/set_userid()): those places are its own.
    // The home accessor's own definition (in the settings module, or a script's stand-in for it)
    // names paths inside the home already.
    const owned = home ? [...userIdFileUses(tree.rootNode, input.file).owned, ...definitionsOf(tree.rootNode, home.accessor)] : [];
    const file = new PythonFile(input, tree.rootNode, home, owned);
    file.run();
    // Lines the rewrite makes too long for the project are wrapped, as the user-id codemod's are.
    const limit = lineLengthAt(input.roots);
    const helpers = helperImports(tree.rootNode, input.text, file.imports, input.file);
    const imports = wrappedSplices(parser, input.text, helpers.splices, limit);
    const splices = [...wrappedSplices(parser, input.text, file.splices, limit), ...imports].sort((a, b) => a.start - b.start || a.end - b.end);
    const warnings = helpers.gaps.map((g) => fallbackGapWarning(SOURCE_NAME, input.file, input.text, g));
    return { splices, rewritten: file.splices, warnings, errors: file.errors, ...joinableImports({ needs: file.imports, splices: imports }) };
  } finally {
    tree.delete();
  }
}

export const pythonFrontEnd: FrontEnd = { extensions: ['.py'], rewrite };
