// legacy-user-path: string and template literals that name the per-user locations the
// migration retires. Paths are often assembled (`path.join('.continuum', 'personas', id)`,
// `root / "env.userid"`, `${dir}/state.db`), so literals are read together with the path
// expression they sit in rather than one by one, and a base held in a variable is followed to
// its value (`const baseDir = process.env.CONTINUUM_DIR || '.continuum'`). One path expression
// gives at most one finding, naming every legacy location in it. The sanctioned resolvers
// (UserDirectoryManager, PersagManager), whose fallbacks to the old layout are deliberate, are
// spared. `findLegacyPaths` is the detection as a library call, for codemods that rewrite paths.
import path from 'node:path';
import type ts from 'typescript';
import picomatch from 'picomatch';
import { typescript } from '../../parse/ts-api.js';
import type { Node as PyNode } from 'web-tree-sitter';
import { LineIndex } from '../engine/positions.js';
import type { LintRule, ParsedFile, PyParsedFile, RuleMatch, TsParsedFile } from '../types.js';
import { nodesOf } from '../../parse/ts-bindings.js';
import { initializerOf } from '../../parse/ts-values.js';
import { checkKeys, escapeRegExp, matchesGlobs, stringList } from './options.js';
import { namesAnywhereWith, SPELLING_ESCAPE } from './prefilter-text.js';

export interface LegacyUserPathOptions {
  /** Legacy per-user directories, as path segments. */
  legacyDirs: string[];
  /** Legacy per-user database file names. */
  legacyFiles: string[];
  /** Files that used to sit at the repository root and now live in the user's home. */
  rootFiles: string[];
  /**
   * The sanctioned path resolvers, whose code may name the old layout (a read-only fallback):
   * class-name patterns, or path globs when the entry contains a `/`.
   */
  resolvers: string[];
}

/** One piece of an assembled path: literal text, or a placeholder for an expression. */
interface Piece {
  text: string;
  literal: boolean;
  /** Source range of the piece. */
  start: number;
  end: number;
  /** Source text of a non-literal piece, to recognise home-based paths. */
  source?: string;
  /** Not spelt by the expression's own literals (a followed variable's value, a join's separator): read, never reported. */
  followed?: boolean;
}

const HOLE = '\u0000';
/** A path built from these is under the user's home, where the root files now belong. */
const HOME_EXPRESSION = /persag|home|expanduser|homedir/i;

function segmentPattern(path: string): RegExp {
  const body = path.split('/').filter(Boolean).map(escapeRegExp).join('[/\\\\]+');
  return new RegExp(`(?:^|[/\\\\${HOLE}])(${body})(?=$|[/\\\\${HOLE}])`);
}

/** A legacy location a path names, and where its data lives now. */
export interface LegacyLocation {
  kind: 'dir' | 'file' | 'root-file';
  /** The legacy name as configured: `.continuum/personas`, `state.db`, `env.userid`. */
  legacy: string;
  /** The new location, where the migration defines one. */
  replacement?: string;
}

interface Kind extends LegacyLocation {
  pattern: RegExp;
  label: string;
  homeBasedIsFine: boolean;
}

/** The new homes the migrators create for the default legacy names. */
const REPLACEMENTS: Record<string, string> = {
  '.continuum/personas': '.continuum/users',
  'state.db': 'data/longterm.db',
  'state.sqlite': 'data/longterm.db',
  'env.userid': '~/.persag/env.userid',
};

const kindCache = new WeakMap<LegacyUserPathOptions, Kind[]>();

function kinds(options: LegacyUserPathOptions): Kind[] {
  const cached = kindCache.get(options);
  if (cached) return cached;
  const make = (kind: LegacyLocation['kind'], legacy: string, label: string, homeBasedIsFine: boolean): Kind => ({
    kind,
    legacy,
    ...(REPLACEMENTS[legacy] ? { replacement: REPLACEMENTS[legacy] } : {}),
    pattern: segmentPattern(legacy),
    label,
    homeBasedIsFine,
  });
  const out = [
    ...options.legacyDirs.map((d) => make('dir', d, `legacy per-user location '${d}'`, false)),
    ...options.legacyFiles.map((f) => make('file', f, `legacy database name '${f}'`, false)),
    ...options.rootFiles.map((f) => make('root-file', f, `repo-root '${f}'`, true)),
  ];
  kindCache.set(options, out);
  return out;
}

