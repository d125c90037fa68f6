// Recognising timers in TS/JS, for polling-timeout and for manager-class's evidence: which call
// starts a timer (the global or `timers` setTimeout/setInterval, or an interval helper such as a
// daemon base class's `registerInterval`), and which awaited expression is a sleep
// (`new Promise(r => setTimeout(r, ms))`, `timers/promises`, a `sleep` helper).
import type ts from 'typescript';
import { fileMemo } from '../../parse/file-memo.js';
import { typescript } from '../../parse/ts-api.js';
import { declaringScope, nodesOf, resolveModuleBinding, walk, type ModuleBinding } from '../../parse/ts-bindings.js';

export type Timer = 'setTimeout' | 'setInterval';
const GLOBAL_OBJECTS = new Set(['globalThis', 'window', 'global', 'self']);
const TIMER_MODULES = new Set(['timers', 'node:timers']);
const PROMISE_TIMER_MODULES = new Set(['timers/promises', 'node:timers/promises']);

/** The name a call is made through: `f(...)`, `this.f(...)`, `obj.f(...)`. */
export function calleeName(call: ts.CallExpression): string | undefined {
  const callee = call.expression;
  if (typescript.isIdentifier(callee)) return callee.text;
  if (typescript.isPropertyAccessExpression(callee)) return callee.name.text;
  return undefined;
}

/** Which timer a call starts: the global one, `globalThis.setTimeout`, or one imported from `timers`. */
export function timerOf(call: ts.CallExpression, bindings: readonly ModuleBinding[]): Timer | undefined {
  const callee = call.expression;
  let name: string | undefined;
  if (typescript.isIdentifier(callee)) {
    name = callee.text;
    if (name !== 'setTimeout' && name !== 'setInterval') return undefined;
    if (declaringScope(call, name)) {
      const binding = resolveModuleBinding(bindings, call, name);
      if (!binding || !TIMER_MODULES.has(binding.module)) return undefined;
    }
  } else if (typescript.isPropertyAccessExpression(callee) && typescript.isIdentifier(callee.expression) && GLOBAL_OBJECTS.has(callee.expression.text)) {
    name = callee.name.text;
  }
  return name === 'setTimeout' || name === 'setInterval' ? name : undefined;
}

export function isFunctionExpr(e: ts.Node | undefined): e is ts.ArrowFunction | ts.FunctionExpression {
  return e !== undefined && (typescript.isArrowFunction(e) || typescript.isFunctionExpression(e));
}

/** `Date.now()` or `performance.now()`: a read of the clock, which looks at nothing else. */
export function isClockRead(node: ts.Node): boolean {
  return typescript.isCallExpression(node) && node.arguments.length === 0 && /^(?:Date\.now|performance\.now)$/.test(node.expression.getText());
}

/** `new Promise(r => setTimeout(r, ms))`, also with a block body or `() => r()` as the callback. */
export function isTimerPromise(expr: ts.Expression, bindings: readonly ModuleBinding[]): boolean {
  if (!typescript.isNewExpression(expr) || !typescript.isIdentifier(expr.expression) || expr.expression.text !== 'Promise') return false;
  const executor = expr.arguments?.[0];
  if (!isFunctionExpr(executor) || executor.parameters.length === 0) return false;
  const resolveName = typescript.isIdentifier(executor.parameters[0]!.name) ? executor.parameters[0]!.name.text : undefined;
  if (!resolveName) return false;
  let found = false;
  walk(executor.body, (node) => {
    if (found || !typescript.isCallExpression(node) || timerOf(node, bindings) !== 'setTimeout') return;
    const cb = node.arguments[0];
    if (cb && typescript.isIdentifier(cb) && cb.text === resolveName) found = true;
    else if (isFunctionExpr(cb)) {
      walk(cb.body, (inner) => {
        if (typescript.isCallExpression(inner) && typescript.isIdentifier(inner.expression) && inner.expression.text === resolveName) found = true;
      });
    }
  });
  return found;
}

