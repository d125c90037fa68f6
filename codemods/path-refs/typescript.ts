// The TS/JS front end of path-refs: reads every path expression (string and template literals,
// `+` concatenations, `path.join`/`path.resolve` calls, a base taken from a constant or from
// `process.env.X || 'default'`), asks the matcher where it points after the plan's moves and
// respells only the literal parts that change. Code inside the sanctioned resolver class is left
// alone: finding a user's files under either layout is its job.
import type ts from 'typescript';
import { typescript } from '../../parse/ts-api.js';
import { parseSource, SOURCE_EXTENSIONS } from '../user-id-ts/parse.js';
import { positionAt } from '../shared/warnings.js';
import type { PlanError, Relocation, Splice } from '../../plan/types.js';
import type { FrontEnd, PathRefInput, PathRefOutput } from './front-end.js';
import { mayNameMovedFile, pathSegments, relocatePath, type PathPiece } from '../shared/relocate.js';
import { anchorOf, changedRegions, piecesOf, type Region, type Token } from './respell.js';
import { ConstantResolver, isPathModuleCall } from './ts-values.js';

const SOURCE = 'path-refs';

/** Where a token's text sits in the source, so that it can be respelled. */
interface Ref {
  node: ts.Node;
  /** The join call whose argument the token is (all of it), if any. */
  arg?: { call: ts.CallExpression; index: number };
}

type TsToken = Token<Ref>;

/** One run over one file; constants imported from other modules are read with the same state. */
interface FileState {
  sf: ts.SourceFile;
  file: string;
  relocations: readonly Relocation[];
  constants: ConstantResolver;
  nextId: { value: number };
}

function isEnvDefault(node: ts.Node): node is ts.BinaryExpression {
  if (!typescript.isBinaryExpression(node)) return false;
  const op = node.operatorToken.kind;
  if (op !== typescript.SyntaxKind.BarBarToken && op !== typescript.SyntaxKind.QuestionQuestionToken) return false;
  let left: ts.Expression = node.left;
  while (typescript.isPropertyAccessExpression(left) || typescript.isElementAccessExpression(left)) left = left.expression;
  return /^process\.env\b/.test(node.left.getText()) || (typescript.isIdentifier(left) && left.text === 'process' && node.left.getText().includes('.env'));
}

const isProcessCwd = (node: ts.Node): boolean => typescript.isCallExpression(node) && node.arguments.length === 0 && node.expression.getText() === 'process.cwd';

/** Whether `child` is read as part of `parent`'s path, so that `parent` is the expression to follow. */
function assembles(parent: ts.Node, child: ts.Node, sf: ts.SourceFile): boolean {
  if (typescript.isParenthesizedExpression(parent) || typescript.isTemplateSpan(parent) || typescript.isTemplateExpression(parent)) return true;
  if (typescript.isBinaryExpression(parent)) return parent.operatorToken.kind === typescript.SyntaxKind.PlusToken || (isEnvDefault(parent) && parent.right === child);
  return typescript.isCallExpression(parent) && isPathModuleCall(parent, sf) && parent.arguments.includes(child as ts.Expression);
}

function tokensOf(node: ts.Expression, st: FileState, depth = 0, arg?: Ref['arg']): TsToken[] {
  const ref = (n: ts.Node): Ref => ({ node: n, ...(arg ? { arg } : {}) });
  if (typescript.isParenthesizedExpression(node)) return tokensOf(node.expression, st, depth, arg);
  if (typescript.isStringLiteral(node) || typescript.isNoSubstitutionTemplateLiteral(node)) return [{ kind: 'text', text: node.text, ref: ref(node) }];
  if (typescript.isTemplateExpression(node)) {
    const out: TsToken[] = [{ kind: 'text', text: node.head.text, ref: ref(node.head) }];
    for (const span of node.templateSpans) {
      out.push(...tokensOf(span.expression, st, depth, arg), { kind: 'text', text: span.literal.text, ref: ref(span.literal) });
    }
    return out;
  }
  if (typescript.isBinaryExpression(node) && node.operatorToken.kind === typescript.SyntaxKind.PlusToken) return [...tokensOf(node.left, st, depth, arg), ...tokensOf(node.right, st, depth, arg)];
  if (isEnvDefault(node)) return tokensOf(node.right, st, depth, arg);
  if (typescript.isCallExpression(node) && isPathModuleCall(node, st.sf)) {
    return node.arguments.flatMap((a, index) => [...(index > 0 ? [{ kind: 'sep' as const, ref: ref(a) }] : []), ...tokensOf(a, st, depth, arg ?? { call: node, index })]);
  }
  if (typescript.isIdentifier(node) && depth < 4) {
    const decl = st.constants.declarationOf(node, st.sf, st.file);
    const value = decl && tokensOf(decl.init, { ...st, sf: decl.sf, file: decl.file }, depth + 1);
    if (value && value.some((t) => t.kind !== 'dynamic')) {
      const pieces = piecesOf(value);
      return [{ kind: 'known', pieces, respelled: respelledValue(value, st.relocations), ref: ref(node) }];
    }
  }
  return [{ kind: 'dynamic', id: st.nextId.value++, ref: ref(node) }];
}