/** What to do instead, for the kinds of legacy names one path holds. */
function advice(found: readonly Kind[]): string {
  const continuum = found.filter((k) => k.kind !== 'root-file');
  const parts: string[] = [];
  if (continuum.some((k) => k.kind === 'dir')) parts.push('every user now lives under .continuum/users/{userId}/');
  if (continuum.some((k) => k.kind === 'file')) parts.push('user data now lives in .continuum/users/{userId}/data/longterm.db');
  for (const k of found.filter((k) => k.kind === 'root-file')) parts.push(`it now lives in the user's home (~/.persag/${k.legacy})`);
  return parts.join('; ');
}

function isHomeBased(pieces: readonly Piece[]): boolean {
  return pieces.some((p) => (p.literal ? /(?:^|[/\\])(?:~|\.persag)(?:[/\\]|$)/.test(p.text) : HOME_EXPRESSION.test(p.source ?? '')));
}

interface PathMatch extends RuleMatch {
  locations: LegacyLocation[];
}

/**
 * The one match of an assembled path: every legacy kind it names, spanning the literals of this
 * expression that spell them (a name spelt only by a followed variable is that variable's finding).
 */
function matchPieces(pieces: readonly Piece[], options: LegacyUserPathOptions): PathMatch | undefined {
  if (!pieces.some((p) => p.literal && !p.followed)) return undefined;
  const offsets: number[] = [];
  let joined = '';
  for (const p of pieces) {
    offsets.push(joined.length);
    joined += p.literal ? p.text : HOLE;
  }
  const found: Kind[] = [];
  const touched = new Set<Piece>();
  for (const kind of kinds(options)) {
    const m = kind.pattern.exec(joined);
    if (!m || (kind.homeBasedIsFine && isHomeBased(pieces))) continue;
    const from = joined.indexOf(m[1]!, m.index);
    const to = from + m[1]!.length;
    const spelling = pieces.filter((p, i) => p.literal && !p.followed && offsets[i]! < to && offsets[i]! + Math.max(p.text.length, 1) > from);
    if (spelling.length === 0) continue;
    found.push(kind);
    for (const p of spelling) touched.add(p);
  }
  if (found.length === 0) return undefined;
  const span = [...touched].sort((a, b) => a.start - b.start);
  return {
    start: span[0]!.start,
    end: Math.max(...span.map((p) => p.end)),
    message: `${found.map((k) => k.label).join(' and ')}: ${advice(found)}`,
    locations: found.map(({ kind, legacy, replacement }) => ({ kind, legacy, ...(replacement ? { replacement } : {}) })),
  };
}

function resolverName(name: string, options: LegacyUserPathOptions): boolean {
  return options.resolvers.some((r) => !r.includes('/') && picomatch.isMatch(name, r));
}

/** The resolver's own file: by path glob, or a file named after a resolver class. */
function isResolverFile(file: string, options: LegacyUserPathOptions): boolean {
  const base = path.posix.basename(file).replace(/\.[^.]+$/, '');
  return resolverName(base, options) || matchesGlobs(file, options.resolvers.filter((r) => r.includes('/')));
}

function separated(groups: Piece[][], sep: number): Piece[] {
  return groups.flatMap((g, i) => (i === 0 ? g : [{ text: '/', literal: true, followed: true, start: sep, end: sep }, ...g]));
}

// --- TS/JS -------------------------------------------------------------------------------

function isPathCall(node: ts.Node): node is ts.CallExpression {
  if (!typescript.isCallExpression(node)) return false;
  const callee = node.expression;
  const name = typescript.isIdentifier(callee) ? callee.text : typescript.isPropertyAccessExpression(callee) ? callee.name.text : '';
  return name === 'join' || name === 'resolve';
}

/** `process.env.CONTINUUM_DIR || '.continuum'`: the literal fallback is the path a checkout uses. */
function defaultOf(expr: ts.Expression): ts.Expression {
  let e = expr;
  while (typescript.isParenthesizedExpression(e) || typescript.isAsExpression(e)) e = e.expression;
  if (typescript.isBinaryExpression(e)) {
    const op = e.operatorToken.kind;
    if (op === typescript.SyntaxKind.BarBarToken || op === typescript.SyntaxKind.QuestionQuestionToken) return defaultOf(e.right);
  }
  return e;
}

