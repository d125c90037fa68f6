// The imports of the generated persag helpers (`from <settings> import get_userid, persag_home`)
// that the user-id codemod and path-refs add to a file: one statement per module, its names in
// isort's order, in the import group isort would put it in. Both codemods describe what they add
// as plain `ImportNeed`s, so that when both edit one file the plan makes the statement once from
// both lists (`joinHelperImports`) instead of stacking two.
import path from 'node:path';
import type { JoinablePart, Loc, Roots, Splice } from '../../plan/types.js';
import { boundAtTop, lastLeadingImport, newImportOffset, type ImportNeed } from './imports.js';
import { eolOf, indentAt, lineStart, nextLineStart } from './layout.js';
import { lineLengthAt } from './line-length.js';
import { firstSyntaxError, loadPythonParser, withTree, type Node } from './parser.js';
import { codeChildren, dottedText } from './scope.js';
import { wrappedSplices } from './wrap.js';
import { HELPER_IMPORTS } from './helper-joiner.js';
import { importPathAnchor, moduleScopeStatements } from './import-path.js';
import { fallbackBlock, fallbackSplices, type FallbackGap } from './import-fallbacks.js';
import { importAfterCode, isString, NOQA_E402 } from './import-position.js';
import { importRun, importSites, type ImportSite } from './import-sites.js';

/** isort's and ruff's order of imported names (order-by-type): CONSTANTS, then Classes, then the rest, each case-insensitively. */
function nameKey(name: string): string {
  const type = name.length > 1 && name === name.toUpperCase() && /[A-Z]/.test(name) ? 0 : /^[A-Z]/.test(name) ? 1 : 2;
  return `${type}${name.toLowerCase()}\u0000${name}`;
}

const byName = (a: string, b: string): number => (nameKey(a) < nameKey(b) ? -1 : nameKey(a) > nameKey(b) ? 1 : 0);

const IMPORTS = new Set(['import_statement', 'import_from_statement']);

/** The module a top-level import statement names: its dotted name, or for `from ..x import` the file path it resolves to. */
function importedModule(stmt: Node): Node | undefined {
  if (stmt.type === 'import_from_statement') return stmt.childForFieldName('module_name') ?? undefined;
  const first = codeChildren(stmt)[0];
  return first?.type === 'aliased_import' ? first.childForFieldName('name') ?? undefined : first;
}

/** `from ..config.settings import` in `importer`, as the project-relative path it names (without `.py`). */
export function relativeTarget(rel: Node, importer: string): string {
  const dots = rel.namedChildren.find((c) => c.type === 'import_prefix')?.text.length ?? 1;
  const rest = rel.namedChildren.find((c) => c.type === 'dotted_name');
  let dir = path.posix.dirname(importer);
  for (let i = 1; i < dots; i++) dir = path.posix.dirname(dir);
  return path.posix.join(dir, ...(rest ? dottedText(rest).split('.') : []));
}

/** Whether a `from ... import` statement imports `need`'s module, by its dotted name or (relative) by its file. */
function importsModuleOf(stmt: Node, need: ImportNeed, importer: string | undefined): boolean {
  if (stmt.type !== 'import_from_statement' || codeChildren(stmt).some((c) => c.type === 'wildcard_import')) return false;
  const m = stmt.childForFieldName('module_name');
  if (m?.type === 'dotted_name') return dottedText(m) === need.module;
  if (m?.type !== 'relative_import' || !need.file || importer === undefined) return false;
  const target = relativeTarget(m, importer);
  return need.file.replace(/\.py$/, '') === target || need.file === `${target}/__init__.py`;
}

/** Top-level imports in runs of consecutive lines: the groups isort separates with a blank line. */
function importGroups(root: Node): Node[][] {
  const groups: Node[][] = [];
  let prev: Node | undefined;
  for (const s of codeChildren(root)) {
    if (!IMPORTS.has(s.type)) {
      prev = undefined;
      continue;
    }
    if (prev && s.startPosition.row === prev.endPosition.row + 1) groups[groups.length - 1]!.push(s);
    else groups.push([s]);
    prev = s;
  }
  return groups;
}

