// Which function a setTimeout callback leads back to: the recursion that makes a one-shot timer
// a polling loop. Functions are known by how code refers to them (a name, or `this.<member>` of
// one class), and a loop may run through helpers (`tick` -> `scheduleNext` -> `tick`).
import type ts from 'typescript';
import { typescript } from '../../parse/ts-api.js';
import { fileMemo } from '../../parse/file-memo.js';
import { nodesOf } from '../../parse/ts-bindings.js';

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

const REMOVAL = /^(?:remove\w*Listener|removeAllListeners|off|unsubscribe|clear\w*|delete)$/;
const LISTEN = /^(?:addEventListener|addListener|on|once|prependListener|prependOnceListener)$/;
/** `onClose`, `on_error`, and the DOM's lowercase `onclose`, `onmessage`. */
const HANDLER_NAME = /^on(?:[A-Z_]\w*|close|error|open|message|end|exit|abort|timeout|disconnect)$/;

function callName(callee: ts.Expression): string {
  return typescript.isIdentifier(callee) ? callee.text : typescript.isPropertyAccessExpression(callee) ? callee.name.text : '';
}

/**
 * A function that runs when something happens rather than when it is called: a handler given
 * by name (`{ onClose() {...} }`, `ws.onclose = () => ...`) or registered for an event
 * (`socket.on('close', ...)`, `addEventListener('error', ...)`).
 */
function isEventHandler(fn: ts.Node): boolean {
  const parent = fn.parent;
  if (typescript.isMethodDeclaration(fn) && typescript.isObjectLiteralExpression(parent)) return HANDLER_NAME.test(propertyNameText(fn.name) ?? '');
  if (!typescript.isArrowFunction(fn) && !typescript.isFunctionExpression(fn)) return false;
  if (typescript.isPropertyAssignment(parent)) return HANDLER_NAME.test(propertyNameText(parent.name) ?? '');
  if (typescript.isBinaryExpression(parent) && parent.right === fn && parent.operatorToken.kind === typescript.SyntaxKind.EqualsToken) {
    return typescript.isPropertyAccessExpression(parent.left) && HANDLER_NAME.test(parent.left.name.text);
  }
  return typescript.isCallExpression(parent) && LISTEN.test(callName(parent.expression)) && parent.arguments.length >= 2 && typescript.isStringLiteralLike(parent.arguments[0]!) && parent.arguments.includes(fn as ts.Expression);
}

/** How far a call graph follows calls: into event handlers too, or only what runs in the caller's turn. */
type Reach = 'all' | 'same-turn';
// Per file (see parse/file-memo.ts: a WeakMap keyed by nodes would keep every linted tree alive through minor GCs).
const calledRefsMemo: Record<Reach, WeakMap<ts.SourceFile, Map<ts.Node, Ref[]>>> = { all: fileMemo(), 'same-turn': fileMemo() };

/** Functions a piece of code calls (or hands on as a bound reference), by Ref. */
function calledRefs(code: ts.Node, reach: Reach): Ref[] {
  const sf = code.getSourceFile();
  let byCode = calledRefsMemo[reach].get(sf);
  if (!byCode) calledRefsMemo[reach].set(sf, (byCode = new Map()));
  const cached = byCode.get(code);
  if (cached) return cached;
  const out: Ref[] = [];
  byCode.set(code, out);
  const visit = (node: ts.Node): void => {
    if (reach === 'same-turn' && node !== code && isEventHandler(node)) return;
    if (typescript.isCallExpression(node)) {
      const ref = refOf(node.expression);
      if (ref) out.push(ref);
      // Handing the function on (`setTimeout(poll)`, `.then(this.poll.bind(this))`) calls it later,
      // unless the call takes it off a list (`removeListener('socket', startTimer)`).
      if (!REMOVAL.test(callName(node.expression))) {
        for (const arg of node.arguments) {
          const passed = refOf(arg);
          if (passed) out.push(passed);
        }
      }
    }
    typescript.forEachChild(node, visit);
  };
  visit(code);
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

function reaches(from: Ref, target: Ref, functions: Array<{ ref: Ref; fn: ts.Node }>, reach: Reach, seen = new Set<Ref>()): boolean {
  if (sameRef(from, target)) return true;
  if (seen.has(from)) return false;
  seen.add(from);
  return functions
    .filter((f) => sameRef(f.ref, from) && 'body' in f.fn && f.fn.body)
    .some((f) => calledRefs((f.fn as ts.FunctionLikeDeclaration).body!, reach).some((r) => reaches(r, target, functions, reach, seen)));
}

export function displayRef(ref: Ref): string {
  return ref.kind === 'member' ? `this.${ref.name}` : ref.name;
}

export interface Rescheduling {
  /** The function that runs again. */
  self: Ref;
  fn: ts.Node;
  /** The helper the timer's callback goes through to get back to it. */
  via?: Ref;
  /** The way back runs through an event handler: the function runs again when that event fires, not on the clock alone. */
  onEvent: boolean;
}

/** The enclosing function the timeout's callback leads back to, and the helper it goes through. */
export function rescheduledFunction(call: ts.CallExpression, functions: Array<{ ref: Ref; fn: ts.Node }>): Rescheduling | undefined {
  const callback = call.arguments[0];
  if (!callback) return undefined;
  const direct = refOf(callback);
  const invoked = direct ? [direct] : typescript.isArrowFunction(callback) || typescript.isFunctionExpression(callback) ? calledRefs(callback.body, 'all') : [];
  for (let fn: ts.Node | undefined = call.parent; fn && !typescript.isSourceFile(fn); fn = fn.parent) {
    if (!typescript.isFunctionLike(fn) || fn === callback) continue;
    for (const self of selfRefs(fn)) {
      if (invoked.some((r) => sameRef(r, self))) return { self, fn, onEvent: false };
      const via = invoked.find((r) => reaches(r, self, functions, 'all'));
      if (via) return { self, fn, via, onEvent: !invoked.some((r) => reaches(r, self, functions, 'same-turn')) };
    }
  }
  return undefined;
}