/** `this.baseDir`: the class property's initializer, or the constructor's first assignment to it. */
function memberValue(node: ts.PropertyAccessExpression): ts.Expression | undefined {
  let cls: ts.Node | undefined = node.parent;
  while (cls && !typescript.isClassLike(cls)) cls = cls.parent;
  if (!cls || !typescript.isClassLike(cls)) return undefined;
  const name = node.name.text;
  for (const member of cls.members) {
    if (typescript.isPropertyDeclaration(member) && member.name.getText() === name && member.initializer) return member.initializer;
    if (typescript.isConstructorDeclaration(member) && member.body) {
      for (const st of member.body.statements) {
        if (!typescript.isExpressionStatement(st) || !typescript.isBinaryExpression(st.expression)) continue;
        const { left, right, operatorToken } = st.expression;
        if (operatorToken.kind === typescript.SyntaxKind.EqualsToken && typescript.isPropertyAccessExpression(left) && left.expression.kind === typescript.SyntaxKind.ThisKeyword && left.name.text === name) return right;
      }
    }
  }
  return undefined;
}

/** The pieces of the value a variable or member holds, marked as followed; undefined when unknown. */
function followedPieces(node: ts.Expression, sf: ts.SourceFile, depth: number): Piece[] | undefined {
  if (depth > 3) return undefined;
  let value: ts.Expression | undefined;
  if (typescript.isIdentifier(node)) value = initializerOf(node, node.text);
  else if (typescript.isPropertyAccessExpression(node) && node.expression.kind === typescript.SyntaxKind.ThisKeyword) value = memberValue(node);
  if (!value) return undefined;
  const pieces = tsPieces(value, sf, depth + 1);
  if (!pieces.some((p) => p.literal)) return undefined;
  return pieces.map((p) => ({ ...p, followed: true }));
}

function tsPieces(node: ts.Expression, sf: ts.SourceFile, depth = 0): Piece[] {
  if (typescript.isParenthesizedExpression(node)) return tsPieces(node.expression, sf, depth);
  if (typescript.isStringLiteral(node) || typescript.isNoSubstitutionTemplateLiteral(node)) {
    return [{ text: node.text, literal: true, start: node.getStart(sf), end: node.getEnd() }];
  }
  if (typescript.isTemplateExpression(node)) {
    const pieces: Piece[] = [{ text: node.head.text, literal: true, start: node.head.getStart(sf), end: node.head.getEnd() }];
    for (const span of node.templateSpans) {
      pieces.push(...tsPieces(span.expression, sf, depth));
      pieces.push({ text: span.literal.text, literal: true, start: span.literal.getStart(sf), end: span.literal.getEnd() });
    }
    return pieces;
  }
  if (typescript.isBinaryExpression(node) && node.operatorToken.kind === typescript.SyntaxKind.PlusToken) {
    return [...tsPieces(node.left, sf, depth), ...tsPieces(node.right, sf, depth)];
  }
  // An inline `process.env.CONTINUUM_DIR || '.continuum'` base: the fallback is spelt right here.
  const fallback = defaultOf(node);
  if (fallback !== node) return tsPieces(fallback, sf, depth);
  if (isPathCall(node)) return separated(node.arguments.map((a) => tsPieces(a, sf, depth)), node.getStart(sf));
  return followedPieces(node, sf, depth) ?? [{ text: HOLE, literal: false, start: node.getStart(sf), end: node.getEnd(), source: node.getText(sf) }];
}

/** Whether `child` is assembled into `parent`'s path (so `parent` is the one to read). */
function tsAssembles(parent: ts.Node, child: ts.Node): boolean {
  if (typescript.isParenthesizedExpression(parent) || typescript.isTemplateSpan(parent) || typescript.isTemplateExpression(parent)) return true;
  if (typescript.isBinaryExpression(parent)) return parent.operatorToken.kind === typescript.SyntaxKind.PlusToken;
  return isPathCall(parent) && parent.arguments.includes(child as ts.Expression);
}

