// Editing `from X import a, b` statements in place: renaming, adding or dropping one name while
// parentheses, order, trailing commas and comments stay as written.
import type { Splice } from '../../plan/types.js';
import { eolOf, indentAt, lineStart, nextLineStart } from './layout.js';
import type { Node } from './parser.js';
import { codeChildren, dottedText } from './scope.js';
import { importAfterCode, NOQA_E402 } from './import-position.js';

export interface ImportNeed {
  module: string;
  name: string;
  /** The module's project-relative file, so that a relative import of it (`from ..config.settings import`) counts as one. */
  file?: string;
  /**
   * Source of a stand-in definition of `name` that needs nothing from the module (lines in
   * `render`'s form), for a script's `except ImportError:` branch (see import-fallbacks.ts).
   */
  fallback?: readonly string[];
  /** Offsets where the file uses the name, so that the import goes where the file imports the package for that code (see import-sites.ts). */
  uses?: readonly number[];
}

/**
 * Inserts `, name` right after an imported name (before any trailing comma or parenthesis); in a
 * list written one name per line, the new name gets its own line at the same indentation.
 */
export function addNameAfter(text: string, nameNode: Node, name: string): Splice {
  const names = nameNode.parent ? nameNode.parent.childrenForFieldName('name') : [];
  const onePerLine = names.length > 1 && new Set(names.map((n) => n.startPosition.row)).size === names.length;
  const sep = onePerLine ? `,${eolOf(text)}${indentAt(text, nameNode.startIndex)}` : ', ';
  return { start: nameNode.endIndex, end: nameNode.endIndex, text: `${sep}${name}` };
}

/** Drops one name from a from-import that has others, with its comma (and its line when it stood alone). */
export function removeImportName(text: string, stmt: Node, nameNode: Node): Splice {
  const names = stmt.childrenForFieldName('name');
  const i = names.findIndex((n) => n.id === nameNode.id);
  const next = names[i + 1];
  if (next) {
    const between = text.slice(nameNode.endIndex, next.startIndex);
    const comma = between.indexOf(',');
    let end = nameNode.endIndex + comma + 1;
    while (text[end] === ' ' || text[end] === '\t') end++;
    const start = lineStart(text, nameNode.startIndex);
    const aloneOnLine = text.slice(start, nameNode.startIndex).trim() === '' && /^\r?\n/.test(text.slice(end));
    return aloneOnLine ? { start, end: nextLineStart(text, end), text: '' } : { start: nameNode.startIndex, end, text: '' };
  }
  const prev = names[i - 1]!;
  const between = text.slice(prev.endIndex, nameNode.startIndex);
  return { start: prev.endIndex + between.indexOf(','), end: nameNode.endIndex, text: '' };
}

/** The module-level `from <module> import ...` statements (not wildcard ones). */
function fromImports(root: Node, module: string): Node[] {
  return codeChildren(root).filter((s) => {
    if (s.type !== 'import_from_statement') return false;
    const m = s.childForFieldName('module_name');
    return m?.type === 'dotted_name' && dottedText(m) === module && !codeChildren(s).some((c) => c.type === 'wildcard_import');
  });
}

/** Where a new import line goes when the file has no module-level import: after the docstring and `__future__` imports. */
export function newImportOffset(root: Node, text: string): number {
  const stmts = codeChildren(root);
  const first = stmts.findIndex((s, i) => {
    if (s.type === 'future_import_statement') return false;
    const isDocstring = i === 0 && s.type === 'expression_statement' && codeChildren(s).length === 1 && codeChildren(s)[0]!.type === 'string';
    return !isDocstring;
  });
  if (first === -1) return text.length;
  return lineStart(text, stmts[first]!.startIndex);
}

const IMPORTS = new Set(['import_statement', 'import_from_statement']);

/**
 * Where `from <module> import ...` goes in the file's first group of module-level imports (the
 * standard library's, where `typing` and `dataclasses` belong): among its `from` imports in
 * module order, as isort and ruff order them, else after the group's last import.
 */
