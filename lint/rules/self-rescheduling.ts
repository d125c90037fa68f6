// Which function a setTimeout callback leads back to: the recursion that makes a one-shot timer
// a polling loop. Functions are known by how code refers to them (a name, or `this.<member>` of
// one class), and a loop may run through helpers (`tick` -> `scheduleNext` -> `tick`).
import type ts from 'typescript';
import { typescript } from '../../parse/ts-api.js';
import { nodesOf, walk } from '../../parse/ts-bindings.js';

/** How code refers to a function: by a plain name, or as `this.<member>` of one class. */
export interface Ref {
  kind: 'name' | 'member';
  name: string;
  /** For members: the class (or object literal) `this` belongs to, so equal names in two classes differ. */
  owner?: ts.Node;
}

/** The class or object literal whose members `this` reaches at `node` (arrows keep the outer `this`). */
function thisOwner(node: ts.Node): ts.Node | undefined {
  for (let cur = node.parent; cur; cur = cur.parent) {
    if (typescript.isClassLike(cur)) return cur;
    if (typescript.isFunctionLike(cur) && !typescript.isArrowFunction(cur)) {
      const holder = typescript.isPropertyAssignment(cur.parent) ? cur.parent.parent : cur.parent;
      return typescript.isClassLike(holder) || typescript.isObjectLiteralExpression(holder) ? holder : undefined;
    }
  }
  return undefined;
}

function propertyNameText(name: ts.PropertyName): string | undefined {
  return typescript.isIdentifier(name) || typescript.isPrivateIdentifier(name) || typescript.isStringLiteral(name) ? name.text : undefined;
}

/** The names under which a function can call itself. */
function selfRefs(fn: ts.Node): Ref[] {
  const refs: Ref[] = [];
  if ((typescript.isFunctionDeclaration(fn) || typescript.isFunctionExpression(fn)) && fn.name) refs.push({ kind: 'name', name: fn.name.text });
  if (typescript.isMethodDeclaration(fn)) {
    const name = propertyNameText(fn.name);
    if (name) refs.push({ kind: 'member', name, owner: fn.parent });
  }
  if (typescript.isArrowFunction(fn) || typescript.isFunctionExpression(fn)) {
    const parent = fn.parent;
    if (typescript.isVariableDeclaration(parent) && typescript.isIdentifier(parent.name)) refs.push({ kind: 'name', name: parent.name.text });
    if ((typescript.isPropertyDeclaration(parent) || typescript.isPropertyAssignment(parent)) && propertyNameText(parent.name)) {
      refs.push({ kind: 'member', name: propertyNameText(parent.name)!, owner: parent.parent });
    }
    if (typescript.isBinaryExpression(parent) && parent.operatorToken.kind === typescript.SyntaxKind.EqualsToken && parent.right === fn) {
      const target = parent.left;
      if (typescript.isIdentifier(target)) refs.push({ kind: 'name', name: target.text });
      if (typescript.isPropertyAccessExpression(target) && target.expression.kind === typescript.SyntaxKind.ThisKeyword) {
        refs.push({ kind: 'member', name: target.name.text, owner: thisOwner(target) });
      }
    }
  }
  return refs;
}

/** `poll`, `this.poll`, `this.poll.bind(this)`, `poll.bind(null)` as a Ref. */
function refOf(expr: ts.Expression): Ref | undefined {
  let e = expr;
  while (typescript.isParenthesizedExpression(e)) e = e.expression;
  if (typescript.isCallExpression(e) && typescript.isPropertyAccessExpression(e.expression) && e.expression.name.text === 'bind') {
    return refOf(e.expression.expression);
  }
  if (typescript.isIdentifier(e)) return { kind: 'name', name: e.text };
  if (typescript.isPropertyAccessExpression(e) && e.expression.kind === typescript.SyntaxKind.ThisKeyword) {
    return { kind: 'member', name: e.name.text, owner: thisOwner(e) };
  }
  return undefined;
}

const sameRef = (a: Ref, b: Ref): boolean => a.kind === b.kind && a.name === b.name && a.owner === b.owner;

const calledRefsCache = new WeakMap<ts.Node, Ref[]>();
const REMOVAL = /^(?:remove\w*Listener|removeAllListeners|off|unsubscribe|clear\w*|delete)$/;

function callName(callee: ts.Expression): string {
  return typescript.isIdentifier(callee) ? callee.text : typescript.isPropertyAccessExpression(callee) ? callee.name.text : '';
}

/** Functions a piece of code calls (or hands on as a bound reference), by Ref. */
function calledRefs(code: ts.Node): Ref[] {
  const cached = calledRefsCache.get(code);
  if (cached) return cached;
  const out: Ref[] = [];
  calledRefsCache.set(code, out);
  walk(code, (node) => {
    if (typescript.isCallExpression(node)) {
      const ref = refOf(node.expression);
      if (ref) out.push(ref);
      // Handing the function on (`setTimeout(poll)`, `.then(this.poll.bind(this))`) calls it later,
      // unless the call takes it off a list (`removeListener('socket', startTimer)`).
      if (REMOVAL.test(callName(node.expression))) return;
      for (const arg of node.arguments) {
        const passed = refOf(arg);
        if (passed) out.push(passed);
      }
    }
  });
  return out;
}

/** Named functions and methods of the file, so a loop through a helper (`tick` -> `scheduleNext`) is seen. */
export function functionsByRef(sf: ts.SourceFile): Array<{ ref: Ref; fn: ts.Node }> {
  const out: Array<{ ref: Ref; fn: ts.Node }> = [];
  for (const node of nodesOf(sf)) {
    if (typescript.isFunctionLike(node)) for (const ref of selfRefs(node)) out.push({ ref, fn: node });
  }
  return out;
}

function reaches(from: Ref, target: Ref, functions: Array<{ ref: Ref; fn: ts.Node }>, seen = new Set<Ref>()): boolean {
  if (sameRef(from, target)) return true;
  if (seen.has(from)) return false;
  seen.add(from);
  return functions
    .filter((f) => sameRef(f.ref, from) && 'body' in f.fn && f.fn.body)
    .some((f) => calledRefs((f.fn as ts.FunctionLikeDeclaration).body!).some((r) => reaches(r, target, functions, seen)));
}

export function displayRef(ref: Ref): string {
  return ref.kind === 'member' ? `this.${ref.name}` : ref.name;
}

/** The enclosing function the timeout's callback leads back to, and the helper it goes through. */
export function rescheduledFunction(call: ts.CallExpression, functions: Array<{ ref: Ref; fn: ts.Node }>): { self: Ref; via?: Ref } | undefined {
  const callback = call.arguments[0];
  if (!callback) return undefined;
  const direct = refOf(callback);
  const invoked = direct ? [direct] : typescript.isArrowFunction(callback) || typescript.isFunctionExpression(callback) ? calledRefs(callback.body) : [];
  for (let fn: ts.Node | undefined = call.parent; fn && !typescript.isSourceFile(fn); fn = fn.parent) {
    if (!typescript.isFunctionLike(fn) || fn === callback) continue;
    for (const self of selfRefs(fn)) {
      if (invoked.some((r) => sameRef(r, self))) return { self };
      const via = invoked.find((r) => reaches(r, self, functions));
      if (via) return { self, via };
    }
  }
  return undefined;
}

