// The Python user-id codemod for one file: (text, file, options, project modules) -> splices and
// warnings. Pure apart from the parser; the operation source and the fixture tests both call it.
import { applySplices } from '../../plan/text.js';
import type { PlanError, Splice, Warning } from '../../plan/types.js';
import { droppedEditWarnings, positionAt, sortWarnings, warningAt } from '../shared/warnings.js';
import { accessorDefinition } from './accessor.js';
import { dunderAllEntries, stringValue } from './facts.js';
import { helperImports } from './helper-imports.js';
import { fallbackGapWarning } from './import-fallbacks.js';
import { isMainGuard } from './import-path.js';
import { addNameAfter, importSplices, removeImportName, type ImportNeed } from './imports.js';
import { eolOf, indentAt, indentUnit, lineStart, nextLineStart } from './layout.js';
import type { ModuleView, Provider } from './modules.js';
import { parsePython, type ParsedPython } from './parsed.js';
import { persagRewiring, type SettingsModule } from './persag-settings.js';
import { firstSyntaxError, withTree, type Node, type Parser } from './parser.js';
import { callScope, freeLocal, oneReadPerCall } from './one-read.js';
import { wrappedSplices } from './wrap.js';
import { importedFrom, importedModuleText, isImport, Judgements, type Assign, type Import } from './reads.js';
import { codeChildren, resolveScope, runsAtImport, type Binding, type Scope, type ScopeAnalysis } from './scope.js';

import { SOURCE_NAME } from './source-name.js';

export { SOURCE_NAME };

export interface PythonUserIdOptions {
  constant: string;
  accessor: string;
  /** Python version the project targets, e.g. `[3, 9]`: `X | None` from 3.10 on, else `Optional[X]`. */
  target: readonly [number, number];
  /** The accessor reads `<persag home>/env.userid` first (persag profile). */
  persagHome: boolean;
  /** With `persagHome`: the settings module other files import the persag helpers from. */
  settings?: SettingsModule;
  /** The project's line length (ruff, black, flake8 config): changed lines longer than it are wrapped; absent: none are. */
  lineLength?: number;
}

export interface TransformResult {
  splices: Splice[];
  warnings: Warning[];
  /** Code around env.userid the persag rewiring cannot follow (plan errors). */
  errors?: PlanError[];
  parseError?: { line: number; column: number; message: string };
  /** The persag helpers' imports (also in `splices`) and the names they import: another codemod editing the file may join them. */
  helperImports?: { needs: ImportNeed[]; splices: Splice[] };
}

interface Use {
  /** The expression that stands for the constant: the identifier, or `mod.CONST`. */
  node: Node;
  splice: Splice;
  /** The accessor as a callable, e.g. `get_userid` or `settings.get_userid`. */
  callable: string;
  scope: Scope;
}

const moduleLevelMessage = (constant: string) =>
  `${constant} read at module level: evaluated once at module load; will not follow a user switch`;

/**
 * Rewrites one file. `parsed` is the file's parse from the project pass when the caller kept it
 * (the caller then frees it); without it the file is parsed here.
 */
export function transformPython(
  parser: Parser,
  text: string,
  file: string,
  options: PythonUserIdOptions,
  modules: ModuleView,
  parsed?: ParsedPython,
): TransformResult {
  if (parsed) return transformParsed(parser, parsed, text, file, options, modules);
  const own = parsePython(parser, text, options);
  try {
    return transformParsed(parser, own, text, file, options, modules);
  } finally {
    own.dispose();
  }
}