/** New names into an existing `from <module> import ...`: at their sorted places when its names are sorted, else after the last. */
function extendImport(text: string, stmt: Node, names: readonly string[]): Splice[] {
  const existing = stmt.childrenForFieldName('name');
  const keyOf = (n: Node) => (n.type === 'aliased_import' ? n.childForFieldName('name')!.text : n.text);
  const sorted = existing.every((n, i) => i === 0 || byName(keyOf(existing[i - 1]!), keyOf(n)) <= 0);
  const onePerLine = existing.length > 1 && new Set(existing.map((n) => n.startPosition.row)).size === existing.length;
  const sep = onePerLine ? `,${eolOf(text)}${indentAt(text, existing[0]!.startIndex)}` : ', ';
  // Each new name goes after the last existing name that sorts before it (index -1: before the first).
  const after = new Map<number, string[]>();
  for (const name of [...names].sort(byName)) {
    let i = existing.length - 1;
    while (sorted && i >= 0 && byName(keyOf(existing[i]!), name) >= 0) i--;
    after.set(i, [...(after.get(i) ?? []), name]);
  }
  return [...after].map(([i, added]) => (i === -1
    ? { start: existing[0]!.startIndex, end: existing[0]!.startIndex, text: `${added.join(sep)}${sep}` }
    : { start: existing[i]!.endIndex, end: existing[i]!.endIndex, text: `${sep}${added.join(sep)}` }));
}

/** Whether an import statement is of the project package `top` (absolute), or relative. */
function origin(stmt: Node, top: string): 'own' | 'relative' | 'other' {
  const m = importedModule(stmt);
  if (m?.type === 'relative_import') return 'relative';
  return m && dottedText(m).split('.')[0] === top ? 'own' : 'other';
}

/**
 * A new `from <module> import ...` line where isort puts a first-party import: among the
 * project's own imports when the file has a group of them (by module name, after the group's
 * plain `import`s), else as a group of its own after the leading imports and before a group of
 * relative ones, a blank line on each side. What follows the imports keeps its blank lines.
 * A script that makes the project importable itself (`sys.path.insert`) without importing it
 * at the top gets the line after that statement instead. A line below module-level code is
 * marked `# noqa: E402`.
 */
function newImportLine(root: Node, text: string, module: string, line: string): Splice {
  const splice = placeImportLine(root, text, module, line);
  // An indented line (in the main guard) is no module-level import.
  const at = splice.text.indexOf(line);
  const nested = /[ \t]/.test(at > 0 ? splice.text[at - 1]! : text[splice.start - 1] ?? '');
  return !nested && importAfterCode(root, splice.start) ? { ...splice, text: splice.text.replace(line, `${line}${NOQA_E402}`) } : splice;
}

function placeImportLine(root: Node, text: string, module: string, line: string): Splice {
  const eol = eolOf(text);
  const groups = importGroups(root);
  const own = groups.find((g) => g.every((s) => origin(s, module.split('.')[0]!) === 'own'));
  if (own) {
    const before = own.find((s) => s.type === 'import_from_statement' && dottedText(importedModule(s)!) > module);
    if (before) return { start: lineStart(text, before.startIndex), end: lineStart(text, before.startIndex), text: `${line}${eol}` };
    const end = own[own.length - 1]!.endIndex;
    return { start: end, end, text: `${eol}${line}` };
  }
  const anchor = importPathAnchor(root);
  if (anchor) return afterPathChange(text, anchor, line);
  const last = lastLeadingImport(root);
  if (!last) {
    const at = newImportOffset(root, text);
    const next = text.slice(at, nextLineStart(text, at));
    return { start: at, end: at, text: `${at === text.length && at > 0 && !text.endsWith('\n') ? eol : ''}${line}${eol}${next.trim() === '' ? '' : eol}` };
  }
  const leading = groups.filter((g) => g[0]!.startIndex <= last.startIndex);
  const relative = leading.find((g) => g.every((s) => origin(s, '') === 'relative'));
  if (relative) return { start: lineStart(text, relative[0]!.startIndex), end: lineStart(text, relative[0]!.startIndex), text: `${line}${eol}${eol}` };
  return { start: last.endIndex, end: last.endIndex, text: `${eol}${eol}${line}` };
}