/** Leading `process.cwd()` / `'.'` arguments name the project root: kept as written, not matched. */
function rootPrefix(tokens: readonly TsToken[]): number {
  const first = tokens[0];
  if (!first) return 0;
  const isRoot = isProcessCwd(first.ref.node) || (first.kind === 'text' && (first.text === '.' || first.text === './'));
  if (!isRoot) return 0;
  return tokens[1]?.kind === 'sep' ? 2 : 1;
}

/** A constant's value after the plan: what the same path expression in its declaration becomes. */
function respelledValue(tokens: TsToken[], relocations: readonly Relocation[]): PathPiece[] {
  const lead = rootPrefix(tokens);
  const body = tokens.slice(lead);
  const r = relocatePath(piecesOf(body), relocations, anchorOf(body));
  const head = piecesOf(tokens.slice(0, lead));
  return r?.kind === 'rewrite' && r.relocation.to.root === 'project' ? [...head, ...r.before, ...r.after] : piecesOf(tokens);
}

// --- writing tokens back -------------------------------------------------------------------

function escapeString(text: string, quote: string): string {
  return text.replace(/[\\\n\r]/g, (c) => ({ '\\': '\\\\', '\n': '\\n', '\r': '\\r' })[c]!).split(quote).join(`\\${quote}`);
}

const escapeTemplate = (text: string): string => text.replace(/\\|`|\$\{/g, (m) => `\\${m}`);

/** A literal (or one part of a template) spelling `text`, keeping the original delimiters. */
function respellLiteral(node: ts.Node, text: string, sf: ts.SourceFile): string {
  const src = node.getText(sf);
  if (typescript.isStringLiteral(node)) return `${src[0]}${escapeString(text, src[0]!)}${src[0]}`;
  const open = typescript.isNoSubstitutionTemplateLiteral(node) || typescript.isTemplateHead(node) ? '`' : '}';
  const close = typescript.isNoSubstitutionTemplateLiteral(node) || typescript.isTemplateTail(node) ? '`' : '${';
  return `${open}${escapeTemplate(text)}${close}`;
}

/** One join argument spelling `pieces`: a string, the original expression, or a template. */
function argument(pieces: PathPiece[], quote: string, expressions: Map<number, string>): string {
  if (pieces.every((p) => 'text' in p)) return `${quote}${escapeString(pieces.map((p) => (p as { text: string }).text).join(''), quote)}${quote}`;
  if (pieces.length === 1) return expressions.get((pieces[0] as { dynamic: number }).dynamic)!;
  return `\`${pieces.map((p) => ('text' in p ? escapeTemplate(p.text) : `\${${expressions.get(p.dynamic)}}`)).join('')}\``;
}

/**
 * The splice that makes `region` spell its new pieces, or undefined when its tokens do not sit
 * in one literal or in whole arguments of one join call.
 */
function spliceFor(region: Region<Ref>, all: readonly TsToken[], sf: ts.SourceFile): Splice | undefined {
  const texts = region.tokens.filter((t) => t.kind !== 'sep');
  const only = texts[0];
  // A template part is respelled where it stands; a whole string argument may become several.
  const inPlace = only && (typescript.isTemplateLiteralToken(only.ref.node) && !typescript.isNoSubstitutionTemplateLiteral(only.ref.node) || !only.ref.arg);
  if (texts.length === 1 && only!.kind === 'text' && inPlace && region.pieces.every((p) => 'text' in p)) {
    return { start: only!.ref.node.getStart(sf), end: only!.ref.node.getEnd(), text: respellLiteral(only!.ref.node, region.pieces.map((p) => (p as { text: string }).text).join(''), sf) };
  }
  const call = texts[0]?.ref.arg?.call;
  if (!call || region.tokens.some((t) => t.kind === 'known' || t.ref.arg?.call !== call)) return undefined;
  const indices = texts.map((t) => t.ref.arg!.index);
  const first = Math.min(...indices);
  const last = Math.max(...indices);
  // Only whole arguments can be rewritten as arguments.
  const whole = all.every((t, i) => t.kind === 'sep' || t.ref.arg?.call !== call || t.ref.arg.index < first || t.ref.arg.index > last || (i >= region.from && i < region.to));
  if (!whole) return undefined;
  const literals = call.arguments.filter(typescript.isStringLiteralLike);
  const quote = literals.find(typescript.isStringLiteral)?.getText(sf)[0] ?? "'";
  const oneSegmentEach = literals.every((l) => !l.text.includes('/'));
  const expressions = new Map(all.flatMap((t) => (t.kind === 'dynamic' ? [[t.id, t.ref.node.getText(sf)] as const] : [])));
  if (region.pieces.some((p) => 'dynamic' in p && !expressions.has(p.dynamic))) return undefined;
  const args = oneSegmentEach ? pathSegments(region.pieces).map((s) => argument(s, quote, expressions)) : [argument(region.pieces, quote, expressions)];
  return { start: call.arguments[first]!.getStart(sf), end: call.arguments[last]!.getEnd(), text: args.join(', ') };
}

