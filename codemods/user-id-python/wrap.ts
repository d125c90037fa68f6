// Lines the codemod made longer than the project's line length, wrapped the way black wraps them:
// a `def`/`class` header at its first bracket, any other statement at its last bracket with a
// non-empty body (trailers such as `.get_userid()` are skipped); the body on one indented line
// when it fits, else one item per line with a trailing comma; an import list always one name per
// line. Only a statement (or a compound statement's header) written on one line, without a
// comment or a backslash, is wrapped; a line no bracket can break (a long string) stays as it is.
import { applySplices } from '../../plan/text.js';
import type { Splice } from '../../plan/types.js';
import { indentUnit } from './layout.js';
import { firstSyntaxError, withTree, type Node, type Parser } from './parser.js';

interface Token {
  type: string;
  text: string;
  /** The whitespace written before the token. */
  before: string;
}

const OPENERS: Readonly<Record<string, string>> = { '(': ')', '[': ']', '{': '}' };
const ATOMS = new Set(['string', 'concatenated_string']);
const HEADERS = new Set(['function_definition', 'class_definition', 'if_statement', 'elif_clause', 'for_statement', 'while_statement', 'with_statement']);
const SIMPLE = new Set(['expression_statement', 'return_statement', 'import_statement', 'import_from_statement', 'future_import_statement', 'assert_statement', 'raise_statement', 'delete_statement']);

/** Longer statements (generated tables, deep nesting) are left as they are: no one reads them as lines. */
const MAX_STATEMENT = 2000;

/** Width as black counts it: a tab is one character too, and the codemod never adds tabs. */
const width = (line: string): number => [...line].length;

/** The innermost statement holding `offset` (for a decorated definition, the definition itself). */
function statementAt(root: Node, offset: number): Node | undefined {
  for (let n: Node | null = root.descendantForIndex(offset); n; n = n.parent) {
    const p: Node | null = n.parent;
    if (!p || n.type === 'module') return undefined;
    if (n.type === 'elif_clause' || p.type === 'module' || p.type === 'block') {
      const definition = n.type === 'decorated_definition' ? n.childForFieldName('definition') : undefined;
      return definition && offset >= definition.startIndex ? definition : n;
    }
  }
  return undefined;
}

/** Where the header of a compound statement ends (its `:`), or the end of a simple statement. */
function headerEnd(stmt: Node): number {
  if (SIMPLE.has(stmt.type)) return stmt.endIndex;
  if (!HEADERS.has(stmt.type)) return -1;
  const body = stmt.childForFieldName('body') ?? stmt.childForFieldName('consequence');
  const colon = stmt.children.filter((c) => c.type === ':' && (!body || c.endIndex <= body.startIndex)).pop();
  return colon ? colon.endIndex : -1;
}

/** The space before a token once the statement is joined onto one line, as black spaces it. */
function joined(previous: Token | undefined, type: string, written: string): string {
  if (!written.includes('\n')) return written;
  return !previous || OPENERS[previous.type] || type === ',' || type === ')' || type === ']' || type === '}' ? '' : ' ';
}

/** The tokens of `[start, end)` of `stmt` on one line: leaves, with strings whole; none with a comment or a backslash. */
function tokensOf(stmt: Node, text: string, start: number, end: number): Token[] | undefined {
  const out: Token[] = [];
  let pos = start;
  let ok = true;
  const visit = (n: Node): void => {
    if (n.endIndex <= start || n.startIndex >= end) return;
    if (n.type === 'comment' || n.type === 'line_continuation' || (ATOMS.has(n.type) && n.text.includes('\n'))) ok = false;
    if (n.childCount === 0 || ATOMS.has(n.type)) {
      out.push({ type: ATOMS.has(n.type) ? 'string' : n.type, text: n.text, before: joined(out[out.length - 1], n.type, text.slice(pos, n.startIndex)) });
      pos = n.endIndex;
      return;
    }
    for (const c of n.children) visit(c);
  };
  visit(stmt);
  return ok && out.length > 0 ? out : undefined;
}