function placeInFirstGroup(root: Node, text: string, module: string, isProjectModule: (dotted: string) => boolean): { at: number; ownGroup: boolean } | undefined {
  const stmts = codeChildren(root);
  const start = stmts.findIndex((s) => IMPORTS.has(s.type));
  if (start === -1) return undefined;
  const group = [stmts[start]!];
  for (let i = start + 1; i < stmts.length && IMPORTS.has(stmts[i]!.type) && stmts[i]!.startPosition.row === group[group.length - 1]!.endPosition.row + 1; i++) {
    group.push(stmts[i]!);
  }
  // A group of the project's own imports: the standard library goes above it, as a group of its own.
  const own = (s: Node): boolean => {
    const name = s.type === 'import_from_statement' ? s.childForFieldName('module_name') : codeChildren(s)[0];
    const dotted = name?.type === 'aliased_import' ? name.childForFieldName('name') : name;
    return dotted?.type === 'relative_import' || (!!dotted && isProjectModule(dottedText(dotted)));
  };
  if (group.every(own)) return { at: lineStart(text, group[0]!.startIndex), ownGroup: true };
  const after = group.find((s) => s.type === 'import_from_statement' && (s.childForFieldName('module_name')?.text ?? '') > module);
  return { at: after ? lineStart(text, after.startIndex) : nextLineStart(text, group[group.length - 1]!.endIndex), ownGroup: false };
}

/**
 * Splices making each needed name importable at module level: merged into an existing
 * `from <module> import ...`, else added on new lines at the top of the imports (marked
 * `# noqa: E402` when those come after module-level code).
 */
export function importSplices(
  root: Node,
  text: string,
  needs: readonly ImportNeed[],
  isBound: (name: string) => boolean,
  /** Whether an absolute module is the project's own (its import group then comes after the standard library's). */
  isProjectModule: (dotted: string) => boolean = () => false,
): Splice[] {
  const splices: Splice[] = [];
  const newLines: ImportNeed[] = [];
  const eol = eolOf(text);
  const seen = new Set<string>();
  for (const need of needs) {
    const key = `${need.module}:${need.name}`;
    if (isBound(need.name) || seen.has(key)) continue;
    seen.add(key);
    const existing = fromImports(root, need.module)[0];
    if (existing) {
      const names = existing.childrenForFieldName('name');
      splices.push(addNameAfter(text, names[names.length - 1]!, need.name));
    } else newLines.push(need);
  }
  for (const line of newLines) {
    const { at, ownGroup } = placeInFirstGroup(root, text, line.module, isProjectModule) ?? { at: newImportOffset(root, text), ownGroup: false };
    const lead = at === text.length && text.length > 0 && !text.endsWith('\n') ? eol : '';
    const noqa = importAfterCode(root, at) ? NOQA_E402 : '';
    splices.push({ start: at, end: at, text: `${lead}from ${line.module} import ${line.name}${noqa}${eol}${ownGroup ? eol : ''}` });
  }
  return splices;
}

const IMPORT_TYPES = new Set(['import_statement', 'import_from_statement', 'future_import_statement']);

/** Whether the module binds `name` at top level: its own `def`, or a from-import of it. */
export function boundAtTop(root: Node, name: string): boolean {
  return codeChildren(root).some((s) => (s.type === 'function_definition' && s.childForFieldName('name')?.text === name)
    || (s.type === 'import_from_statement' && s.childrenForFieldName('name').some((n) => (n.childForFieldName('alias') ?? n).text === name)));
}

/** The last statement of the module's leading block of imports (after its docstring), if any. */
export function lastLeadingImport(root: Node): Node | undefined {
  let last: Node | undefined;
  for (const [i, s] of codeChildren(root).entries()) {
    const docstring = i === 0 && s.type === 'expression_statement' && codeChildren(s).length === 1 && codeChildren(s)[0]!.type === 'string';
    if (IMPORT_TYPES.has(s.type)) last = s;
    else if (!docstring) break;
  }
  return last;
}