/** `setTimeout(ms)` from `timers/promises` (named or through the module object). */
function isPromiseTimer(call: ts.CallExpression, bindings: readonly ModuleBinding[]): boolean {
  const callee = call.expression;
  if (typescript.isIdentifier(callee)) {
    const b = resolveModuleBinding(bindings, call, callee.text);
    return b !== undefined && PROMISE_TIMER_MODULES.has(b.module) && b.kind === 'named' && b.imported === 'setTimeout';
  }
  if (typescript.isPropertyAccessExpression(callee) && callee.name.text === 'setTimeout' && typescript.isIdentifier(callee.expression)) {
    const b = resolveModuleBinding(bindings, call, callee.expression.text);
    return b !== undefined && PROMISE_TIMER_MODULES.has(b.module) && b.kind !== 'named';
  }
  return false;
}

/** The names a function can be called by: its own, its variable's, or its property's. */
export function functionNames(fn: ts.Node): string[] {
  const names: string[] = [];
  if ((typescript.isFunctionDeclaration(fn) || typescript.isFunctionExpression(fn)) && fn.name) names.push(fn.name.text);
  if (typescript.isMethodDeclaration(fn) && (typescript.isIdentifier(fn.name) || typescript.isPrivateIdentifier(fn.name))) names.push(fn.name.text);
  if (isFunctionExpr(fn)) {
    const parent = fn.parent;
    if ((typescript.isVariableDeclaration(parent) || typescript.isPropertyDeclaration(parent) || typescript.isPropertyAssignment(parent)) && typescript.isIdentifier(parent.name)) {
      names.push(parent.name.text);
    }
  }
  return names;
}

export interface TimerContext {
  bindings: readonly ModuleBinding[];
  /** Names of sleep helpers: the configured ones plus those the file defines. */
  sleepers: ReadonlySet<string>;
  /** Names of interval helpers: the configured ones plus those the file defines. */
  intervalHelpers: ReadonlySet<string>;
}

const contexts = fileMemo<Map<string, TimerContext>>();

/**
 * The file's timer vocabulary. A function of the file is a sleep helper when it awaits or
 * returns a timer promise in a body of at most three statements; it is an interval helper when
 * it hands one of its parameters to setInterval (`registerInterval(name, fn, ms)`).
 */
export function timerContext(sf: ts.SourceFile, bindings: readonly ModuleBinding[], sleepHelpers: readonly string[], intervalHelpers: readonly string[]): TimerContext {
  const key = `${sleepHelpers.join(',')}|${intervalHelpers.join(',')}`;
  let perFile = contexts.get(sf);
  const cached = perFile?.get(key);
  if (cached) return cached;
  const sleepers = new Set(sleepHelpers);
  const helpers = new Set(intervalHelpers);
  // One pass over the file: each timer promise or parameter-running setInterval names every
  // function whose body holds it (what walking each named function's body would find, without
  // walking nested bodies once per enclosing function).
  for (const node of nodesOf(sf)) {
    const sleeps = typescript.isNewExpression(node) && isTimerPromise(node, bindings);
    const intervals = !sleeps && typescript.isCallExpression(node) && timerOf(node, bindings) === 'setInterval' && runsParameter(node);
    if (!sleeps && !intervals) continue;
    for (let child: ts.Node = node, fn = node.parent; fn; child = fn, fn = fn.parent) {
      if (!typescript.isFunctionLike(fn) || !('body' in fn) || fn.body !== child) continue;
      const body = fn.body as ts.Node;
      const small = !typescript.isBlock(body) || body.statements.length <= 3;
      for (const name of functionNames(fn)) {
        if (sleeps && small) sleepers.add(name);
        if (intervals) helpers.add(name);
      }
    }
  }
  const context: TimerContext = { bindings, sleepers, intervalHelpers: helpers };
  if (!perFile) contexts.set(sf, (perFile = new Map()));
  perFile.set(key, context);
  return context;
}

export interface Sleep {
  /** The expression that waits. */
  node: ts.Expression;
  /** The duration argument, when there is one. */
  duration?: ts.Expression;
}

