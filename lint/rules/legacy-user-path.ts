// legacy-user-path: string and template literals that name the per-user locations the
// migration retires. Paths are often assembled (`path.join('.continuum', 'personas', id)`,
// `root / "env.userid"`, `${dir}/state.db`), so literals are read together with the path
// expression they sit in rather than one by one.
import type ts from 'typescript';
import { typescript } from '../parse/ts-api.js';
import type { Node as PyNode } from 'web-tree-sitter';
import type { LintRule, PyParsedFile, RuleMatch, TsParsedFile } from '../types.js';
import { nodesOf } from '../parse/ts-bindings.js';
import { checkKeys, escapeRegExp, stringList } from './options.js';

export interface LegacyUserPathOptions {
  /** Legacy per-user directories, as path segments. */
  legacyDirs: string[];
  /** Legacy per-user database file names. */
  legacyFiles: string[];
  /** Files that used to sit at the repository root and now live in the user's home. */
  rootFiles: string[];
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
}

const HOLE = '\u0000';
/** A path built from these is under the user's home, where the root files now belong. */
const HOME_EXPRESSION = /persag|home|expanduser|homedir/i;

function segmentPattern(path: string): RegExp {
  const body = path.split('/').filter(Boolean).map(escapeRegExp).join('[/\\\\]+');
  return new RegExp(`(?:^|[/\\\\${HOLE}])(${body})(?=$|[/\\\\${HOLE}])`);
}

interface Kind {
  pattern: RegExp;
  message: string;
  homeBasedIsFine: boolean;
}

function kinds(options: LegacyUserPathOptions): Kind[] {
  return [
    ...options.legacyDirs.map((d) => ({
      pattern: segmentPattern(d),
      message: `legacy per-user location '${d}': every user now lives under .continuum/users/{userId}/`,
      homeBasedIsFine: false,
    })),
    ...options.legacyFiles.map((f) => ({
      pattern: segmentPattern(f),
      message: `legacy database name '${f}': user data now lives in .continuum/users/{userId}/data/longterm.db`,
      homeBasedIsFine: false,
    })),
    ...options.rootFiles.map((f) => ({
      pattern: segmentPattern(f),
      message: `repo-root '${f}': it now lives in the user's home (~/.persag/${f})`,
      homeBasedIsFine: true,
    })),
  ];
}

function isHomeBased(pieces: readonly Piece[]): boolean {
  return pieces.some((p) => (p.literal ? /(?:^|[/\\])(?:~|\.persag)(?:[/\\]|$)/.test(p.text) : HOME_EXPRESSION.test(p.source ?? '')));
}

/** Matches of every kind in one assembled path, each spanning the literals it came from. */
function matchPieces(pieces: readonly Piece[], options: LegacyUserPathOptions): RuleMatch[] {
  if (!pieces.some((p) => p.literal)) return [];
  const offsets: number[] = [];
  let joined = '';
  for (const p of pieces) {
    offsets.push(joined.length);
    joined += p.literal ? p.text : HOLE;
  }
  const out: RuleMatch[] = [];
  for (const kind of kinds(options)) {
    const m = kind.pattern.exec(joined);
    if (!m || (kind.homeBasedIsFine && isHomeBased(pieces))) continue;
    const from = joined.indexOf(m[1]!, m.index);
    const to = from + m[1]!.length;
    const touched = pieces.filter((p, i) => p.literal && offsets[i]! < to && offsets[i]! + Math.max(p.text.length, 1) > from);
    if (touched.length === 0) continue;
    out.push({ start: touched[0]!.start, end: touched[touched.length - 1]!.end, message: kind.message });
  }
  return out;
}

function separated(groups: Piece[][], sep: number): Piece[] {
  return groups.flatMap((g, i) => (i === 0 ? g : [{ text: '/', literal: true, start: sep, end: sep }, ...g]));
}

// --- TS/JS -------------------------------------------------------------------------------

function isPathCall(node: ts.Node): node is ts.CallExpression {
  if (!typescript.isCallExpression(node)) return false;
  const callee = node.expression;
  const name = typescript.isIdentifier(callee) ? callee.text : typescript.isPropertyAccessExpression(callee) ? callee.name.text : '';
  return name === 'join' || name === 'resolve';
}

function tsPieces(node: ts.Expression, sf: ts.SourceFile): Piece[] {
  if (typescript.isParenthesizedExpression(node)) return tsPieces(node.expression, sf);
  if (typescript.isStringLiteral(node) || typescript.isNoSubstitutionTemplateLiteral(node)) {
    return [{ text: node.text, literal: true, start: node.getStart(sf), end: node.getEnd() }];
  }
  if (typescript.isTemplateExpression(node)) {
    const pieces: Piece[] = [{ text: node.head.text, literal: true, start: node.head.getStart(sf), end: node.head.getEnd() }];
    for (const span of node.templateSpans) {
      pieces.push(...tsPieces(span.expression, sf));
      pieces.push({ text: span.literal.text, literal: true, start: span.literal.getStart(sf), end: span.literal.getEnd() });
    }
    return pieces;
  }
  if (typescript.isBinaryExpression(node) && node.operatorToken.kind === typescript.SyntaxKind.PlusToken) {
    return [...tsPieces(node.left, sf), ...tsPieces(node.right, sf)];
  }
  if (isPathCall(node)) return separated(node.arguments.map((a) => tsPieces(a, sf)), node.getStart(sf));
  return [{ text: HOLE, literal: false, start: node.getStart(sf), end: node.getEnd(), source: node.getText(sf) }];
}