// --- the front end ------------------------------------------------------------------------

function insideResolver(node: ts.Node, resolvers: readonly string[]): boolean {
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
    if ((typescript.isClassDeclaration(n) || typescript.isClassExpression(n)) && n.name && resolvers.includes(n.name.text)) return true;
  }
  return false;
}

function isModuleSpecifier(node: ts.Node): boolean {
  const p = node.parent;
  if (typescript.isImportDeclaration(p) || typescript.isExportDeclaration(p) || typescript.isExternalModuleReference(p) || typescript.isImportTypeNode(p.parent ?? p)) return true;
  return typescript.isCallExpression(p) && (p.expression.kind === typescript.SyntaxKind.ImportKeyword || (typescript.isIdentifier(p.expression) && p.expression.text === 'require'));
}

/** The outermost expressions that assemble a path from literals or through a join call. */
function pathExpressions(st: FileState, resolvers: readonly string[]): ts.Expression[] {
  const tops = new Set<ts.Expression>();
  const visit = (node: ts.Node): void => {
    const literal = typescript.isStringLiteral(node) || typescript.isNoSubstitutionTemplateLiteral(node) || typescript.isTemplateExpression(node);
    // A join of constants names a path without any literal of its own.
    const join = typescript.isCallExpression(node) && isPathModuleCall(node, st.sf);
    if (((literal && !isModuleSpecifier(node)) || join) && !insideResolver(node, resolvers)) {
      let top: ts.Node = node;
      while (top.parent && assembles(top.parent, top, st.sf)) top = top.parent;
      tops.add(top as ts.Expression);
    }
    typescript.forEachChild(node, visit);
  };
  visit(st.sf);
  return [...tops];
}

const where = (st: FileState, node: ts.Node): { file: string; line: number; column: number } => ({ file: st.file, ...positionAt(st.sf.text, node.getStart(st.sf)) });

function readOptions(options: Record<string, unknown>): { resolvers: string[] } {
  const r = options.resolvers;
  return { resolvers: Array.isArray(r) && r.every((x) => typeof x === 'string') ? (r as string[]) : [] };
}

export function rewriteTypeScript(input: PathRefInput): PathRefOutput {
  const out: PathRefOutput = { splices: [], warnings: [], errors: [] };
  const { sourceFile: sf, error } = parseSource(input.text, input.file);
  if (error) return out; // user-id-ts reports unparsable files; nothing here can be followed.
  const { resolvers } = readOptions(input.options);
  const st: FileState = { sf, file: input.file, relocations: input.relocations, constants: new ConstantResolver(input.roots.project), nextId: { value: 0 } };
  let rewritten: ts.Node | undefined;
  for (const expr of pathExpressions(st, resolvers)) {
    const tokens = tokensOf(expr, st);
    const lead = rootPrefix(tokens);
    const body = tokens.slice(lead);
    const at = where(st, expr);
    const r = relocatePath(piecesOf(body), input.relocations, anchorOf(body));
    if (!r) {
      const file = mayNameMovedFile(piecesOf(body), input.relocations);
      if (file) out.warnings.push({ source: SOURCE, ...at, code: 'may-name-moved-file', message: `this path ends like ${file.from.path}, which moves to ${file.to.path}; its base cannot be followed, check whether it is a user's dir` });
      continue;
    }
    const moved = `${r.relocation.from.path} (moves to ${r.relocation.to.root === 'home' ? '~/' : ''}${r.relocation.to.path})`;
    if (r.kind === 'ambiguous') {
      out.errors.push(planError(at, `${r.reason}; rewrite it by hand`));
      continue;
    }
    if (r.relocation.to.root !== 'project') {
      out.errors.push(planError(at, `this path names ${moved}, outside the project: point it at the new home by hand`));
      continue;
    }
    const splices = changedRegions(body, [...r.before, ...r.after]).map((region) => spliceFor(region, body, sf));
    if (splices.some((s) => s === undefined)) {
      out.errors.push(planError(at, `this path names ${moved} in a shape that cannot be rewritten in place; rewrite it by hand`));
      continue;
    }
    out.splices.push(...(splices as Splice[]));
    rewritten ??= expr;
  }
  if (rewritten && resolvers.length > 0) {
    out.warnings.push({ source: SOURCE, ...where(st, rewritten), code: 'bypasses-resolver', message: `user paths here are rewritten to the new layout but built by hand; ${resolvers[0]} resolves them in one place` });
  }
  return out;
}

function planError(at: { file: string; line: number }, message: string): PlanError {
  return { source: SOURCE, code: 'unfollowable-path', message: `${at.file}:${at.line}: ${message}`, paths: [`${at.file}:${at.line}`] };
}

export const typescriptFrontEnd: FrontEnd = { extensions: SOURCE_EXTENSIONS, rewrite: rewriteTypeScript };
