// Where a helper import goes in a file that imports the project's package only where it is ready
// for the import to fail: inside functions (`def test_x(): from personal_agent.config.settings
// import BASE_DIR`) or in a module-level `try:` whose `except` prints a message and exits. A new
// top-level import there would die at load with ModuleNotFoundError before the file's own message
// or fallback; a careful human puts the name where the file already imports the package for the
// code that uses it. A file that imports the package at top level keeps top-level placement.
import type { Node } from './parser.js';
import { codeChildren, dottedText } from './scope.js';
import { moduleScopeStatements } from './import-path.js';

const IMPORTS = ['import_statement', 'import_from_statement'];

/** Where names join the file: an import of the module to extend, a package import to put a new line beside, a function to open with one. */
export type ImportSite =
  | { kind: 'extend'; stmt: Node }
  | { kind: 'beside'; stmt: Node }
  | { kind: 'body'; fn: Node };

/** The module a statement imports, as a dotted name (relative ones: undefined). */
function importedName(stmt: Node): string | undefined {
  const m = stmt.type === 'import_from_statement' ? stmt.childForFieldName('module_name') : codeChildren(stmt)[0];
  const dotted = m?.type === 'aliased_import' ? m.childForFieldName('name') : m;
  return dotted?.type === 'dotted_name' ? dottedText(dotted) : undefined;
}

/** Whether a statement imports from the project's package `top`, absolutely or relatively. */
function importsPackage(stmt: Node, top: string): boolean {
  const m = stmt.type === 'import_from_statement' ? stmt.childForFieldName('module_name') : undefined;
  if (m?.type === 'relative_import') return true;
  return importedName(stmt)?.split('.')[0] === top;
}

/** The function whose body holds `node` (a lambda is no statement scope: the function around it). */
export function enclosingFunction(node: Node): Node | undefined {
  for (let p = node.parent; p; p = p.parent) if (p.type === 'function_definition') return p;
  return undefined;
}

const contains = (outer: Node, offset: number) => outer.startIndex <= offset && offset < outer.endIndex;

/**
 * The sites for names used at `uses` (offsets), when the file imports the package `top` only
 * inside functions or guarded module-level blocks; undefined when a top-level import is right
 * (the file imports the package at top level, or not at all). A use at module level in a file
 * whose package imports are all function-local gets `undefined` in the list: top level.
 * `importsModule` says whether an import statement is of the module the names come from.
 */
export function importSites(root: Node, top: string, uses: readonly number[], importsModule: (stmt: Node) => boolean): Array<ImportSite | undefined> | undefined {
  const moduleScope = new Set(moduleScopeStatements(root).map((s) => s.id));
  // Imports that run: at module scope or in a function (not under `if TYPE_CHECKING:`).
  const ofPackage = root.descendantsOfType(IMPORTS).filter((s): s is Node => !!s && importsPackage(s, top) && (moduleScope.has(s.id) || !!enclosingFunction(s)));
  if (ofPackage.length === 0 || uses.length === 0) return undefined;
  const topLevel = new Set(codeChildren(root).map((s) => s.id));
  if (ofPackage.some((s) => topLevel.has(s.id))) return undefined;
  const guarded = ofPackage.find((s) => moduleScope.has(s.id));
  // Imported in a module-level `try`/`if`: the new import joins the first such one, for every use.
  if (guarded) return [importsModule(guarded) ? { kind: 'extend', stmt: guarded } : { kind: 'beside', stmt: guarded }];
  return uses.map((use) => localSite(root, ofPackage, use, importsModule));
}

/**
 * In the function using the name: the nearest import of the module or else of the package that
 * runs before the use in a block holding it, else the nearest one before it anywhere in the
 * function (the file relies on that binding itself), else a new import opening the function.
 */
function localSite(root: Node, ofPackage: readonly Node[], use: number, importsModule: (stmt: Node) => boolean): ImportSite | undefined {
  const at = root.descendantForIndex(use);
  const fn = at ? enclosingFunction(at) : undefined;
  // A body on the `def` line (`def f(): return x`) has no line to open with an import.
  if (!fn || fn.childForFieldName('body')!.startPosition.row === fn.startPosition.row) return undefined;
  const before = ofPackage.filter((s) => s.endIndex <= use && enclosingFunction(s)?.id === fn.id);
  const covering = before.filter((s) => !!s.parent && contains(s.parent, use));
  const nearest = (list: readonly Node[]) => list.reduce<Node | undefined>((a, s) => (!a || s.startIndex > a.startIndex ? s : a), undefined);
  const found = nearest(covering.filter(importsModule)) ?? nearest(covering) ?? nearest(before.filter(importsModule)) ?? nearest(before);
  if (!found) return { kind: 'body', fn };
  return importsModule(found) ? { kind: 'extend', stmt: found } : { kind: 'beside', stmt: found };
}

/** The run of imports on consecutive lines in the block of `stmt`, with `stmt` in it. */
export function importRun(stmt: Node): Node[] {
  const siblings = stmt.parent ? codeChildren(stmt.parent) : [stmt];
  let i = siblings.findIndex((s) => s.id === stmt.id);
  let j = i;
  const joined = (a: Node, b: Node) => IMPORTS.includes(a.type) && IMPORTS.includes(b.type) && b.startPosition.row === a.endPosition.row + 1;
  while (i > 0 && joined(siblings[i - 1]!, siblings[i]!)) i--;
  while (j < siblings.length - 1 && joined(siblings[j]!, siblings[j + 1]!)) j++;
  return siblings.slice(i, j + 1);
}
