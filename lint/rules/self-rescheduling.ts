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

/** A call to a function of the file, or a function handed on (`setTimeout(poll)`) to be called later. */
interface CallSite {
  ref: Ref;
  node: ts.CallExpression;
  /** The call's own callee; false for a function passed as an argument. */
  direct: boolean;
}

// Per file (see parse/file-memo.ts: a WeakMap keyed by nodes would keep every linted tree alive through minor GCs).
const callSitesMemo: Record<Reach, WeakMap<ts.SourceFile, Map<ts.Node, CallSite[]>>> = { all: fileMemo(), 'same-turn': fileMemo() };

/** The calls of a piece of code that reach functions known by Ref. */
function callSites(code: ts.Node, reach: Reach): CallSite[] {
  const sf = code.getSourceFile();
  let byCode = callSitesMemo[reach].get(sf);
  if (!byCode) callSitesMemo[reach].set(sf, (byCode = new Map()));
  const cached = byCode.get(code);
  if (cached) return cached;
  const out: CallSite[] = [];
  byCode.set(code, out);
  const visit = (node: ts.Node): void => {
    if (reach === 'same-turn' && node !== code && isEventHandler(node)) return;
    if (typescript.isCallExpression(node)) {
      const ref = refOf(node.expression);
      if (ref) out.push({ ref, node, direct: true });
      // Handing the function on (`setTimeout(poll)`, `.then(this.poll.bind(this))`) calls it later,
      // unless the call takes it off a list (`removeListener('socket', startTimer)`).
      if (!REMOVAL.test(callName(node.expression))) {
        for (const arg of node.arguments) {
          const passed = refOf(arg);
          if (passed) out.push({ ref: passed, node, direct: false });
        }
      }
    }
    typescript.forEachChild(node, visit);
  };
  visit(code);
  return out;
}

/**
 * What is known of a called function's arguments, by position: the string-valued properties of
 * an object literal (`dispatch({ type: 'REMOVE_TOAST' })`), passed on when the function hands the
 * same parameter to the next one (`reducer(state, action)`).
 */
type ArgTags = ReadonlyArray<ReadonlyMap<string, string> | undefined>;

/**
 * A value a tag can be compared by: a string literal, or a member of an enum or constant object
 * (`ActionType.Remove`), kept apart so that the two forms are never compared with each other.
 */
function tagValue(expr: ts.Expression): string | undefined {
  if (typescript.isStringLiteralLike(expr)) return `"${expr.text}`;
  if (typescript.isPropertyAccessExpression(expr) && typescript.isIdentifier(expr.expression)) return `.${expr.expression.text}.${expr.name.text}`;
  return undefined;
}

/** Whether two tag values are known to differ. */
function differ(a: string, b: string): boolean {
  return a[0] === b[0] && a !== b;
}

function literalTags(arg: ts.Expression): Map<string, string> | undefined {
  if (!typescript.isObjectLiteralExpression(arg)) return undefined;
  const tags = new Map<string, string>();
  for (const p of arg.properties) {
    if (!typescript.isPropertyAssignment(p)) continue;
    const name = propertyNameText(p.name);
    const value = tagValue(p.initializer);
    if (name !== undefined && value !== undefined) tags.set(name, value);
  }
  return tags.size > 0 ? tags : undefined;
}

/** Tags of each argument of a direct call, given the tags of the caller's parameters by name. */
function argTagsOf(site: CallSite, params: ReadonlyMap<string, ReadonlyMap<string, string>>): ArgTags {
  if (!site.direct) return [];
  return site.node.arguments.map((a) => literalTags(a) ?? (typescript.isIdentifier(a) ? params.get(a.text) : undefined));
}

function paramTags(fn: ts.Node, tags: ArgTags): Map<string, ReadonlyMap<string, string>> {
  const byName = new Map<string, ReadonlyMap<string, string>>();
  if (!typescript.isFunctionLike(fn)) return byName;
  fn.parameters.forEach((p, i) => {
    const t = tags[i];
    if (t && typescript.isIdentifier(p.name)) byName.set(p.name.text, t);
  });
  return byName;
}

/** The known value of the tag `expr` reads (`action.type` where `action` is a tagged parameter). */
function taggedRead(expr: ts.Expression, params: ReadonlyMap<string, ReadonlyMap<string, string>>): string | undefined {
  if (!typescript.isPropertyAccessExpression(expr) || !typescript.isIdentifier(expr.expression)) return undefined;
  return params.get(expr.expression.text)?.get(expr.name.text);
}