/** An expression that resolves after a delay: a timer promise or a call of a sleep helper. */
export function sleepOf(expr: ts.Expression, ctx: TimerContext): Sleep | undefined {
  let e = expr;
  while (typescript.isParenthesizedExpression(e)) e = e.expression;
  if (typescript.isNewExpression(e) && isTimerPromise(e, ctx.bindings)) {
    let duration: ts.Expression | undefined;
    walk(e, (n) => {
      if (!duration && typescript.isCallExpression(n) && timerOf(n, ctx.bindings) === 'setTimeout') duration = n.arguments[1];
    });
    return { node: e, ...(duration ? { duration } : {}) };
  }
  if (!typescript.isCallExpression(e)) return undefined;
  if (isPromiseTimer(e, ctx.bindings)) return { node: e, ...(e.arguments[0] ? { duration: e.arguments[0] } : {}) };
  const name = calleeName(e);
  // A helper takes the duration alone; `delay(fn, ms)`, `wait(() => ready)` or `cond.wait()` is something else.
  if (name && ctx.sleepers.has(name) && e.arguments.length === 1 && !isFunctionExpr(e.arguments[0])) return { node: e, duration: e.arguments[0]! };
  return undefined;
}

export interface IntervalStart {
  call: ts.CallExpression;
  /** `setInterval` or the helper's name. */
  via: string;
  callback?: ts.Expression;
  period?: ts.Expression;
  /** A helper's string label, e.g. 'archive-check'. */
  label?: string;
}

/** A call that starts a repeating timer, with its callback, period and label. */
export function intervalStartOf(call: ts.CallExpression, ctx: TimerContext): IntervalStart | undefined {
  if (timerOf(call, ctx.bindings) === 'setInterval') {
    const callback = call.arguments[0];
    // Inside an interval helper, `setInterval` running a parameter is the mechanism; its callers are the uses.
    if (runsParameter(call)) return undefined;
    return { call, via: 'setInterval', ...(callback ? { callback } : {}), ...(call.arguments[1] ? { period: call.arguments[1] } : {}) };
  }
  const name = calleeName(call);
  if (!name || !ctx.intervalHelpers.has(name)) return undefined;
  const args = [...call.arguments];
  // `registerInterval(setInterval(...))` only books a timer started right there: that setInterval is the use.
  if (args.some((a) => typescript.isCallExpression(a) && timerOf(a, ctx.bindings) === 'setInterval')) return undefined;
  const callback = args.find((a) => isFunctionExpr(a) || (typescript.isPropertyAccessExpression(a) && a.expression.kind === typescript.SyntaxKind.ThisKeyword));
  if (!callback) return undefined;
  const label = args.find((a): a is ts.StringLiteral => typescript.isStringLiteralLike(a))?.text;
  const period = args.filter((a) => a !== callback && !typescript.isStringLiteralLike(a)).pop();
  return { call, via: name, ...(callback ? { callback } : {}), ...(period ? { period } : {}), ...(label !== undefined ? { label } : {}) };
}

function enclosingParameters(node: ts.Node): Set<string> {
  for (let cur = node.parent; cur; cur = cur.parent) {
    if (typescript.isFunctionLike(cur)) return new Set(cur.parameters.flatMap((p) => (typescript.isIdentifier(p.name) ? [p.name.text] : [])));
  }
  return new Set();
}

/**
 * `setInterval(fn, ms)` or `setInterval(async () => { await fn(); }, ms)` where `fn` and `ms` are
 * the enclosing function's parameters: a helper that starts whatever interval it is given.
 * (A promise executor's `resolve` called from a 100 ms check is no such helper.)
 */
function runsParameter(call: ts.CallExpression): boolean {
  const [callback, period] = call.arguments;
  if (!callback) return false;
  const params = enclosingParameters(call);
  if (typescript.isIdentifier(callback)) return params.has(callback.text);
  if (!isFunctionExpr(callback) || !period || !typescript.isIdentifier(period) || !params.has(period.text)) return false;
  let runs = false;
  walk(callback.body, (n) => {
    if (typescript.isCallExpression(n) && typescript.isIdentifier(n.expression) && params.has(n.expression.text)) runs = true;
  });
  return runs;
}