/** Whether `child` is assembled into `parent`'s path (so `parent` is the one to read). */
function tsAssembles(parent: ts.Node, child: ts.Node): boolean {
  if (typescript.isParenthesizedExpression(parent) || typescript.isTemplateSpan(parent) || typescript.isTemplateExpression(parent)) return true;
  if (typescript.isBinaryExpression(parent)) return parent.operatorToken.kind === typescript.SyntaxKind.PlusToken;
  return isPathCall(parent) && parent.arguments.includes(child as ts.Expression);
}

function detectTs(file: TsParsedFile, options: LegacyUserPathOptions): RuleMatch[] {
  const sf = file.sourceFile;
  const roots = new Set<ts.Expression>();
  for (const node of nodesOf(sf)) {
    if (!typescript.isStringLiteral(node) && !typescript.isNoSubstitutionTemplateLiteral(node) && !typescript.isTemplateExpression(node)) continue;
    // Module specifiers name code, not data.
    if (typescript.isImportDeclaration(node.parent) || typescript.isExportDeclaration(node.parent) || typescript.isExternalModuleReference(node.parent)) continue;
    let top: ts.Node = node;
    while (top.parent && tsAssembles(top.parent, top)) top = top.parent;
    roots.add(top as ts.Expression);
  }
  return [...roots].flatMap((r) => matchPieces(tsPieces(r, sf), options));
}

// --- Python ------------------------------------------------------------------------------

const PY_PATH_CALLS = /(?:^|\.)(?:join|Path|PurePath|PosixPath|resolve)$/;

function pyPathCall(node: PyNode): boolean {
  return node.type === 'call' && PY_PATH_CALLS.test(node.childForFieldName('function')?.text ?? '');
}

function pyOperator(node: PyNode): string | undefined {
  return node.type === 'binary_operator' ? node.childForFieldName('operator')?.type : undefined;
}

function pyPieces(node: PyNode): Piece[] {
  switch (node.type) {
    case 'parenthesized_expression':
      return node.namedChildren[0] ? pyPieces(node.namedChildren[0]) : [];
    case 'concatenated_string':
      return node.namedChildren.flatMap((c) => (c ? pyPieces(c) : []));
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
        return op === '/' ? separated([pyPieces(left), pyPieces(right)], node.startIndex) : [...pyPieces(left), ...pyPieces(right)];
      }
      break;
    }
    case 'call':
      if (pyPathCall(node)) {
        const args = node.childForFieldName('arguments')?.namedChildren ?? [];
        return separated(args.flatMap((a) => (a && a.type !== 'keyword_argument' ? [pyPieces(a)] : [])), node.startIndex);
      }
  }
  return [{ text: HOLE, literal: false, start: node.startIndex, end: node.endIndex, source: node.text }];
}

function pyAssembles(parent: PyNode): boolean {
  if (parent.type === 'parenthesized_expression' || parent.type === 'concatenated_string') return true;
  const op = pyOperator(parent);
  if (op === '/' || op === '+') return true;
  return parent.type === 'argument_list' && parent.parent !== null && pyPathCall(parent.parent);
}

function detectPython(file: PyParsedFile, options: LegacyUserPathOptions): RuleMatch[] {
  const roots = new Map<number, PyNode>();
  for (const str of file.root.descendantsOfType('string')) {
    if (!str) continue;
    let top: PyNode = str;
    for (let p = top.parent; p && pyAssembles(p); p = top.parent) top = p.type === 'argument_list' ? p.parent! : p;
    roots.set(top.id, top);
  }
  return [...roots.values()].flatMap((r) => matchPieces(pyPieces(r), options));
}

export const legacyUserPath: LintRule<LegacyUserPathOptions> = {
  id: 'legacy-user-path',
  description: 'String and template literals naming legacy per-user locations',
  why: 'Per-user data moved to one home (.continuum/users/{userId}/ with data/longterm.db; ~/.persag/ for persag); code still building the old paths reads or recreates stale data.',
  fix: 'Resolve user paths through the one path utility (UserDirectoryManager.getPaths(userId) / getDatabasePath(userId)), or read ~/.persag/env.userid for the persag user id.',
  docsAnchor: 'legacy-user-path',
  defaultSeverity: 'warn',
  defaultOptions: { legacyDirs: ['.continuum/personas'], legacyFiles: ['state.db', 'state.sqlite'], rootFiles: ['env.userid'] },
  languages: ['ts', 'python'],
  prefilter: (options) => {
    const words = [...options.legacyDirs.flatMap((d) => d.split('/').filter(Boolean).slice(-1)), ...options.legacyFiles, ...options.rootFiles];
    return { text: words.length > 0 ? new RegExp(words.map(escapeRegExp).join('|')) : /(?!)/ };
  },
  resolveOptions(raw) {
    checkKeys(raw, ['legacyDirs', 'legacyFiles', 'rootFiles']);
    const d = legacyUserPath.defaultOptions;
    return {
      legacyDirs: stringList(raw, 'legacyDirs', d.legacyDirs),
      legacyFiles: stringList(raw, 'legacyFiles', d.legacyFiles),
      rootFiles: stringList(raw, 'rootFiles', d.rootFiles),
    };
  },
  detect: (file, options) => (file.language === 'ts' ? detectTs(file, options) : detectPython(file, options)),
};