/**
 * A call under `case 'DISMISS_TOAST':` of `switch (action.type)`, or under `if (action.type ===
 * 'X')`, never runs when the action is known to carry another type: a reducer's other branches
 * are not a way back.
 */
function excludedByTags(site: CallSite, stop: ts.Node, params: ReadonlyMap<string, ReadonlyMap<string, string>>): boolean {
  if (params.size === 0) return false;
  for (let child: ts.Node = site.node, cur = child.parent; cur && cur !== stop; child = cur, cur = cur.parent) {
    if (typescript.isCaseClause(cur) && typescript.isSwitchStatement(cur.parent.parent)) {
      const known = taggedRead(cur.parent.parent.expression, params);
      if (known === undefined) continue;
      // The clause's own label and those of empty clauses falling into it; `default` may run for any tag.
      const clauses = cur.parent.clauses;
      const index = clauses.indexOf(cur);
      const entries: ts.CaseOrDefaultClause[] = [cur];
      for (let i = index - 1; i >= 0 && clauses[i]!.statements.length === 0; i--) entries.push(clauses[i]!);
      const labels = entries.map((c) => (typescript.isCaseClause(c) ? tagValue(c.expression) : undefined));
      if (labels.every((v) => v !== undefined && differ(v, known))) return true;
    }
    if (typescript.isIfStatement(cur) && child === cur.thenStatement && typescript.isBinaryExpression(cur.expression)) {
      const { left, right, operatorToken } = cur.expression;
      const K = typescript.SyntaxKind;
      if (operatorToken.kind !== K.EqualsEqualsEqualsToken && operatorToken.kind !== K.EqualsEqualsToken) continue;
      const known = taggedRead(left, params) ?? taggedRead(right, params);
      const value = tagValue(taggedRead(left, params) !== undefined ? right : left);
      if (known !== undefined && value !== undefined && differ(value, known)) return true;
    }
  }
  return false;
}

/** Named functions and methods of the file, so a loop through a helper (`tick` -> `scheduleNext`) is seen. */
export function functionsByRef(sf: ts.SourceFile): Array<{ ref: Ref; fn: ts.Node }> {
  const out: Array<{ ref: Ref; fn: ts.Node }> = [];
  for (const node of nodesOf(sf)) {
    if (typescript.isFunctionLike(node)) for (const ref of selfRefs(node)) out.push({ ref, fn: node });
  }
  return out;
}

function tagsKey(tags: ArgTags): string {
  return tags.map((t) => (t ? [...t].join(',') : '')).join('|');
}

/** Whether calling `from` (with arguments tagged `tags`) leads to `target`. */
function reaches(from: Ref, tags: ArgTags, target: Ref, functions: Array<{ ref: Ref; fn: ts.Node }>, reach: Reach, seen = new Map<string, Set<ts.Node | undefined>>()): boolean {
  if (sameRef(from, target)) return true;
  const key = `${from.kind}:${from.name}:${tagsKey(tags)}`;
  const owners = seen.get(key) ?? new Set<ts.Node | undefined>();
  if (owners.has(from.owner)) return false;
  seen.set(key, owners.add(from.owner));
  return functions
    .filter((f) => sameRef(f.ref, from) && 'body' in f.fn && f.fn.body)
    .some((f) => {
      const body = (f.fn as ts.FunctionLikeDeclaration).body!;
      const params = paramTags(f.fn, tags);
      return callSites(body, reach).some((s) => !excludedByTags(s, body, params) && reaches(s.ref, argTagsOf(s, params), target, functions, reach, seen));
    });
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
  const none = new Map<string, ReadonlyMap<string, string>>();
  const invoked: Array<{ ref: Ref; tags: ArgTags }> = direct
    ? [{ ref: direct, tags: [] }]
    : typescript.isArrowFunction(callback) || typescript.isFunctionExpression(callback)
      ? callSites(callback.body, 'all').map((s) => ({ ref: s.ref, tags: argTagsOf(s, none) }))
      : [];
  for (let fn: ts.Node | undefined = call.parent; fn && !typescript.isSourceFile(fn); fn = fn.parent) {
    if (!typescript.isFunctionLike(fn) || fn === callback) continue;
    for (const self of selfRefs(fn)) {
      if (invoked.some((i) => sameRef(i.ref, self))) return { self, fn, onEvent: false };
      const via = invoked.find((i) => reaches(i.ref, i.tags, self, functions, 'all'));
      if (via) return { self, fn, via: via.ref, onEvent: !invoked.some((i) => reaches(i.ref, i.tags, self, functions, 'same-turn')) };
    }
  }
  return undefined;
}