function insideResolverClass(node: ts.Node, options: LegacyUserPathOptions): boolean {
  for (let cur = node.parent; cur; cur = cur.parent) {
    if (typescript.isClassLike(cur) && cur.name && resolverName(cur.name.text, options)) return true;
  }
  return false;
}

function detectTs(file: TsParsedFile, options: LegacyUserPathOptions): PathMatch[] {
  const sf = file.sourceFile;
  const roots = new Set<ts.Expression>();
  for (const node of nodesOf(sf)) {
    if (!typescript.isStringLiteral(node) && !typescript.isNoSubstitutionTemplateLiteral(node) && !typescript.isTemplateExpression(node)) continue;
    if (insideResolverClass(node, options)) continue;
    // Module specifiers name code, not data.
    if (typescript.isImportDeclaration(node.parent) || typescript.isExportDeclaration(node.parent) || typescript.isExternalModuleReference(node.parent)) continue;
    let top: ts.Node = node;
    while (top.parent && tsAssembles(top.parent, top)) top = top.parent;
    roots.add(top as ts.Expression);
  }
  return [...roots].flatMap((r) => matchPieces(tsPieces(r, sf), options) ?? []);
}

// --- Python ------------------------------------------------------------------------------

const PY_PATH_CALLS = /(?:^|\.)(?:join|Path|PurePath|PosixPath|resolve)$/;

function pyPathCall(node: PyNode): boolean {
  return node.type === 'call' && PY_PATH_CALLS.test(node.childForFieldName('function')?.text ?? '');
}

function pyOperator(node: PyNode): string | undefined {
  return node.type === 'binary_operator' ? node.childForFieldName('operator')?.type : undefined;
}

/** `os.getenv("CONTINUUM_DIR", ".continuum")`, `os.environ.get(...)`, `x or ".continuum"`: the fallback a checkout uses. */
function pyDefaultOf(value: PyNode): PyNode {
  if (value.type === 'boolean_operator' && value.childForFieldName('operator')?.type === 'or') return pyDefaultOf(value.childForFieldName('right') ?? value);
  if (value.type === 'call' && /(?:^|\.)(?:getenv|get)$/.test(value.childForFieldName('function')?.text ?? '')) {
    const args = value.childForFieldName('arguments')?.namedChildren.filter((a) => a && a.type !== 'keyword_argument') ?? [];
    if (args[1]) return args[1];
  }
  return value;
}

/** The value last assigned to `name` before `use`: in the enclosing function, else at module level. */
function pyAssignedValue(use: PyNode, name: string): PyNode | undefined {
  for (let scope: PyNode | null = use.parent; scope; scope = scope.parent) {
    if (scope.type !== 'function_definition' && scope.type !== 'module') continue;
    let value: PyNode | undefined;
    for (const assignment of scope.descendantsOfType('assignment')) {
      if (!assignment || assignment.startIndex >= use.startIndex) continue;
      // Module level: top-level statements only (a function's local is not the module's name).
      if (scope.type === 'module' && assignment.parent?.parent?.id !== scope.id) continue;
      if (assignment.childForFieldName('left')?.text === name) value = assignment.childForFieldName('right') ?? undefined;
    }
    if (value) return value;
  }
  return undefined;
}

/** The pieces of the value a name holds, marked as followed; undefined when unknown. */
function pyFollowedPieces(node: PyNode, depth: number): Piece[] | undefined {
  if (depth > 3 || node.type !== 'identifier') return undefined;
  const value = pyAssignedValue(node, node.text);
  if (!value) return undefined;
  const pieces = pyPieces(value, depth + 1);
  return pieces.some((p) => p.literal) ? pieces.map((p) => ({ ...p, followed: true })) : undefined;
}