/**
 * The line just after the statement that makes the project importable: at the head of the
 * imports that follow it on the next line, else on its own with a blank line before it (at
 * module level; inside the main guard, at the block's indentation).
 */
function afterPathChange(text: string, anchor: Node, line: string): Splice {
  const eol = eolOf(text);
  const next = anchor.nextNamedSibling;
  if (next && IMPORTS.has(next.type) && next.startPosition.row === anchor.endPosition.row + 1) {
    const at = lineStart(text, next.startIndex);
    return { start: at, end: at, text: `${indentAt(text, next.startIndex)}${line}${eol}` };
  }
  const nested = anchor.parent?.type === 'block';
  return { start: anchor.endIndex, end: anchor.endIndex, text: nested ? `${eol}${indentAt(text, anchor.startIndex)}${line}` : `${eol}${eol}${line}` };
}

/** The helper imports of a file, and the names they add to a `try` import without a stand-in for a failed import. */
export interface HelperImports {
  splices: Splice[];
  gaps: FallbackGap[];
}

/**
 * Splices importing each needed name at module level, one statement per module: names added to
 * the file's import of that module (absolute, or relative from `importer`): the top-level one, else
 * every one its module-level code runs (both branches of a `try: ... except ImportError:`); with
 * none, one new line. Names the module's own scope already imports or defines are left out. An
 * import in a `try` whose `except` stands in for its names gets stand-ins for the new ones too.
 */
export function helperImports(root: Node, text: string, needs: readonly ImportNeed[], importer?: string): HelperImports {
  const moduleScope = moduleScopeStatements(root);
  const bound = (name: string) => boundAtTop(root, name) || moduleScope.some((s) => s.type === 'import_from_statement'
    && s.childrenForFieldName('name').some((n) => (n.childForFieldName('alias') ?? n).text === name));
  const byModule = new Map<string, Map<string, ImportNeed>>();
  for (const need of needs) {
    if (bound(need.name)) continue;
    const entry = byModule.get(need.module) ?? new Map<string, ImportNeed>();
    const seen = entry.get(need.name);
    // The same name needed by both codemods: one import serving the uses of both.
    entry.set(need.name, seen ? { ...seen, uses: [...(seen.uses ?? []), ...(need.uses ?? [])] } : need);
    byModule.set(need.module, entry);
  }
  const splices: Splice[] = [];
  const gaps: FallbackGap[] = [];
  const join = (stmt: Node, added: readonly ImportNeed[], edit: Splice[]): void => {
    splices.push(...edit);
    const block = fallbackBlock(stmt);
    if (!block) return;
    const fallback = fallbackSplices(text, stmt.startIndex, block, added);
    splices.push(...fallback.splices);
    gaps.push(...fallback.gaps);
  };
  for (const [module, entry] of byModule) {
    const all = [...entry.values()];
    const ofModule = (s: Node) => importsModuleOf(s, all[0]!, importer);
    const top = codeChildren(root).find(ofModule);
    const existing = top ? [top] : moduleScope.filter(ofModule);
    const atTop = existing.length > 0 ? all : [];
    const local = new Map<number, { site: ImportSite; added: ImportNeed[] }>();
    for (const need of existing.length > 0 ? [] : all) {
      const sites = importSites(root, module.split('.')[0]!, need.uses ?? [], ofModule) ?? [undefined];
      for (const site of sites) {
        if (!site) {
          if (!atTop.includes(need)) atTop.push(need);
          continue;
        }
        const key = site.kind === 'body' ? site.fn.id : site.stmt.id;
        const at = local.get(key) ?? { site, added: [] };
        if (!at.added.includes(need)) at.added.push(need);
        local.set(key, at);
      }
    }
    for (const s of existing) {
      // The same module imported again in the stand-in branch binds the names there itself.
      const block = fallbackBlock(s);
      if (block && existing.some((o) => block.startIndex <= o.startIndex && o.endIndex <= block.endIndex)) splices.push(...extendImport(text, s, atTop.map((n) => n.name)));
      else join(s, atTop, extendImport(text, s, atTop.map((n) => n.name)));
    }
    if (existing.length === 0 && atTop.length > 0) splices.push(newImportLine(root, text, module, importLine(module, atTop)));
    for (const { site, added } of local.values()) {
      if (site.kind === 'body') splices.push(openingImport(text, site.fn, importLine(module, added)));
      else if (site.kind === 'beside') join(site.stmt, added, [besideImport(text, site.stmt, module, importLine(module, added))]);
      else {
        const have = new Set(boundByImport(site.stmt));
        const missing = added.filter((n) => !have.has(n.name));
        if (missing.length > 0) join(site.stmt, missing, extendImport(text, site.stmt, missing.map((n) => n.name)));
      }
    }
  }
  return { splices, gaps };
}

