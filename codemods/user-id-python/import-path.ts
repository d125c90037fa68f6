// Where module-level code of a script can import the project. Scripts outside the package often
// make it importable themselves (`sys.path.insert(0, str(Path(__file__).parent.parent / "src"))`,
// `site.addsitedir`, `os.chdir` to the repo root) and only then import it: a new import of a
// project module placed above that line dies with ModuleNotFoundError before the script runs.
import type { Node } from './parser.js';
import { codeChildren } from './scope.js';

/** What a call or an assignment does to the import path, by the dotted name it goes through. */
const CHANGING_CALLS = new Set(['sys.path.insert', 'sys.path.append', 'sys.path.extend', 'site.addsitedir', 'os.chdir']);
const PATH_LIST = 'sys.path';

const DEFINITIONS = new Set(['function_definition', 'class_definition', 'decorated_definition']);

function isTypeCheckingBlock(block: Node): boolean {
  const owner = block.parent;
  return owner?.type === 'if_statement' && owner.childForFieldName('consequence')?.id === block.id
    && /^(?:typing\.)?TYPE_CHECKING$/.test(owner.childForFieldName('condition')?.text ?? '');
}

/**
 * The statements that run in the module's own scope when it is loaded or run: the top-level ones
 * and those nested in `if`/`try`/`with`/loop blocks, not function or class bodies, nor the
 * `if TYPE_CHECKING:` block (which never runs).
 */
export function moduleScopeStatements(root: Node): Node[] {
  const out: Node[] = [];
  const visit = (stmts: Node[]): void => {
    for (const s of stmts) {
      out.push(s);
      if (!DEFINITIONS.has(s.type)) blocksOf(s).forEach((b) => visit(codeChildren(b)));
    }
  };
  visit(codeChildren(root));
  return out;
}

/** The blocks of a compound statement, its `elif`/`else`/`except`/`finally` clauses' included. */
function blocksOf(stmt: Node): Node[] {
  const blocks: Node[] = [];
  const walk = (n: Node): void => {
    for (const c of n.namedChildren) {
      if (c.type === 'block') {
        if (!isTypeCheckingBlock(c)) blocks.push(c);
      } else if (/_clause$/.test(c.type)) walk(c);
    }
  };
  walk(stmt);
  return blocks;
}

/** Local names for the modules and functions that change the import path: `sys`, `from sys import path as p`, ... */
function aliasesOf(root: Node): Map<string, string> {
  const aliases = new Map<string, string>();
  for (const s of root.descendantsOfType(['import_statement', 'import_from_statement'])) {
    if (!s) continue;
    const from = s.type === 'import_from_statement' ? s.childForFieldName('module_name')?.text : undefined;
    for (const n of s.childrenForFieldName('name')) {
      const name = n.type === 'aliased_import' ? n.childForFieldName('name')!.text : n.text;
      const alias = n.type === 'aliased_import' ? n.childForFieldName('alias')!.text : from ? name : name.split('.')[0]!;
      aliases.set(alias, from ? `${from}.${name}` : n.type === 'aliased_import' ? name : alias);
    }
  }
  return aliases;
}

/** `sys.path.insert` however the file spells it (`import sys as s`, `from sys import path`). */
function canonical(expr: Node, aliases: Map<string, string>): string | undefined {
  if (expr.type !== 'identifier' && expr.type !== 'attribute') return undefined;
  const [head, ...rest] = expr.text.replace(/\s+/g, '').split('.');
  return [aliases.get(head!) ?? head, ...rest].join('.');
}

/** Whether running `node` (outside the functions it defines) changes the import path. */
function changesPath(node: Node, aliases: Map<string, string>, changers: ReadonlySet<string>): boolean {
  if (node.type === 'function_definition' || node.type === 'lambda') return false;
  if (node.type === 'call') {
    const fn = node.childForFieldName('function');
    const name = fn && canonical(fn, aliases);
    if (name && (CHANGING_CALLS.has(name) || (fn.type === 'identifier' && changers.has(fn.text)))) return true;
  }
  if (node.type === 'assignment' || node.type === 'augmented_assignment') {
    let target = node.childForFieldName('left');
    if (target?.type === 'subscript') target = target.childForFieldName('value');
    if (target && canonical(target, aliases) === PATH_LIST) return true;
  }
  return node.namedChildren.some((c) => changesPath(c, aliases, changers));
}

/** `if __name__ == "__main__":`, the block that runs when the file is run as a script, not when imported. */
export function isMainGuard(stmt: Node): boolean {
  const condition = stmt.type === 'if_statement' ? stmt.childForFieldName('condition')?.text.replace(/\s+/g, '').replace(/'/g, '"') : undefined;
  return condition === '__name__=="__main__"' || condition === '"__main__"==__name__';
}

/**
 * The statement after which module-level code can import the project: the last top-level one
 * that changes the import path (directly, or by calling a top-level function of the file that
 * does), or inside the main guard, the last such statement of its block. Undefined when the
 * module leaves the import path alone.
 */
export function importPathAnchor(root: Node): Node | undefined {
  const aliases = aliasesOf(root);
  const top = codeChildren(root);
  const changers = new Set<string>();
  for (const s of top) {
    const def = s.type === 'decorated_definition' ? s.childForFieldName('definition') : s;
    const body = def?.type === 'function_definition' ? def.childForFieldName('body') : undefined;
    if (body && codeChildren(body).some((c) => changesPath(c, aliases, new Set()))) changers.add(def!.childForFieldName('name')!.text);
  }
  const lastChange = (stmts: Node[]) => [...stmts].reverse().find((s) => changesPath(s, aliases, changers));
  const last = lastChange(top);
  if (!last || !isMainGuard(last)) return last;
  const block = last.childForFieldName('consequence');
  return (block && lastChange(codeChildren(block))) ?? last;
}