function pyPieces(node: PyNode, depth = 0): Piece[] {
  switch (node.type) {
    case 'parenthesized_expression':
      return node.namedChildren[0] ? pyPieces(node.namedChildren[0], depth) : [];
    case 'concatenated_string':
      return node.namedChildren.flatMap((c) => (c ? pyPieces(c, depth) : []));
    case 'string': {
      const parts = node.namedChildren.filter((c) => c && c.type !== 'string_start' && c.type !== 'string_end');
      // A plain string is one piece, quotes included, like a TS literal.
      if (!parts.some((c) => c!.type === 'interpolation')) {
        return [{ text: parts.map((c) => c!.text).join(''), literal: true, start: node.startIndex, end: node.endIndex }];
      }
      return parts.flatMap((c): Piece[] => {
        if (!c) return [];
        if (c.type === 'interpolation') return [{ text: HOLE, literal: false, start: c.startIndex, end: c.endIndex, source: c.text }];
        return [{ text: c.text, literal: true, start: c.startIndex, end: c.endIndex }];
      });
    }
    case 'binary_operator': {
      const op = pyOperator(node);
      const left = node.childForFieldName('left');
      const right = node.childForFieldName('right');
      if ((op === '/' || op === '+') && left && right) {
        return op === '/' ? separated([pyPieces(left, depth), pyPieces(right, depth)], node.startIndex) : [...pyPieces(left, depth), ...pyPieces(right, depth)];
      }
      break;
    }
    case 'call':
      if (pyPathCall(node)) {
        const args = node.childForFieldName('arguments')?.namedChildren ?? [];
        return separated(args.flatMap((a) => (a && a.type !== 'keyword_argument' ? [pyPieces(a, depth)] : [])), node.startIndex);
      }
  }
  // An inline `os.getenv("CONTINUUM_DIR", ".continuum")` or `x or ".continuum"` base.
  const fallback = pyDefaultOf(node);
  if (fallback.id !== node.id) return pyPieces(fallback, depth);
  return pyFollowedPieces(node, depth) ?? [{ text: HOLE, literal: false, start: node.startIndex, end: node.endIndex, source: node.text }];
}

function pyAssembles(parent: PyNode): boolean {
  if (parent.type === 'parenthesized_expression' || parent.type === 'concatenated_string') return true;
  const op = pyOperator(parent);
  if (op === '/' || op === '+') return true;
  return parent.type === 'argument_list' && parent.parent !== null && pyPathCall(parent.parent);
}

function insidePyResolverClass(node: PyNode, options: LegacyUserPathOptions): boolean {
  for (let cur = node.parent; cur; cur = cur.parent) {
    if (cur.type === 'class_definition' && resolverName(cur.childForFieldName('name')?.text ?? '', options)) return true;
  }
  return false;
}

function detectPython(file: PyParsedFile, options: LegacyUserPathOptions): PathMatch[] {
  const roots = new Map<number, PyNode>();
  for (const str of file.root.descendantsOfType('string')) {
    if (!str || insidePyResolverClass(str, options)) continue;
    let top: PyNode = str;
    for (let p = top.parent; p && pyAssembles(p); p = top.parent) top = p.type === 'argument_list' ? p.parent! : p;
    roots.set(top.id, top);
  }
  return [...roots.values()].flatMap((r) => matchPieces(pyPieces(r), options) ?? []);
}

function pathMatches(file: ParsedFile, options: LegacyUserPathOptions): PathMatch[] {
  if (isResolverFile(file.path, options)) return [];
  return file.language === 'ts' ? detectTs(file, options) : detectPython(file, options);
}

/** One path expression naming legacy locations: where its literals are and what they name. */
export interface LegacyPathHit {
  /** UTF-16 offsets of the literals that spell the legacy names (first to last). */
  start: number;
  end: number;
  /** 1-based position of `start`. */
  line: number;
  column: number;
  message: string;
  locations: LegacyLocation[];
}

/**
 * The detection behind the rule, for codemods that rewrite legacy paths: every path expression of
 * a parsed file that names a legacy location, with the default options unless given.
 */
export function findLegacyPaths(file: ParsedFile, options: Partial<LegacyUserPathOptions> = {}): LegacyPathHit[] {
  const resolved = legacyUserPath.resolveOptions(options as Record<string, unknown>);
  const lines = new LineIndex(file.text);
  return pathMatches(file, resolved)
    .sort((a, b) => a.start - b.start)
    .map((m) => ({ start: m.start, end: m.end, ...lines.position(m.start), message: m.message, locations: m.locations }));
}

