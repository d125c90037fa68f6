// Whether a new module-level import lands below module-level code, where pycodestyle (flake8) and
// ruff report E402 "module level import not at top of file": the codemods then mark the line
// `# noqa: E402`, as a script that imports the project after its own `sys.path.insert` must.
// pycodestyle's notion of code is the strictest of the two and decides: everything but imports
// (`__future__` ones included), the module docstring (a second string is code), dunder
// assignments (`__all__ = ...`) and `if`/`try`/`with` statements, whatever their blocks hold
// (`if TYPE_CHECKING:` included). Ruff also lets `sys.path` and `os.environ` changes pass; flake8
// does not, so the mark stays there too.
import type { Node } from './parser.js';
import { codeChildren } from './scope.js';

export const NOQA_E402 = '  # noqa: E402';

const NOT_CODE = new Set(['import_statement', 'import_from_statement', 'future_import_statement', 'if_statement', 'try_statement', 'with_statement']);

/** Whether a statement is a lone string (a docstring where it comes first). */
export function isString(stmt: Node): boolean {
  const kids = stmt.type === 'expression_statement' ? codeChildren(stmt) : [];
  return kids.length === 1 && (kids[0]!.type === 'string' || kids[0]!.type === 'concatenated_string');
}

function isDunderAssignment(stmt: Node): boolean {
  const a = stmt.type === 'expression_statement' ? codeChildren(stmt)[0] : undefined;
  return a?.type === 'assignment' && /^__\w+__$/.test(a.childForFieldName('left')?.text ?? '');
}

/** Whether a module-level import inserted at `offset` comes after module-level code (see above); false inside a block. */
export function importAfterCode(root: Node, offset: number): boolean {
  let strings = 0;
  for (const stmt of codeChildren(root)) {
    if (stmt.startIndex >= offset) return false;
    if (stmt.endIndex > offset) return false; // inside a compound statement: not a module-level line
    if (NOT_CODE.has(stmt.type) || isDunderAssignment(stmt)) continue;
    if (isString(stmt) && strings++ === 0) continue;
    return true;
  }
  return false;
}