const render = (tokens: readonly Token[]): string => tokens.map((t, i) => (i === 0 ? '' : t.before) + t.text).join('');

/** Pairs of matching brackets at the top level of `tokens`, in order. */
function topPairs(tokens: readonly Token[]): [number, number][] {
  const pairs: [number, number][] = [];
  let depth = 0;
  let open = -1;
  tokens.forEach((t, i) => {
    if (OPENERS[t.type]) {
      if (depth === 0) open = i;
      depth++;
    } else if (t.type === ')' || t.type === ']' || t.type === '}') {
      depth--;
      if (depth === 0) pairs.push([open, i]);
    }
  });
  return pairs;
}

/** `tokens` split at its top-level commas (a trailing comma leaves no empty item). */
function items(tokens: readonly Token[]): Token[][] {
  const out: Token[][] = [[]];
  let depth = 0;
  for (const t of tokens) {
    if (OPENERS[t.type]) depth++;
    else if (t.type === ')' || t.type === ']' || t.type === '}') depth--;
    if (t.type === ',' && depth === 0) out.push([]);
    else out[out.length - 1]!.push(t);
  }
  return out.filter((item, i) => item.length > 0 || i < out.length - 1);
}

interface Style {
  limit: number;
  unit: string;
}

/** The body of a split bracket pair as lines at `indent`. */
function bodyLines(body: Token[], indent: string, style: Style, kind: { import: boolean; def: boolean; subscript: boolean; collection: boolean }): string[] {
  const parts = items(body);
  const trailingComma = body[body.length - 1]?.type === ',';
  const oneLine = render(body);
  // Black explodes an import list, a list written with a trailing comma, and a split collection literal.
  const explode = kind.import || (trailingComma && !kind.subscript) || (kind.collection && parts.length > 1);
  if (!explode && width(indent + oneLine) <= style.limit) return [indent + (kind.def && parts.length === 1 && !trailingComma ? `${oneLine},` : oneLine)];
  if (parts.length === 1 && !explode) return wrapTokens(body, indent, style, 'item');
  return parts.flatMap((item, i) => {
    const comma = i < parts.length - 1 || !kind.subscript ? [{ type: ',', text: ',', before: '' }] : [];
    return wrapTokens([...item, ...comma], indent, style, 'item');
  });
}

// Black's delimiter priorities: a too-long value splits at its loosest-binding operators.
const COMMA = 18;
const PRIORITIES: Readonly<Record<string, number>> = {
  ',': COMMA, if: 16, else: 16, and: 14, or: 14, '<': 10, '>': 10, '==': 10, '!=': 10, '<=': 10, '>=': 10, '<>': 10, in: 10, is: 10,
  '|': 9, '^': 8, '&': 7, '<<': 6, '>>': 6, '+': 5, '-': 5, '*': 4, '/': 4, '//': 4, '%': 4, '@': 4, '**': 1,
};
const OPERANDS = new Set(['identifier', 'integer', 'float', 'string', 'true', 'false', 'none', 'ellipsis', ')', ']', '}']);

/** The top-level delimiters of `tokens` with black's priorities (a unary sign or `not` is none; `not in` counts once). */
function delimiters(tokens: readonly Token[]): { at: number; priority: number }[] {
  const out: { at: number; priority: number }[] = [];
  let depth = 0;
  tokens.forEach((t, i) => {
    if (OPENERS[t.type]) depth++;
    else if (t.type === ')' || t.type === ']' || t.type === '}') depth--;
    else if (depth === 0) {
      const previous = tokens[i - 1];
      const binary = !!previous && (OPERANDS.has(previous.type) || t.type === ',');
      if (t.type === 'not' && tokens[i + 1]?.type === 'in' && previous && OPERANDS.has(previous.type)) out.push({ at: i, priority: 10 });
      else if (PRIORITIES[t.type] && binary && !(t.type === 'in' && previous?.type === 'not')) out.push({ at: i, priority: PRIORITIES[t.type]! });
      else if (t.type === 'not' && previous?.type === 'is') return;
    }
  });
  return out;
}