/**
 * What can stand in the raw text right before a name that a literal holds (once read) as a path
 * segment: the literal's opening quote or backtick, the `}` of an interpolation (or of `\u{2f}`,
 * Python's `\N{...}`), a separator (`/`, `\\`), an escaped separator or NUL (`\x2f`, `\u005c`,
 * `\0`, `\134`), or a line break after a line continuation.
 */
const SEGMENT_BEFORE = String.raw`(?<=['"\`/\\}\n\r\u2028\u2029]|\\x[0-9A-Fa-f]{2}|\\u[0-9A-Fa-f]{4}|\\[0-7]{1,3})`;
/** ... and right after it: the closing quote, an interpolation (`${`, Python's `{`), a separator, or an escape. */
const SEGMENT_AFTER = String.raw`(?=['"\`/\\$\{])`;
/** `p|pe|...|persona` for `personas`: how a literal that a concatenation continues can end (`'per' + 'sonas'`). */
function properPrefixes(word: string): string[] {
  return Array.from({ length: word.length - 1 }, (_, i) => escapeRegExp(word.slice(0, i + 1)));
}

/**
 * What every finding needs in the raw text: one of the names as a whole path segment of a
 * literal. A name spelt with escapes, or split over concatenated literals (`'per' + 'sonas'`,
 * or a followed variable's value), is a segment only once the literals are read: a file holding
 * the name anywhere and such an escape, or a literal ending in a segment that begins the name,
 * passes too. Names with characters an escape or separator could stand for keep the plain search.
 */
function segmentPrefilter(words: readonly string[]): RegExp {
  const plain = words.filter((w) => !/^[\w.-]+$/.test(w));
  const segments = words.filter((w) => /^[\w.-]+$/.test(w));
  const any = words.map(escapeRegExp).join('|');
  const branches = plain.map(escapeRegExp);
  if (segments.length > 0) {
    const names = segments.map(escapeRegExp).join('|');
    const literalEnds = `${SEGMENT_BEFORE}(?:${segments.flatMap(properPrefixes).join('|')})['"\`]`;
    branches.push(
      `${SEGMENT_BEFORE}(?:${names})${SEGMENT_AFTER}`,
      namesAnywhereWith(any, `${SPELLING_ESCAPE}|${literalEnds}`),
    );
  }
  return new RegExp(branches.join('|'));
}

export const legacyUserPath: LintRule<LegacyUserPathOptions> = {
  id: 'legacy-user-path',
  description: 'String and template literals naming legacy per-user locations',
  why: 'Per-user data moved to one home (.continuum/users/{userId}/ with data/longterm.db; ~/.persag/ for persag); code still building the old paths reads or recreates stale data.',
  fix: 'Resolve user paths through the one path utility (UserDirectoryManager.getPaths(userId) / getDatabasePath(userId)), or read ~/.persag/env.userid for the persag user id.',
  docsAnchor: 'legacy-user-path',
  defaultSeverity: 'warn',
  profiles: ['continuum', 'persag'],
  defaultOptions: { legacyDirs: ['.continuum/personas'], legacyFiles: ['state.db', 'state.sqlite'], rootFiles: ['env.userid'], resolvers: ['UserDirectoryManager', 'PersagManager'] },
  languages: ['ts', 'python'],
  prefilter: (options) => {
    const words = [...options.legacyDirs.flatMap((d) => d.split('/').filter(Boolean).slice(-1)), ...options.legacyFiles, ...options.rootFiles];
    if (words.length === 0) return { text: /(?!)/ };
    return { text: new RegExp(words.map(escapeRegExp).join('|')), narrow: segmentPrefilter(words) };
  },
  resolveOptions(raw) {
    checkKeys(raw, ['legacyDirs', 'legacyFiles', 'rootFiles', 'resolvers']);
    const d = legacyUserPath.defaultOptions;
    return {
      legacyDirs: stringList(raw, 'legacyDirs', d.legacyDirs),
      legacyFiles: stringList(raw, 'legacyFiles', d.legacyFiles),
      rootFiles: stringList(raw, 'rootFiles', d.rootFiles),
      resolvers: stringList(raw, 'resolvers', d.resolvers),
    };
  },
  detect: (file, options) => pathMatches(file, options).map(({ start, end, message }) => ({ start, end, message })),
};
