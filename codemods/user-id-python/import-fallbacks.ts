// Scripts that import the project in a `try:` often stand in for it when the import fails
// (`except ImportError: SYSTEM_USER_ID = os.getenv("USER_ID", "default_user")`). A name a codemod
// adds to such an import must get its stand-in too, or the script dies with NameError exactly
// when the import fails: the stand-in is written when the name's source is known to run anywhere
// (`ImportNeed.fallback`), and otherwise the caller reports the gap.
import type { Splice, Warning } from '../../plan/types.js';
import { warningAt } from '../shared/warnings.js';
import { render } from './accessor.js';
import type { ImportNeed } from './imports.js';
import { eolOf, indentAt } from './layout.js';
import type { Node } from './parser.js';
import { codeChildren } from './scope.js';

/** Exceptions a failed import raises, by the names an `except` clause may catch them under. */
const CATCHES_FAILED_IMPORT = new Set(['ImportError', 'ModuleNotFoundError', 'Exception', 'BaseException']);

/** A name added to an import whose `except` branch stands in for the other names, without a known stand-in. */
export interface FallbackGap {
  name: string;
  /** Offset of the import statement the name joins. */
  offset: number;
}

/** Whether an `except` clause catches a failed import: a bare `except:`, or one naming ImportError or a base of it. */
function catchesFailedImport(clause: Node): boolean {
  const caught = codeChildren(clause).find((c) => c.type !== 'block');
  if (!caught) return true;
  const names = caught.type === 'as_pattern' ? caught.namedChildren[0] : caught;
  const listed = names?.type === 'tuple' || names?.type === 'parenthesized_expression' ? names.namedChildren : names ? [names] : [];
  return listed.some((n) => n && CATCHES_FAILED_IMPORT.has(n.text.replace(/^builtins\./, '')));
}

/** Names a block binds in its own scope: assignments, defs, classes, imports, also inside its `if`/`try`/`with` blocks. */
function namesBoundIn(block: Node): Set<string> {
  const names = new Set<string>();
  const targets = (n: Node | null): void => {
    if (!n) return;
    if (n.type === 'identifier') names.add(n.text);
    else if (['pattern_list', 'tuple_pattern', 'list_pattern', 'tuple', 'list', 'parenthesized_expression'].includes(n.type)) n.namedChildren.forEach(targets);
  };
  const visit = (stmt: Node): void => {
    const def = stmt.type === 'decorated_definition' ? stmt.childForFieldName('definition') : stmt;
    if (def?.type === 'function_definition' || def?.type === 'class_definition') names.add(def.childForFieldName('name')!.text);
    else if (stmt.type === 'import_from_statement' || stmt.type === 'import_statement') {
      for (const n of stmt.childrenForFieldName('name')) names.add((n.childForFieldName('alias') ?? n.childForFieldName('name') ?? n).text.split('.')[0]!);
    } else if (stmt.type === 'expression_statement') {
      for (let a: Node | null | undefined = codeChildren(stmt)[0]; a?.type === 'assignment'; a = a.childForFieldName('right')) targets(a.childForFieldName('left'));
    } else {
      for (const c of stmt.namedChildren) {
        if (c?.type === 'block') codeChildren(c).forEach(visit);
        else if (c && /_clause$/.test(c.type)) c.namedChildren.filter((b) => b?.type === 'block').forEach((b) => codeChildren(b!).forEach(visit));
      }
    }
  };
  codeChildren(block).forEach(visit);
  return names;
}

/** The names an import statement binds (`x as y` binds y). */
function boundBy(stmt: Node): string[] {
  return stmt.childrenForFieldName('name').map((n) => (n.childForFieldName('alias') ?? n.childForFieldName('name') ?? n).text);
}

/**
 * The `except` block that stands in for `stmt` when it fails: `stmt` is in a `try` body, and a
 * clause of that `try` catching a failed import binds one of the names `stmt` imports.
 */
export function fallbackBlock(stmt: Node): Node | undefined {
  const body = stmt.parent;
  const tryStmt = body?.parent;
  if (body?.type !== 'block' || tryStmt?.type !== 'try_statement' || tryStmt.childForFieldName('body')?.id !== body.id) return undefined;
  const imported = boundBy(stmt);
  for (const clause of tryStmt.namedChildren) {
    if (clause?.type !== 'except_clause' || !catchesFailedImport(clause)) continue;
    const block = codeChildren(clause).find((c) => c.type === 'block');
    if (!block) continue;
    const bound = namesBoundIn(block);
    if (imported.some((n) => bound.has(n))) return block;
  }
  return undefined;
}

/**
 * For the names joining the import at `offset`: their stand-ins, appended to its fallback block
 * at the block's indentation, and the names that have none. Names the block binds need nothing.
 */
export function fallbackSplices(text: string, offset: number, block: Node, added: readonly ImportNeed[]): { splices: Splice[]; gaps: FallbackGap[] } {
  const bound = namesBoundIn(block);
  const eol = eolOf(text);
  const indent = indentAt(text, block.startIndex);
  const unit = indent.slice(indentAt(text, block.parent!.startIndex).length) || '    ';
  // Each def set apart by one blank line, as black spaces nested defs.
  const defs: string[] = [];
  const gaps: FallbackGap[] = [];
  for (const need of added) {
    if (bound.has(need.name)) continue;
    if (!need.fallback) {
      gaps.push({ name: need.name, offset });
      continue;
    }
    const lines = render(need.fallback, unit, eol).split(eol).slice(0, -1);
    defs.push(lines.map((l) => (l === '' ? '' : indent + l)).join(eol));
  }
  const splices = defs.length > 0 ? [{ start: block.endIndex, end: block.endIndex, text: defs.map((d) => eol + eol + d).join('') }] : [];
  return { splices, gaps };
}

/** The plan warning for a name added without a stand-in: where, why it matters, what to do. */
export function fallbackGapWarning(source: string, file: string, text: string, gap: FallbackGap): Warning {
  return warningAt(source, file, text, gap.offset, 'import-fallback-missing',
    `${gap.name} is added to this import, whose except branch stands in for the other names when the import fails; no stand-in for ${gap.name} is known, so the script would fail with NameError there: define ${gap.name} in that except branch by hand`);
}