/** The value black puts in invisible parentheses: of a `return`, an assignment, an `if`/`elif`/`while`, a `for`'s iterable. */
function valueRange(tokens: readonly Token[]): [number, number] | undefined {
  const head = tokens[0]?.type;
  const colon = tokens[tokens.length - 1]?.type === ':' ? tokens.length - 1 : tokens.length;
  if (head === 'return' || head === 'if' || head === 'elif' || head === 'while') return tokens.length > 1 ? [1, colon] : undefined;
  let depth = 0;
  let at: number | undefined;
  tokens.forEach((t, i) => {
    if (OPENERS[t.type]) depth++;
    else if (t.type === ')' || t.type === ']' || t.type === '}') depth--;
    else if (depth === 0 && ((head !== 'for' && /^[-+*/%@&|^<>]*=$|^\/\/=$|^\*\*=$|^<<=$|^>>=$/.test(t.type) && t.type !== '==') || (head === 'for' && t.type === 'in' && at === undefined))) at = i + 1;
  });
  return at !== undefined && at < colon ? [at, colon] : undefined;
}

/** Black keeps the invisible parentheses (splits around the whole value) unless a bracket at the value's end can split it. */
function keepsParentheses(tokens: readonly Token[], [start, end]: [number, number], indent: string, style: Style): boolean {
  const value = tokens.slice(start, end);
  const found = delimiters(value);
  if (found.length === 0) return false;
  const max = Math.max(...found.map((d) => d.priority));
  if (found.filter((d) => d.priority === max).length > 1) return true;
  const last = value[value.length - 1]!;
  if (last.type !== ')' && last.type !== ']' && last.type !== '}') return true;
  if (OPENERS[value[value.length - 2]?.type ?? '']) return true;
  const opener = topPairs(value).pop()![0];
  return width(indent + render(tokens.slice(0, start + opener + 1))) > style.limit;
}

/** `value` at `indent`: on one line when it fits, else split at its loosest delimiters. */
function valueLines(value: Token[], indent: string, style: Style): string[] {
  const one = indent + render(value);
  const found = delimiters(value);
  if (width(one) <= style.limit || found.length === 0) return wrapTokens(value, indent, style, 'item');
  const max = Math.max(...found.map((d) => d.priority));
  const cuts = found.filter((d) => d.priority === max).map((d) => d.at);
  const pieces: Token[][] = [];
  let from = 0;
  for (const at of cuts) {
    // After a comma, before an operator.
    const cut = max === COMMA ? at + 1 : at;
    pieces.push(value.slice(from, cut));
    from = cut;
  }
  pieces.push(value.slice(from));
  if (max === COMMA && value[value.length - 1]!.type !== ',') pieces[pieces.length - 1]!.push({ type: ',', text: ',', before: '' });
  return pieces.filter((p) => p.length > 0).flatMap((p) => wrapTokens(p.map((t, i) => (i === 0 ? { ...t, before: '' } : t)), indent, style, 'item'));
}

/**
 * `tokens` as one line at `indent`, or split at a bracket pair when that line is too long: a
 * definition at its parameters; a statement's value (after `return`, `=`, `if`...) inside
 * parentheses of its own, as black does, unless a bracket at its end splits it better.
 */