function transformParsed(parser: Parser, parsed: ParsedPython, text: string, file: string, options: PythonUserIdOptions, modules: ModuleView): TransformResult {
  const bad = parsed.syntaxError;
  if (bad || !parsed.analysis) {
    const at = positionAt(text, bad?.startIndex ?? 0);
    const what = !bad ? 'no syntax tree' : bad.isMissing ? `missing ${JSON.stringify(bad.type)}` : `unexpected ${JSON.stringify(bad.text.slice(0, 30))}`;
    const message = `cannot parse: syntax error at ${file}:${at.line}:${at.column}, ${what}; file left untouched`;
    return { splices: [], warnings: [{ source: SOURCE_NAME, file, ...at, code: 'parse-error', message }], parseError: { ...at, message: what } };
  }
  const root = parsed.tree.rootNode;
  const { helperNeeds, ...transformed } = withPersag(new FileTransform(text, file, options, modules, root, parsed.analysis).run(), root, text, file, options, modules);
  if (transformed.splices.length === 0) return transformed;
  const helpers = helperImports(root, text, helperNeeds, file);
  const imports = helpers.splices;
  const result = { ...transformed, warnings: [...transformed.warnings, ...helpers.gaps.map((g) => fallbackGapWarning(SOURCE_NAME, file, text, g))] };
  const all = [...result.splices, ...imports].sort((a, b) => a.start - b.start || a.end - b.end);
  let output: string;
  try {
    output = applySplices(text, all);
  } catch (e) {
    return dropped(result, text, file, result.splices[0]!.start, 'edit-conflict', `edits overlap (${(e as Error).message}); file left untouched`);
  }
  const reparsed = withTree(parser, output, (t) => firstSyntaxError(t.rootNode));
  if (reparsed) {
    const at = positionAt(output, reparsed.startIndex);
    return dropped(result, text, file, inputOffset(all, reparsed.startIndex), 'edit-unparsable',
      `the rewritten file would not parse (line ${at.line} of the result); file left untouched, migrate it by hand`);
  }
  // The imports are wrapped on their own, so that they stay splices of their own to join.
  const wrappedImports = wrappedSplices(parser, text, imports, options.lineLength);
  const splices = [...wrappedSplices(parser, text, result.splices, options.lineLength), ...wrappedImports].sort((a, b) => a.start - b.start || a.end - b.end);
  return { ...result, splices, ...(imports.length > 0 ? { helperImports: { needs: helperNeeds, splices: wrappedImports } } : {}) };
}

/** With the persag profile, the code around env.userid follows the file to the persag home. */
function withPersag(result: TransformResult, root: Node, text: string, file: string, options: PythonUserIdOptions, modules: ModuleView): TransformResult & { helperNeeds: ImportNeed[] } {
  if (!options.persagHome) return { ...result, helperNeeds: [] };
  // The defining module holds the helpers even when the caller did not name it (one file alone).
  const settings = options.settings ?? (modules.provider(file)?.role === 'definer' ? { file, module: '' } : undefined);
  const persag = persagRewiring({
    root, text, file, accessor: options.accessor, constant: options.constant, settings, eol: eolOf(text), unit: indentUnit(text), source: SOURCE_NAME,
  });
  // A rewired reader's old body goes away with whatever else was edited inside it.
  const kept = result.splices.filter((s) => !persag.replaced.some((r) => r.start <= s.start && s.end <= r.end && !(s.start === s.end && (s.start === r.start || s.start === r.end))));
  return { ...result, splices: [...kept, ...persag.splices].sort((a, b) => a.start - b.start || a.end - b.end), errors: [...(result.errors ?? []), ...persag.errors], helperNeeds: persag.imports };
}

/** Where in the input the text at `offset` of the output came from (the start of a splice inside one). */
function inputOffset(sorted: readonly Splice[], offset: number): number {
  let delta = 0;
  for (const s of sorted) {
    if (s.start + delta > offset) break;
    if (s.start + delta + s.text.length > offset) return s.start;
    delta += s.text.length - (s.end - s.start);
  }
  return offset - delta;
}

function dropped(result: TransformResult, text: string, file: string, offset: number, code: string, message: string): TransformResult {
  const lines = droppedEditWarnings(SOURCE_NAME, file, text, result.splices, `the rewrite of this file was dropped (${code})`);
  return { splices: [], warnings: sortWarnings([...result.warnings, warningAt(SOURCE_NAME, file, text, offset, code, message), ...lines]), ...(result.errors ? { errors: result.errors } : {}) };
}

