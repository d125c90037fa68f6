// One read per call: a function body that reads the constant more than once reads the accessor
// once into a local (`const userId = getUserId();`) and uses it, so that the values agree within
// the call and an accessor that reads a file is called once. A single read stays inline. Reads in
// nested functions belong to those functions (a closure may run after a user switch), and
// default parameters stay inline (they run before the body).
import type ts from 'typescript';
import { typescript } from '../../parse/ts-api.js';
import type { FileMigration, ValueRead } from './migration.js';
import { lineIndentAt } from './layout.js';

const LOCAL_NAMES = ['userId', 'currentUserId'];

/** The block body of the innermost function around `node`, when `node` is inside that body. */
function bodyOf(node: ts.Node): ts.Block | undefined {
  for (let child = node, p = node.parent; p; child = p, p = p.parent) {
    if (typescript.isFunctionLike(p)) {
      const body = (p as ts.FunctionLikeDeclaration).body;
      return body && typescript.isBlock(body) && child === body ? body : undefined;
    }
    if (typescript.isClassStaticBlockDeclaration(p) || typescript.isPropertyDeclaration(p)) return undefined;
  }
  return undefined;
}

/** A derived class's constructor may not run code before `super()` when it has field initializers. */
function isDerivedConstructor(body: ts.Block): boolean {
  const fn = body.parent;
  return typescript.isConstructorDeclaration(fn) && (fn.parent.heritageClauses?.some((h) => h.token === typescript.SyntaxKind.ExtendsKeyword) ?? false);
}

/** A name for the local that nothing in the function spells (so it shadows nothing the body uses). */
function freeLocal(body: ts.Block): string {
  const used = new Set<string>();
  const visit = (n: ts.Node): void => {
    // `row.userId` and `{ userId: 1 }` name properties, not variables the local could shadow.
    const property = (typescript.isPropertyAccessExpression(n.parent) && n.parent.name === n) || (typescript.isPropertyAssignment(n.parent) && n.parent.name === n);
    if (typescript.isIdentifier(n) && !property) used.add(n.text);
    typescript.forEachChild(n, visit);
  };
  visit(body.parent);
  for (const name of LOCAL_NAMES) if (!used.has(name)) return name;
  let i = 1;
  while (used.has(`userId${i}`)) i++;
  return `userId${i}`;
}

/** The statement directly in `body` that holds `node`. */
function statementIn(body: ts.Block, node: ts.Node): ts.Statement {
  let n = node;
  while (n.parent !== body) n = n.parent;
  return n as ts.Statement;
}

/** `{ userId: USER_ID }` read through the local `userId`: the property becomes the shorthand `{ userId }`. */
function sameNamedProperty(read: ValueRead, local: string, text: string): { start: number; end: number; text: string } | undefined {
  const p = read.node.parent;
  if (!p || !typescript.isPropertyAssignment(p) || p.initializer !== read.node || !typescript.isIdentifier(p.name) || p.name.text !== local || read.render(local) !== local) return undefined;
  // A comment between the name and the value would be lost.
  return /^\s*:\s*$/.test(text.slice(p.name.end, read.node.getStart())) ? { start: p.getStart(), end: p.end, text: local } : undefined;
}

/** Splices for every read: through a local in bodies that read more than once, else an inline call. */
export function emitReads(m: FileMigration, accessorLocal: string): void {
  const byBody = new Map<ts.Block, ValueRead[]>();
  for (const read of m.reads) {
    const body = bodyOf(read.node);
    if (body && !isDerivedConstructor(body)) byBody.set(body, [...(byBody.get(body) ?? []), read]);
  }
  const viaLocal = new Set<ValueRead>();
  for (const [body, reads] of byBody) {
    if (reads.length < 2) continue;
    const sorted = [...reads].sort((a, b) => a.node.getStart() - b.node.getStart());
    const local = freeLocal(body);
    const at = statementIn(body, sorted[0]!.node).getStart();
    const { eol, semi } = m.layout;
    m.splices.push({ start: at, end: at, text: `const ${local} = ${sorted[0]!.call(accessorLocal)}${semi}${eol}${lineIndentAt(m.text, at)}` });
    for (const read of reads) {
      m.splices.push(sameNamedProperty(read, local, m.text) ?? { start: read.node.getStart(), end: read.node.end, text: read.render(local) });
      viaLocal.add(read);
    }
  }
  for (const read of m.reads) {
    if (!viaLocal.has(read)) m.splices.push({ start: read.node.getStart(), end: read.node.end, text: read.render(read.call(accessorLocal)) });
  }
}