function wrapTokens(tokens: Token[], indent: string, style: Style, what: 'definition' | 'statement' | 'item'): string[] {
  const line = indent + render(tokens);
  if (width(line) <= style.limit) return [line];
  const range = what === 'statement' ? valueRange(tokens) : undefined;
  if (range && keepsParentheses(tokens, range, indent, style)) return parenthesizedValue(tokens, range, indent, style) ?? [line];
  const pairs = topPairs(tokens).filter(([o, c]) => c > o + 1);
  // The last pair, unless its head would still be too long and an earlier pair leaves a tail that fits.
  const ordered = [...pairs].reverse();
  const fits = ([o, c]: [number, number]) => width(indent + render(tokens.slice(0, o + 1))) <= style.limit
    && width(indent + render(tokens.slice(c))) <= style.limit;
  const pair = what === 'definition' ? pairs[0] : ordered.find(fits) ?? ordered[0];
  if (!pair) return (range && parenthesizedValue(tokens, range, indent, style)) || [line];
  const [open, close] = pair;
  const first = tokens[0]!;
  const kind = {
    import: first.type === 'from' || first.type === 'import',
    def: what === 'definition',
    subscript: tokens[open]!.type === '[' && open > 0 && OPERANDS.has(tokens[open - 1]!.type),
    // A tuple, list, set or dict display: brackets not following something they call or index.
    collection: !(open > 0 && OPERANDS.has(tokens[open - 1]!.type)),
  };
  const body = tokens.slice(open + 1, close).map((t, i) => (i === 0 ? { ...t, before: '' } : t));
  return [indent + render(tokens.slice(0, open + 1)), ...bodyLines(body, indent + style.unit, style, kind), indent + render(tokens.slice(close)).trimStart()];
}

/** `return (` / value / `)`: when the value fits on its line, or can be split at its delimiters. */
function parenthesizedValue(tokens: Token[], [start, end]: [number, number], indent: string, style: Style): string[] | undefined {
  const value = tokens.slice(start, end).map((t, i) => (i === 0 ? { ...t, before: '' } : t));
  const lines = valueLines(value, indent + style.unit, style);
  if (lines.length === 1 && width(lines[0]!) > style.limit) return undefined;
  return [`${indent}${render(tokens.slice(0, start))} (`, ...lines, `${indent})${render(tokens.slice(end))}`];
}

/** `from m import a, b` written without parentheses: the same tokens with them. */
function parenthesizedImport(tokens: Token[]): Token[] {
  if (tokens[0]?.type !== 'from' || tokens.some((t) => t.type === '(')) return tokens;
  const at = tokens.findIndex((t) => t.type === 'import') + 1;
  if (at === 0 || at >= tokens.length) return tokens;
  return [...tokens.slice(0, at), { type: '(', text: '(', before: ' ' }, { ...tokens[at]!, before: '' }, ...tokens.slice(at + 1), { type: ')', text: ')', before: '' }];
}

interface Wrap {
  /** The output lines replaced: from a line start to a line end. */
  from: number;
  to: number;
  text: string;
}

/** The statement (or compound statement header) holding `offset`, wrapped, when it can be and it changes. */
function wrapStatement(root: Node, text: string, offset: number, style: Style): Wrap | undefined {
  const stmt = statementAt(root, offset);
  if (!stmt) return undefined;
  const end = headerEnd(stmt);
  const from = text.lastIndexOf('\n', stmt.startIndex - 1) + 1;
  const nl = text.indexOf('\n', end);
  const to = nl === -1 ? text.length : text[nl - 1] === '\r' ? nl - 1 : nl;
  if (end < offset || end - stmt.startIndex > MAX_STATEMENT || text.slice(from, stmt.startIndex).trim() !== '' || text.slice(end, to).trim() !== '') return undefined;
  const tokens = tokensOf(stmt, text, stmt.startIndex, end);
  if (!tokens) return undefined;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = wrapTokens(parenthesizedImport(tokens), text.slice(from, stmt.startIndex), style,
    stmt.type === 'function_definition' || stmt.type === 'class_definition' ? 'definition' : 'statement');
  const wrapped = lines.join(eol);
  return lines.length > 1 && wrapped !== text.slice(from, to) ? { from, to, text: wrapped } : undefined;
}

interface Placed {
  splice: Splice;
  /** Where its text lies in the output. */
  from: number;
  to: number;
}