function isDocstring(stmt: Node | undefined): boolean {
  if (stmt?.type !== 'expression_statement') return false;
  const kids = codeChildren(stmt);
  return kids.length === 1 && (kids[0]!.type === 'string' || kids[0]!.type === 'concatenated_string');
}

/** The accessor's return type from the constant's annotation (`Final[str]` and `Final` unwrap). */
function returnTypeOf(annotation: string | undefined): string {
  if (!annotation) return 'str';
  const final = /^(?:typing\.)?Final(?:\[(.*)\])?$/s.exec(annotation);
  return final ? (final[1] ?? 'str') : annotation;
}

function within(node: Node, outer: Node): boolean {
  return node.startIndex >= outer.startIndex && node.endIndex <= outer.endIndex;
}

/** Inside `if __name__ == "__main__":` at module level: runs when the file is run as a script, not when imported. */
function underMainGuard(node: Node): boolean {
  for (let n: Node | null = node; n; n = n.parent) {
    if (n.type === 'if_statement' && n.parent?.type === 'module') return isMainGuard(n);
  }
  return false;
}

const SCOPE_NODES = new Set(['function_definition', 'lambda', 'class_definition', 'list_comprehension', 'set_comprehension', 'dictionary_comprehension', 'generator_expression']);

class FileTransform {
  private readonly splices: Splice[] = [];
  private readonly warnings: Warning[] = [];
  /** The accessor's local name for each name bound to the constant, by the scope binding it. */
  private readonly calls = new Map<Scope, Map<string, string>>();
  private readonly judgements: Judgements;
  private readonly importNeeds: ImportNeed[] = [];
  private readonly eol: string;
  private readonly unit: string;
  private readonly role: Provider | undefined;
  private readonly taken: Set<string>;
  /** The defining assignment of the constant, rewritten once the reads inside it are known. */
  private definition: (Assign) | undefined;

  constructor(
    private readonly text: string,
    private readonly file: string,
    private readonly opts: PythonUserIdOptions,
    private readonly modules: ModuleView,
    private readonly root: Node,
    private readonly analysis: ScopeAnalysis,
  ) {
    this.eol = eolOf(text);
    this.unit = indentUnit(text);
    this.role = modules.provider(file);
    this.taken = new Set(this.analysis.scopes.flatMap((s) => [...s.bindings.keys()]));
    this.judgements = new Judgements(modules, file, opts, analysis.scopes, this.role?.role === 'definer');
  }

  private warn(offset: number, code: string, message: string): void {
    this.warnings.push(warningAt(SOURCE_NAME, this.file, this.text, offset, code, message));
  }

  run(): TransformResult {
    for (const scope of this.analysis.scopes) {
      for (const [name, bindings] of scope.bindings) this.judge(scope, name, bindings);
    }
    const definitionUses = this.rewriteReads();
    if (this.definition) this.rewriteDefinition(this.definition, definitionUses);
    if (this.importNeeds.length > 0) {
      const isProjectModule = (dotted: string) => this.modules.resolve(this.file, { level: 0, module: dotted }) !== undefined;
      this.splices.push(...importSplices(this.root, this.text, this.importNeeds, (n) => this.analysis.module.bindings.has(n), isProjectModule));
    }
    return { splices: this.splices.sort((a, b) => a.start - b.start || a.end - b.end), warnings: this.warnings };
  }

  // --- bindings -------------------------------------------------------------------------

  private providerOf(b: Import): Provider | undefined {
    return importedFrom(this.modules, this.file, b).provider;
  }