const importLine = (module: string, added: readonly ImportNeed[]) => `from ${module} import ${added.map((n) => n.name).sort(byName).join(', ')}`;

function boundByImport(stmt: Node): string[] {
  return stmt.childrenForFieldName('name').map((n) => (n.childForFieldName('alias') ?? n).text);
}

/** A new import line in the run of imports holding `stmt` (a function's, or a guarded block's): by module among the project's, else after the run. */
function besideImport(text: string, stmt: Node, module: string, line: string): Splice {
  const eol = eolOf(text);
  const run = importRun(stmt);
  const top = module.split('.')[0]!;
  const next = run.find((s) => s.type === 'import_from_statement' && origin(s, top) === 'own' && dottedText(importedModule(s)!) > module);
  const indent = indentAt(text, stmt.startIndex);
  if (next) return { start: lineStart(text, next.startIndex), end: lineStart(text, next.startIndex), text: `${indent}${line}${eol}` };
  const last = run[run.length - 1]!;
  return { start: last.endIndex, end: last.endIndex, text: `${eol}${indent}${line}` };
}

/** A new import line opening a function's body (written on lines of its own, see `localSite`), after its docstring. */
function openingImport(text: string, fn: Node, line: string): Splice {
  const eol = eolOf(text);
  const stmts = codeChildren(fn.childForFieldName('body')!);
  const doc = stmts[0] && isString(stmts[0]) ? stmts[0] : undefined;
  const first = doc ? stmts[1] : stmts[0];
  if (first) return { start: lineStart(text, first.startIndex), end: lineStart(text, first.startIndex), text: `${indentAt(text, first.startIndex)}${line}${eol}` };
  return { start: doc!.endIndex, end: doc!.endIndex, text: `${eol}${indentAt(text, doc!.startIndex)}${line}` };
}

/** The splices of `helperImports`. */
export function helperImportSplices(root: Node, text: string, needs: readonly ImportNeed[], importer?: string): Splice[] {
  return helperImports(root, text, needs, importer).splices;
}

/**
 * The plan's join of these imports when several sources edit one file: every source's needs,
 * made into one statement per module from the original text. Undefined (keep each source's own)
 * when the file does not parse.
 */
export async function joinHelperImports(file: { roots: Roots; path: Loc; text: string }, parts: readonly unknown[]): Promise<Splice[] | undefined> {
  const needs = parts.flatMap((p) => (Array.isArray(p) ? (p as ImportNeed[]) : []));
  const parser = await loadPythonParser();
  const splices = withTree(parser, file.text, (t) => (firstSyntaxError(t.rootNode) ? undefined : helperImportSplices(t.rootNode, file.text, needs, file.path.path)));
  return splices && wrappedSplices(parser, file.text, splices, lineLengthAt(file.roots));
}

/** The edit option that marks a file's helper imports joinable (none when it adds none). */
export function joinableImports(imports: { needs: ImportNeed[]; splices: Splice[] } | undefined): { joinable?: JoinablePart } {
  return imports && imports.splices.length > 0 ? { joinable: { kind: HELPER_IMPORTS, data: imports.needs, splices: imports.splices } } : {};
}