function placed(splices: readonly Splice[]): Placed[] {
  let delta = 0;
  return [...splices].sort((a, b) => a.start - b.start || a.end - b.end).map((splice) => {
    const from = splice.start + delta;
    delta += splice.text.length - (splice.end - splice.start);
    return { splice, from, to: from + splice.text.length };
  });
}

/**
 * Splices giving `output` (the input with `splices` applied) its changed lines over `limit`
 * wrapped; `root` is `output`'s syntax tree. Returns `splices` itself when nothing is wrapped.
 */
function wrapLongLines(output: string, root: Node, splices: readonly Splice[], limit: number, unit: string): Splice[] {
  const spans = placed(splices);
  const wraps: Wrap[] = [];
  const changed = new Set<number>();
  for (const s of spans) {
    for (let at = output.lastIndexOf('\n', s.from - 1) + 1; (at < s.to || at <= s.from) && at < output.length; at = output.indexOf('\n', at) + 1 || output.length) changed.add(at);
  }
  for (const at of [...changed].sort((a, b) => a - b)) {
    const nl = output.indexOf('\n', at);
    const end = nl === -1 ? output.length : output[nl - 1] === '\r' ? nl - 1 : nl;
    if (width(output.slice(at, end)) <= limit || wraps.some((w) => w.to >= at)) continue;
    const wrap = wrapStatement(root, output, at + /^[ \t]*/.exec(output.slice(at, end))![0].length, { limit, unit });
    if (wrap) wraps.push(wrap);
  }
  if (wraps.length === 0) return [...splices];
  // Each wrap widened to whole splices (a splice is replaced whole); wraps meeting in one splice are one region.
  const regions: { from: number; to: number; wraps: Wrap[] }[] = [];
  for (const w of wraps) {
    let from = w.from;
    let to = w.to;
    for (const s of spans) {
      if (s.from < to && s.to > from) {
        from = Math.min(from, s.from);
        to = Math.max(to, s.to);
      }
    }
    const last = regions[regions.length - 1];
    if (last && from < last.to) {
      last.to = Math.max(last.to, to);
      last.wraps.push(w);
    } else regions.push({ from, to, wraps: [w] });
  }
  // The input offset of output offset `x`: before or after a deletion made at `x`.
  const shift = (x: number, after: boolean) => spans.filter((s) => s.to < x || (s.to === x && (after || s.from < x)))
    .reduce((d, s) => d + s.splice.text.length - (s.splice.end - s.splice.start), 0);
  const absorbed = (s: Placed) => regions.some((r) => s.from >= r.from && s.to <= r.to && !(s.from === s.to && (s.from === r.from || s.from === r.to)));
  const added = regions.map((r) => {
    let text = '';
    let pos = r.from;
    for (const w of r.wraps) {
      text += output.slice(pos, w.from) + w.text;
      pos = w.to;
    }
    return { start: r.from - shift(r.from, true), end: r.to - shift(r.to, false), text: text + output.slice(pos, r.to) };
  });
  const result = spans.filter((s) => !absorbed(s));
  return [...result.map((s) => s.splice), ...added].sort((a, b) => a.start - b.start || a.end - b.end);
}

/**
 * `splices` (edits of `text` that parse) with the lines they make longer than `limit` wrapped;
 * the same splices when nothing needs it, or when the wrapped file would not parse (a case the
 * wrapper does not foresee is not worth the file).
 */
export function wrappedSplices(parser: Parser, text: string, splices: readonly Splice[], limit: number | undefined): Splice[] {
  if (!limit || splices.length === 0) return [...splices];
  const output = applySplices(text, splices);
  const wrapped = withTree(parser, output, (t) => (firstSyntaxError(t.rootNode) ? undefined : wrapLongLines(output, t.rootNode, splices, limit, indentUnit(text))));
  if (!wrapped || withTree(parser, applySplices(text, wrapped), (t) => firstSyntaxError(t.rootNode))) return [...splices];
  return wrapped;
}