  private judge(scope: Scope, name: string, bindings: Binding[]): void {
    const c = this.opts.constant;
    const { kinds, outcome } = this.judgements.get(scope, name)!;
    const imports = bindings.filter(isImport);
    if (outcome === 'userid') {
      const call = this.accessorNameFor(scope);
      let m = this.calls.get(scope);
      if (!m) this.calls.set(scope, (m = new Map()));
      m.set(name, call);
      for (const b of imports) this.rewriteImport(b, scope, call);
      bindings.forEach((b, i) => kinds[i] === 'fallback' && b.kind === 'assign' && this.rewriteFallback(b, call));
    } else if (outcome === 'define') {
      this.calls.set(scope, new Map([...(this.calls.get(scope) ?? []), [name, this.opts.accessor]]));
      this.definition = bindings[0] as Assign;
    } else if (outcome === 'blocked') {
      for (const b of imports) {
        this.warn(b.node.startIndex, 'provider-not-migrated', `${c} imported from a module this plan does not give ${this.opts.accessor}() (outside the paths or not convertible); left untouched`);
      }
    } else if (outcome === 'foreign') {
      bindings.forEach((b, i) => kinds[i] === 'foreign' && isImport(b) && this.warnForeignImport(b));
    } else if (outcome === 'mixed') {
      for (const b of bindings) {
        this.warn(b.node.startIndex, 'mixed-binding', `${name} is bound both to the settings ${c} and to something else in this scope; left untouched, migrate by hand`);
      }
    }
  }

  /** `from X import CONST` where X is not a settings module: never rewritten, always said. */
  private warnForeignImport(b: Import): void {
    const module = importedModuleText(b);
    const { base } = importedFrom(this.modules, this.file, b);
    const { constant, accessor } = this.opts;
    // A key name (an event or storage key named like the constant) is no user id: nothing to say.
    if (base !== undefined && this.modules.keyName(this.modules.fileOf(base))) return;
    if (base === undefined) {
      this.warn(b.info.nameNode.startIndex, 'import-unresolved',
        `${constant} imported from ${module}, which is not a module of this project (missing or third-party); left untouched: if it is the user id, import ${accessor} from the settings module instead`);
    } else {
      this.warn(b.info.nameNode.startIndex, 'not-settings-module',
        `${constant} imported from ${module}, which does not define or re-export the settings ${constant}; left untouched (import ${accessor} from the settings module if it is the user id)`);
    }
  }

  /** The name the accessor has in `scope`: its own, unless something else visible there already uses it. */
  private accessorNameFor(scope: Scope): string {
    const accessor = this.opts.accessor;
    const owner = resolveScope(accessor, scope);
    const fromProvider = (b: Binding) => b.kind === 'import' && b.info.form === 'from' && b.info.imported === accessor && !!this.providerOf(b);
    if (!owner || owner.bindings.get(accessor)!.every(fromProvider)) return accessor;
    let n = 1;
    while (this.taken.has(`${accessor}_${n}`)) n++;
    this.taken.add(`${accessor}_${n}`);
    return `${accessor}_${n}`;
  }

  private accessorAlreadyImported(scope: Scope, stmtModule: { level: number; module: string }): boolean {
    return (scope.bindings.get(this.opts.accessor) ?? []).some(
      (b) => b.kind === 'import' && b.info.form === 'from' && b.info.imported === this.opts.accessor && !!this.providerOf(b)
        && b.info.level === stmtModule.level && b.info.module === stmtModule.module,
    );
  }

  private rewriteImport(b: Import, scope: Scope, call: string): void {
    if (b.info.form !== 'from') return;
    const { nameNode, stmt } = b.info;
    const accessor = this.opts.accessor;
    const spelled = call === accessor ? accessor : `${accessor} as ${call}`;
    const sameModule = { level: b.info.level, module: b.info.module };
    if (this.role?.role === 'reexporter' && scope === this.analysis.module) {
      if (this.accessorAlreadyImported(scope, sameModule)) return;
      this.splices.push(addNameAfter(this.text, nameNode, spelled));
      this.addToAll();
      this.warn(nameNode.startIndex, 'reexport-kept', `${this.opts.constant} kept in this re-export for compatibility; ${accessor} added next to it`);
      return;
    }
    const others = stmt.childrenForFieldName('name').length > 1;
    if (others && this.accessorAlreadyImported(scope, sameModule)) this.splices.push(removeImportName(this.text, stmt, nameNode));
    else this.splices.push({ start: nameNode.startIndex, end: nameNode.endIndex, text: spelled });
  }

  /** `__all__ = [..., "USER_ID", ...]` in a defining or re-exporting module also lists the accessor. */
  private addToAll(): void {
    for (const strings of dunderAllEntries(this.analysis)) {
      if (strings.some((s) => stringValue(s) === this.opts.accessor)) continue;
      const entry = strings.find((s) => stringValue(s) === this.opts.constant);
      if (entry) this.splices.push({ start: entry.endIndex, end: entry.endIndex, text: `, ${entry.text[0]}${this.opts.accessor}${entry.text[0]}` });
    }
  }

  /** `except ImportError: USER_ID = "x"` next to the import becomes a fallback accessor. */
  private rewriteFallback(b: Assign, call: string): void {
    const right = b.assignment.childForFieldName('right');
    if (!right) return;
    const start = b.stmt.startIndex;
    const startsLine = lineStart(this.text, start) + indentAt(this.text, start).length === start;
    const endsLine = /^[ \t]*(#[^\n]*)?(\r?\n|$)/.test(this.text.slice(b.stmt.endIndex));
    const replacement = startsLine && endsLine
      ? `def ${call}() -> str:${this.eol}${indentAt(this.text, start)}${this.unit}return ${right.text}`
      : `${call} = lambda: ${right.text}`;
    this.splices.push({ start, end: b.stmt.endIndex, text: replacement });
  }

  /** The defining assignment gains an accessor above it and becomes `CONST = accessor()`. */
  private rewriteDefinition(b: Assign, inner: readonly Use[]): void {
    const right = b.assignment.childForFieldName('right');
    if (!right || b.stmt.parent?.id !== this.root.id) {
      this.warn(b.node.startIndex, 'unsupported-definition', `${this.opts.constant} is not assigned by one plain top-level statement; add ${this.opts.accessor}() by hand`);
      return;
    }
    const accessor = this.opts.accessor;
    const alreadyCalls = right.type === 'call' && right.childForFieldName('function')?.text === accessor
      && codeChildren(right.childForFieldName('arguments')!).length === 0;
    if (alreadyCalls) return;
    if (this.analysis.module.bindings.has(accessor)) {
      this.warn(b.node.startIndex, 'accessor-exists', `${accessor} already exists here; ${this.opts.constant} left as it is`);
      return;
    }
    const type = b.assignment.childForFieldName('type');
    const at = this.leadingCommentStart(b.stmt);
    this.splices.push({
      start: at,
      end: at,
      text: this.blankLinesBefore(at) + accessorDefinition({
        accessor, constant: this.opts.constant, expression: this.rewritten(right, inner), returnType: returnTypeOf(type?.text),
        persagHome: this.opts.persagHome, eol: this.eol, unit: this.unit,
      }),
    });
    this.splices.push({ start: right.startIndex, end: right.endIndex, text: `${accessor}()` });
    this.addToAll();
  }

  /** Start of the comment lines directly above a top-level statement (they describe it; a shebang or coding line does not). */
  private leadingCommentStart(stmt: Node): number {
    let at = lineStart(this.text, stmt.startIndex);
    while (at > 0) {
      const prev = lineStart(this.text, at - 1);
      const line = this.text.slice(prev, at).trimStart();
      if (!line.startsWith('#') || line.startsWith('#!') || /^#.*coding[:=]/.test(line)) break;
      at = prev;
    }
    return at;
  }

  /** Line breaks that give a new top-level def the two blank lines above it PEP 8 asks for. */
  private blankLinesBefore(at: number): string {
    if (at <= 1) return '';
    const above = this.text.slice(0, at).split('\n').slice(0, -1).reverse();
    const blank = above.findIndex((l) => l.trim() !== '');
    return this.eol.repeat(Math.max(0, 2 - (blank === -1 ? 2 : blank)));
  }

  // --- reads ----------------------------------------------------------------------------

  /** The use a reference stands for, found by the shared read detector; foreign reads are reported here. */
  private useOf(ref: { node: Node; scope: Scope }): Use | undefined {
    const read = this.judgements.readOf(ref);
    if (!read) return undefined;
    const accessor = this.opts.accessor;
    if (read.kind === 'name') {
      const call = this.calls.get(read.owner)?.get(ref.node.text);
      if (!call) return undefined;
      if (this.shadowedBetween(call, ref.scope, read.owner)) {
        this.warn(ref.node.startIndex, 'accessor-shadowed', `${call} means something else here; this ${ref.node.text} left untouched`);
        return undefined;
      }
      return { node: ref.node, splice: { start: ref.node.startIndex, end: ref.node.endIndex, text: `${call}()` }, callable: call, scope: ref.scope };
    }
    if (!read.provider) {
      this.warn(read.node.startIndex, 'not-settings-module',
        `${read.node.text} reads ${this.opts.constant} from ${read.module}, which is not the settings module; left untouched`);
      return undefined;
    }
    if (!read.provider.ok) {
      this.warn(read.node.startIndex, 'provider-not-migrated', `${read.node.text} reads a module this plan does not give ${accessor}(); left untouched`);
      return undefined;
    }
    const callable = `${read.object.text}.${accessor}`;
    const splice = read.kind === 'attribute'
      ? { start: read.node.childForFieldName('attribute')!.startIndex, end: read.node.endIndex, text: `${accessor}()` }
      : { start: read.node.startIndex, end: read.node.endIndex, text: `${callable}()` };
    return { node: read.node, splice, callable, scope: ref.scope };
  }

  /** True when a scope from `inner` up to (not including) `outer` binds `name` itself. */
  private shadowedBetween(name: string, inner: Scope, outer: Scope): boolean {
    for (let s: Scope | undefined = inner; s && s !== outer; s = s.parent) {
      if (s !== inner && s.kind === 'class') continue;
      if (s.bindings.has(name) && !s.globals.has(name)) return true;
    }
    return false;
  }

  private isWritten(node: Node): boolean {
    const p = node.parent;
    if (!p) return false;
    if ((p.type === 'assignment' || p.type === 'augmented_assignment') && p.childForFieldName('left')?.id === node.id) return true;
    return p.type === 'delete_statement' || (p.type === 'expression_list' && p.parent?.type === 'delete_statement');
  }

  /** Rewrites the reads; returns those inside the defining assignment's value (they move into the accessor). */
  private rewriteReads(): Use[] {
    const definitionValue = this.definition?.assignment.childForFieldName('right');
    const definitionUses: Use[] = [];
    const params = new Map<number, { param: Node; fn: Node; uses: Use[] }>();
    const fields = new Map<number, { assignment: Node; uses: Use[] }>();
    const reported = new Set<number>();
    const inline: Use[] = [];
    for (const ref of this.analysis.references) {
      if (!resolveScope(ref.node.text, ref.scope)) {
        this.warnWildcard(ref.node, reported);
        continue;
      }
      const use = this.useOf(ref);
      if (!use) continue;
      if (this.isWritten(use.node)) {
        this.warn(use.node.startIndex, 'constant-assigned', `assignment to ${use.node.text} left untouched: it does not change what ${this.opts.accessor}() returns`);
        continue;
      }
      if (definitionValue && within(use.node, definitionValue)) {
        definitionUses.push(use);
        continue;
      }
      const param = this.defaultParameterOf(use.node);
      if (param) {
        const entry = params.get(param.param.id) ?? { ...param, uses: [] };
        entry.uses.push(use);
        params.set(param.param.id, entry);
        continue;
      }
      const field = this.dataclassFieldOf(use);
      if (field) {
        const entry = fields.get(field.id) ?? { assignment: field, uses: [] };
        entry.uses.push(use);
        fields.set(field.id, entry);
        continue;
      }
      inline.push(use);
      if (runsAtImport(use.scope) && !underMainGuard(use.node)) this.warn(use.node.startIndex, 'module-level-read', moduleLevelMessage(this.opts.constant));
    }
    const byFunction = new Map<number, { fn: Node; params: { param: Node; uses: Use[] }[] }>();
    for (const p of params.values()) {
      const entry = byFunction.get(p.fn.id) ?? { fn: p.fn, params: [] };
      entry.params.push(p);
      byFunction.set(p.fn.id, entry);
    }
    // A function whose guards and body read the constant twice or more reads it once, into a local above the guards.
    const shared = new Map<Scope, string>();
    for (const { fn, params: ps } of byFunction.values()) {
      const scope = this.analysis.scopes.find((s) => s.node.id === fn.id);
      const guardReads = ps.reduce((n, p) => n + p.uses.length, 0);
      const bodyReads = inline.filter((u) => scope && callScope(u.scope) === scope).length;
      const local = scope && guardReads + bodyReads > 1 ? { name: freeLocal(fn), callable: ps[0]!.uses[0]!.callable } : undefined;
      if (scope && local) shared.set(scope, local.name);
      this.rewriteDefaults(fn, ps.sort((a, b) => a.param.startIndex - b.param.startIndex), local);
    }
    for (const f of fields.values()) this.rewriteField(f.assignment, f.uses);
    this.splices.push(...oneReadPerCall(this.text, this.eol, inline, shared));
    return definitionUses;
  }

  private warnWildcard(node: Node, reported: Set<number>): void {
    if (node.text !== this.opts.constant) return;
    for (const w of this.analysis.module.wildcards) {
      if (w.kind !== 'wildcard' || reported.has(w.node.id)) continue;
      const base = this.modules.resolve(this.file, { level: w.level, module: w.module });
      if (base === undefined || !this.modules.provider(this.modules.fileOf(base))) continue;
      reported.add(w.node.id);
      this.warn(w.node.startIndex, 'wildcard-import', `${this.opts.constant} comes from a wildcard import; import ${this.opts.accessor} explicitly and migrate by hand`);
    }
  }

  /** The function parameter whose default `node` is part of (not through a lambda or a nested scope). */
  private defaultParameterOf(node: Node): { param: Node; fn: Node } | undefined {
    for (let n = node; n.parent; n = n.parent) {
      const p = n.parent;
      if (SCOPE_NODES.has(n.type)) return undefined;
      if ((p.type === 'default_parameter' || p.type === 'typed_default_parameter') && p.childForFieldName('value')?.id === n.id) {
        const fn = p.parent?.parent;
        return fn?.type === 'function_definition' ? { param: p, fn } : undefined;
      }
    }
    return undefined;
  }

  /** The annotated class-body assignment of a dataclass that `use` is the default of. */
  private dataclassFieldOf(use: Use): Node | undefined {
    if (use.scope.kind !== 'class') return undefined;
    const cls = use.scope.node;
    const decorated = cls.parent?.type === 'decorated_definition' ? cls.parent : undefined;
    const isDataclass = decorated && codeChildren(decorated).some((d) => {
      if (d.type !== 'decorator') return false;
      const expr = codeChildren(d)[0];
      const callee = expr?.type === 'call' ? expr.childForFieldName('function') : expr;
      return !!callee && /(^|\.)dataclass$/.test(callee.text);
    });
    if (!isDataclass) return undefined;
    for (let n = use.node; n.parent; n = n.parent) {
      const p = n.parent;
      if (p.type === 'assignment') {
        const ok = p.childForFieldName('right')?.id === n.id && p.childForFieldName('type') && p.parent?.parent?.id === cls.childForFieldName('body')?.id;
        return ok ? p : undefined;
      }
      if (SCOPE_NODES.has(p.type) || p.type === 'call') return undefined;
    }
    return undefined;
  }

  /** `text[node]` with the given splices (all inside `node`) applied. */
  private rewritten(node: Node, uses: readonly Use[]): string {
    const inner = uses.map((u) => ({ ...u.splice, start: u.splice.start - node.startIndex, end: u.splice.end - node.startIndex }));
    return applySplices(node.text, inner);
  }

  private optionalOf(type: string): string {
    if (this.opts.target[0] > 3 || (this.opts.target[0] === 3 && this.opts.target[1] >= 10)) {
      if (!/^['"]/.test(type)) return `${type} | None`;
    }
    this.importNeeds.push({ module: 'typing', name: 'Optional' });
    return `Optional[${type}]`;
  }

  /**
   * Defaults become `None` plus an `if x is None: x = <default>` guard after the docstring; with
   * `local`, the guards read the constant through it, assigned above them.
   */
  private rewriteDefaults(fn: Node, params: { param: Node; uses: Use[] }[], local?: { name: string; callable: string }): void {
    const guards: string[] = local ? [`${local.name} = ${local.callable}()`] : [];
    for (const { param, uses } of params) {
      const value = param.childForFieldName('value')!;
      const name = param.childForFieldName('name')!.text;
      const type = param.childForFieldName('type');
      const reads = local ? uses.map((u) => ({ ...u, splice: { start: u.node.startIndex, end: u.node.endIndex, text: local.name } })) : uses;
      guards.push(`if ${name} is None:`, `${this.unit}${name} = ${this.rewritten(value, reads)}`);
      this.splices.push({ start: value.startIndex, end: value.endIndex, text: 'None' });
      if (type && !/\bNone\b|\bOptional\b|\bAny\b/.test(type.text)) {
        this.splices.push({ start: type.startIndex, end: type.endIndex, text: this.optionalOf(type.text) });
      }
    }
    const body = fn.childForFieldName('body')!;
    const stmts = codeChildren(body);
    const first = stmts[0]!;
    const colon = fn.children.filter((c) => c.type === ':').pop()!;
    if (first.startPosition.row === colon.endPosition.row) {
      const ind = indentAt(this.text, fn.startIndex) + this.unit;
      const block = guards.map((g) => ind + g + this.eol).join('');
      this.splices.push({ start: colon.endIndex, end: first.startIndex, text: this.eol + block + ind });
      return;
    }
    const ind = indentAt(this.text, first.startIndex);
    const block = guards.map((g) => ind + g + this.eol).join('');
    if (isDocstring(first)) {
      const at = nextLineStart(this.text, first.endIndex);
      const lead = at === this.text.length && !this.text.endsWith('\n') ? this.eol : '';
      this.splices.push({ start: at, end: at, text: lead + block });
    } else {
      const at = lineStart(this.text, first.startIndex);
      this.splices.push({ start: at, end: at, text: block });
    }
  }

  /** `user_id: str = USER_ID` in a dataclass becomes `field(default_factory=get_userid)`. */
  private rewriteField(assignment: Node, uses: Use[]): void {
    const right = assignment.childForFieldName('right')!;
    const module = this.analysis.module.bindings;
    const fieldBinding = module.get('field');
    const fieldIsOurs = !fieldBinding || fieldBinding.every((b) => b.kind === 'import' && b.info.form === 'from' && b.info.module === 'dataclasses');
    if (!fieldIsOurs) {
      this.warn(right.startIndex, 'field-name-taken', `\`field\` is not dataclasses.field here; ${this.opts.constant} default left untouched`);
      return;
    }
    if (!fieldBinding) this.importNeeds.push({ module: 'dataclasses', name: 'field' });
    const only = uses.length === 1 && uses[0]!.node.startIndex === right.startIndex && uses[0]!.node.endIndex === right.endIndex;
    const factory = only ? uses[0]!.callable : `lambda: ${this.rewritten(right, uses)}`;
    this.splices.push({ start: right.startIndex, end: right.endIndex, text: `field(default_factory=${factory})` });
  }
}
