// polling-timeout: code that wakes on a clock to look whether something changed (the seed's
// "setTimeout Rube Goldberg"). Four shapes: a function that re-schedules itself with setTimeout,
// a repeating timer (setInterval or an interval helper such as `registerInterval`), a loop that
// sleeps each turn (`while (this.running) { ...; await this.sleep(ms) }`), and a busy-wait.
// One-shot timeouts, debounces, spinners, keep-alives, bounded retries with back-off, counted
// reconnects after a close event, throttled iteration over a collection, timers that only step a
// component's own state (ui-state-timers.ts) and test files are no polling; sweeps can be allowed
// by period or name in the options.
import type ts from 'typescript';
import picomatch from 'picomatch';
import { typescript } from '../../parse/ts-api.js';
import { moduleBindings, nodesOf, walk } from '../../parse/ts-bindings.js';
import { nameWords } from '../../parse/name-words.js';
import { numericValue } from '../../parse/ts-values.js';
import type { LintProfile, LintRule, RuleMatch, TsParsedFile } from '../types.js';
import { tsMatch } from './match.js';
import { booleanOption, checkKeys, escapeRegExp, matchesGlobs, nonNegativeNumber, stringList } from './options.js';
import { TOKEN_GAP } from './prefilter-text.js';
import { displayRef, functionsByRef, rescheduledFunction, type Ref } from './self-rescheduling.js';
import { onlyStepsOwnState } from './ui-state-timers.js';
import { calleeName, functionNames, isClockRead, isFunctionExpr, intervalStartOf, sleepOf, timerContext, timerOf, type IntervalStart, type Sleep, type TimerContext } from './timers.js';

export interface PollingTimeoutOptions {
  /** Timers and sleeps whose period is at least this many ms are allowed (0: none is). */
  minPeriodMs: number;
  /** Name patterns of allowed periodic work: a helper's label or a called function (`cleanup*`). */
  housekeeping: string[];
  /** Functions that start a repeating timer like setInterval, besides those the file defines. */
  intervalHelpers: string[];
  /** Functions that sleep for their one argument in ms, besides those the file defines. */
  sleepHelpers: string[];
  /** Globs of files where polling is accepted. */
  allowIn: string[];
  /** Whether test files are checked too. */
  tests: boolean;
}

/**
 * Test files: waiting for a condition by polling it (`waitFor(() => ...)`) is how tests wait, and
 * testing libraries' own `waitFor` polls too.
 */
const TEST_FILES = ['*.{test,spec}.*', '__tests__/**', '__mocks__/**', 'test/**', 'tests/**', 'e2e/**'];

const ADVICE: Record<LintProfile, string> = {
  continuum: 'react to events (Events.subscribe) instead',
  persag: 'wait on the event, promise or callback that signals the change instead',
  generic: 'wait on the event, promise or callback that signals the change instead',
};

/** Words of names that say an interval draws (a spinner, a clock) rather than looks for a change. */
const DISPLAY_WORDS = new Set(['spinner', 'spin', 'frame', 'frames', 'animation', 'animate', 'blink', 'cursor', 'progress', 'render', 'redraw', 'draw', 'paint', 'elapsed', 'duration', 'clock', 'countdown', 'display', 'fade', 'rotation', 'carousel', 'slideshow', 'slide', 'marquee', 'typewriter']);
/** Words of names that say an interval keeps a connection alive. */
const KEEPALIVE_WORDS = new Set(['heartbeat', 'keepalive', 'ping']);

/** A name's words (parse/name-words), and each two in a row as one: a word written in two parts (`keepAlive`, `heart_beat`) is still that word. */
function words(name: string): string[] {
  const split = nameWords(name);
  return [...split, ...split.slice(1).map((w, i) => split[i] + w)];
}

function shortText(node: ts.Node, max = 48): string {
  const text = node.getText().replace(/\s+/g, ' ');
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function periodText(period: ts.Expression | undefined): string {
  if (!period) return '';
  const ms = numericValue(period);
  return ms !== undefined ? ` every ${ms} ms` : ` every ${shortText(period, 24)}`;
}

function allowedByPeriod(period: ts.Expression | undefined, options: PollingTimeoutOptions): boolean {
  if (options.minPeriodMs <= 0 || !period) return false;
  const ms = numericValue(period);
  return ms !== undefined && ms >= options.minPeriodMs;
}

function allowedByName(names: readonly string[], options: PollingTimeoutOptions): boolean {
  return options.housekeeping.length > 0 && names.some((n) => picomatch.isMatch(n, options.housekeeping));
}

/** The functions a callback runs: `this.sweep`, `() => this.sweep()`, `function () { sweep(); }`. */
function workNames(callback: ts.Expression | undefined): string[] {
  if (!callback) return [];
  if (typescript.isIdentifier(callback)) return [callback.text];
  if (typescript.isPropertyAccessExpression(callback)) return [callback.name.text];
  const names: string[] = [];
  walk(callback, (n) => {
    if (typescript.isCallExpression(n)) {
      const name = calleeName(n);
      if (name) names.push(name);
    }
  });
  return names;
}

/** The name the timer handle is kept under: `const spinner = setInterval(...)`, `this.renderInterval = setInterval(...).unref()`. */
function holderName(call: ts.CallExpression): string {
  let node: ts.Node = call;
  while (typescript.isPropertyAccessExpression(node.parent) || (typescript.isCallExpression(node.parent) && node.parent.expression === node)) node = node.parent;
  const holder = node.parent;
  if (typescript.isVariableDeclaration(holder) || typescript.isPropertyDeclaration(holder)) return holder.name.getText();
  if (typescript.isBinaryExpression(holder) && holder.operatorToken.kind === typescript.SyntaxKind.EqualsToken) return holder.left.getText();
  return '';
}

/** Names that say the code draws (`updateClock`, `fade`, `onRotationInterval`), and none that it polls (`pollDisplay`). */
function namesDisplay(names: readonly string[]): boolean {
  const all = names.flatMap(words);
  return all.some((w) => DISPLAY_WORDS.has(w)) && !all.some((w) => w === 'poll' || w === 'polling' || w === 'poller');
}

/** `el.textContent = ...` (also `innerHTML`, `innerText`): text written into the page. */
function writesPageText(n: ts.Node): boolean {
  return typescript.isBinaryExpression(n) && n.operatorToken.kind === typescript.SyntaxKind.EqualsToken && typescript.isPropertyAccessExpression(n.left) && /^(?:innerHTML|innerText|textContent)$/.test(n.left.name.text);
}

/**
 * An interval that draws (writes to the terminal, or text into the page without waiting on
 * anything first; a spinner, an elapsed-time clock) or keeps a connection alive (a heartbeat
 * sending pings) wakes on a clock by design, not to look for a change.
 */
function isDisplayOrKeepalive(start: IntervalStart): boolean {
  const names = [holderName(start.call), ...enclosingNames(start.call)];
  let writesToTerminal = false;
  let writesToPage = false;
  let waits = false;
  let sends = false;
  if (start.callback) {
    walk(start.callback, (n) => {
      if (typescript.isPropertyAccessExpression(n) && n.expression.getText() === 'process' && (n.name.text === 'stdout' || n.name.text === 'stderr')) writesToTerminal = true;
      if (writesPageText(n)) writesToPage = true;
      if (typescript.isAwaitExpression(n) || (typescript.isCallExpression(n) && calleeName(n) === 'then')) waits = true;
      if (typescript.isIdentifier(n)) names.push(n.text);
      if (typescript.isCallExpression(n) && /^(?:send|ping|write)$/.test(calleeName(n) ?? '')) sends = true;
    });
  }
  const all = names.flatMap(words);
  if (writesToTerminal || (writesToPage && !waits) || namesDisplay(names)) return true;
  return all.some((w) => KEEPALIVE_WORDS.has(w)) && (sends || !all.includes('ping'));
}

/** What libraries call a function that does nothing (effect's `constVoid`, lodash's `noop`). */
const NO_OP_NAMES = /^(?:noop|nop|constVoid|constUndefined|constNull|doNothing|emptyFunction|emptyFn)$/i;

function hasEmptyBody(fn: ts.Node): boolean {
  if (!typescript.isFunctionLike(fn) || !('body' in fn) || !fn.body) return false;
  const body = fn.body as ts.Node;
  if (typescript.isBlock(body)) return body.statements.length === 0;
  return typescript.isIdentifier(body) ? body.text === 'undefined' : typescript.isVoidExpression(body) || typescript.isLiteralExpression(body);
}

/**
 * A callback that does nothing (`() => {}`, `noop`, effect's `constVoid`, a function of the file
 * with an empty body) looks at nothing: the interval only keeps the process alive.
 */
function doesNothing(callback: ts.Expression | undefined, functions: () => Array<{ ref: Ref; fn: ts.Node }>): boolean {
  if (!callback) return false;
  if (isFunctionExpr(callback)) return hasEmptyBody(callback);
  const name = typescript.isIdentifier(callback) ? callback.text : typescript.isPropertyAccessExpression(callback) ? callback.name.text : undefined;
  if (name === undefined) return false;
  const defined = functions().filter((f) => f.ref.kind === 'name' && f.ref.name === name);
  return defined.length > 0 ? defined.every((f) => hasEmptyBody(f.fn)) : NO_OP_NAMES.test(name);
}

/** A callback that always clears its own timer on its first run. */
function isOneShot(start: IntervalStart): boolean {
  const cb = start.callback;
  if (!isFunctionExpr(cb) || !typescript.isBlock(cb.body)) return false;
  return cb.body.statements.some(
    (s) => typescript.isExpressionStatement(s) && typescript.isCallExpression(s.expression) && calleeName(s.expression) === 'clearInterval',
  );
}

function intervalFinding(start: IntervalStart, options: PollingTimeoutOptions, profile: LintProfile, functions: () => Array<{ ref: Ref; fn: ts.Node }>): RuleMatch | undefined {
  if (isDisplayOrKeepalive(start) || isOneShot(start) || doesNothing(start.callback, functions) || intervalWorksThrough(start)) return undefined;
  if (onlyStepsOwnState(start.callback, start.call.getSourceFile(), functions)) return undefined;
  const names = [...workNames(start.callback), ...(start.label !== undefined ? [start.label] : [])];
  if (allowedByPeriod(start.period, options) || allowedByName(names, options)) return undefined;
  const what = start.via === 'setInterval' ? 'setInterval' : `${start.via}(${start.label !== undefined ? `'${start.label}'` : '...'})`;
  return tsMatch(start.call.expression, `${what} repeats${periodText(start.period)}: polling on a clock; ${ADVICE[profile]}`);
}

/** A retry after a failure: in a catch clause, or under `if (err ...)`. Back-off after an error is no polling. */
function retriesAfterError(node: ts.Node): boolean {
  for (let cur = node.parent; cur && !typescript.isSourceFile(cur); cur = cur.parent) {
    if (typescript.isCatchClause(cur)) return true;
    if (typescript.isIfStatement(cur) && !isWithin(node, cur.elseStatement)) {
      let mentionsError = false;
      walk(cur.expression, (n) => {
        // `if (err)` retries; `if (!err)` carries on after a success.
        const negated = typescript.isPrefixUnaryExpression(n.parent) && n.parent.operator === typescript.SyntaxKind.ExclamationToken;
        if (typescript.isIdentifier(n) && /^(?:e|er|err|error)$/i.test(n.text) && !negated) mentionsError = true;
      });
      if (mentionsError) return true;
    }
    if (typescript.isFunctionLike(cur) && !typescript.isArrowFunction(cur) && !typescript.isFunctionExpression(cur)) return false;
  }
  return false;
}

function isWithin(node: ts.Node, container: ts.Node | undefined): boolean {
  return container !== undefined && node.pos >= container.pos && node.end <= container.end;
}

/** `n++`, `++n`, `n += 1`, `n = n + 1` (also on `this.n`): a count going up. */
function countsUp(node: ts.Node, counter: string): boolean {
  const K = typescript.SyntaxKind;
  if ((typescript.isPostfixUnaryExpression(node) || typescript.isPrefixUnaryExpression(node)) && node.operator === K.PlusPlusToken) return node.operand.getText() === counter;
  if (!typescript.isBinaryExpression(node) || node.left.getText() !== counter) return false;
  if (node.operatorToken.kind === K.PlusEqualsToken) return true;
  const right = node.right;
  return node.operatorToken.kind === K.EqualsToken && typescript.isBinaryExpression(right) && right.operatorToken.kind === K.PlusToken && right.left.getText() === counter;
}

/** The sides of a comparison for `if (cond)` to hold (`holds`) or fail: `low` stays below `high` (`n < max`, `max > n`). */
function comparedSides(cond: ts.Expression, holds: boolean): { low: ts.Expression; high: ts.Expression } | undefined {
  if (!typescript.isBinaryExpression(cond)) return undefined;
  const K = typescript.SyntaxKind;
  const op = cond.operatorToken.kind;
  const below = op === K.LessThanToken || op === K.LessThanEqualsToken;
  const above = op === K.GreaterThanToken || op === K.GreaterThanEqualsToken;
  if (!below && !above) return undefined;
  return below === holds ? { low: cond.left, high: cond.right } : { low: cond.right, high: cond.left };
}

/** The comparisons a condition requires (its `&&` parts) when it holds, or any one of which (`||`) when it fails. */
function requiredComparisons(cond: ts.Expression, holds: boolean): ts.Expression[] {
  while (typescript.isParenthesizedExpression(cond)) cond = cond.expression;
  const joiner = holds ? typescript.SyntaxKind.AmpersandAmpersandToken : typescript.SyntaxKind.BarBarToken;
  if (typescript.isBinaryExpression(cond) && cond.operatorToken.kind === joiner) return [...requiredComparisons(cond.left, holds), ...requiredComparisons(cond.right, holds)];
  return [cond];
}

/** What must hold for the timer to be set again: the conditions of the `if`s around it, and of the guards before it that stop the chain. */
interface Guard {
  cond: ts.Expression;
  /** Whether the timer is set when `cond` holds (an `if` around it) or when it fails (a guard that stops). */
  holds: boolean;
}

/** `if (cond) { ...; setTimeout(...) }` around the call, and `if (cond) return;` before it in the function. */
function guardsOf(call: ts.Node, fn: ts.Node): Guard[] {
  const guards: Guard[] = [];
  for (let child: ts.Node = call, cur = call.parent; cur && child !== fn; child = cur, cur = cur.parent) {
    if (typescript.isIfStatement(cur) && child === cur.thenStatement) guards.push({ cond: cur.expression, holds: true });
    if (typescript.isBlock(cur)) {
      for (const s of cur.statements) {
        if (s === child) break;
        if (typescript.isIfStatement(s) && !s.elseStatement && leaves(s.thenStatement)) guards.push({ cond: s.expression, holds: false });
      }
    }
  }
  return guards;
}

/** Counts the guards keep below a limit, each with its limit. */
function countLimits(guards: readonly Guard[]): Array<{ low: ts.Expression; high: ts.Expression }> {
  return guards.flatMap((g) => requiredComparisons(g.cond, g.holds).map((c) => comparedSides(c, g.holds)).filter((c) => c !== undefined));
}

function raisedIn(fn: ts.Node, counter: ts.Expression): boolean {
  const text = counter.getText();
  let raised = false;
  walk(fn, (n) => {
    if (!raised && countsUp(n, text)) raised = true;
  });
  return raised;
}

/**
 * The timer is set only while a count it raises stays below a limit: under `if (n < max)`, or
 * after `if (n >= max) return`, with `n++` in the same function. Such a chain runs a bounded
 * number of times.
 */
function boundedByCount(call: ts.CallExpression, fn: ts.Node): boolean {
  return countLimits(guardsOf(call, fn)).some((l) => raisedIn(fn, l.low));
}

/** `!item`, `item === undefined`, `item == null`: the name of an item found missing. */
function missingName(cond: ts.Expression, holds: boolean): string | undefined {
  while (typescript.isParenthesizedExpression(cond)) cond = cond.expression;
  const K = typescript.SyntaxKind;
  if (!holds && typescript.isPrefixUnaryExpression(cond) && cond.operator === K.ExclamationToken && typescript.isIdentifier(cond.operand)) return cond.operand.text;
  if (holds && typescript.isIdentifier(cond)) return cond.text;
  if (!typescript.isBinaryExpression(cond) || !typescript.isIdentifier(cond.left)) return undefined;
  const nothing = cond.right.kind === K.NullKeyword || (typescript.isIdentifier(cond.right) && cond.right.text === 'undefined');
  const op = cond.operatorToken.kind;
  const equal = op === K.EqualsEqualsEqualsToken || op === K.EqualsEqualsToken;
  const unequal = op === K.ExclamationEqualsEqualsToken || op === K.ExclamationEqualsToken;
  return nothing && (holds ? unequal : equal) ? cond.left.text : undefined;
}

/** `const ref = refs.shift()`: the name holds the next item taken off a collection. */
function takenOff(name: string, fn: ts.Node): boolean {
  let taken = false;
  walk(fn, (n) => {
    if (taken || !typescript.isVariableDeclaration(n) || !typescript.isIdentifier(n.name) || n.name.text !== name || !n.initializer) return;
    const init = n.initializer;
    taken = typescript.isCallExpression(init) && typescript.isPropertyAccessExpression(init.expression) && /^(?:shift|pop)$/.test(init.expression.name.text);
  });
  return taken;
}

/**
 * The chain works through a collection and stops at its end: a count it raises stays below the
 * collection's size (`if (i < chunks.length) { ...; i++; setTimeout(next) }`), or it goes on only
 * while it takes an item off (`const ref = refs.shift(); if (!ref) return;`). That is throttled
 * iteration (a QR code refreshed from a list of refs, a response streamed in chunks), not polling.
 */
function worksThroughCollection(guards: readonly Guard[], fn: ts.Node): boolean {
  if (countLimits(guards).some((l) => isSizeRead(l.high) && raisedIn(fn, l.low))) return true;
  return guards.some((g) => {
    const name = missingName(g.cond, g.holds);
    return name !== undefined && takenOff(name, fn);
  });
}

function clearsTimer(statement: ts.Statement | undefined): boolean {
  let clears = false;
  if (statement) walk(statement, (n) => {
    if (typescript.isCallExpression(n) && calleeName(n) === 'clearInterval') clears = true;
  });
  return clears;
}

/** An interval that clears itself at the end of a collection (`if (i >= chunks.length) { clearInterval(h); return; }`, `i++` each run). */
function intervalWorksThrough(start: IntervalStart): boolean {
  const cb = start.callback;
  if (!isFunctionExpr(cb) || !typescript.isBlock(cb.body)) return false;
  const guards: Guard[] = [];
  for (const s of cb.body.statements) {
    if (!typescript.isIfStatement(s)) continue;
    if (clearsTimer(s.thenStatement)) guards.push({ cond: s.expression, holds: false });
    else if (clearsTimer(s.elseStatement)) guards.push({ cond: s.expression, holds: true });
  }
  return guards.length > 0 && worksThroughCollection(guards, cb);
}

function namesRead(expr: ts.Expression, into: Set<string>): void {
  walk(expr, (n) => {
    if (typescript.isIdentifier(n) && !(typescript.isPropertyAccessExpression(n.parent) && n.parent.name === n)) into.add(n.text);
  });
}

/** The expressions a delay is computed from: itself, and what the local names it reads were set to in the function, transitively. */
function delaySources(delay: ts.Expression, fn: ts.Node): ts.Expression[] {
  const sources = [delay];
  const names = new Set<string>();
  namesRead(delay, names);
  const taken = new Set<ts.Expression>();
  for (let grew = true; grew; ) {
    grew = false;
    walk(fn, (n) => {
      let value: ts.Expression | undefined;
      if (typescript.isVariableDeclaration(n) && typescript.isIdentifier(n.name) && names.has(n.name.text)) value = n.initializer;
      if (typescript.isBinaryExpression(n) && n.operatorToken.kind === typescript.SyntaxKind.EqualsToken && typescript.isIdentifier(n.left) && names.has(n.left.text)) value = n.right;
      if (!value || taken.has(value)) return;
      taken.add(value);
      sources.push(value);
      namesRead(value, names);
      grew = true;
    });
  }
  return sources;
}

/**
 * A delay that is not a period: one that grows with the attempts (`base * 2 ** attempt`,
 * `Math.pow(2, n)`, `1 << n`: the back-off of a retry or reconnect), or the time left until
 * something is due (`nextAttemptAt - Date.now()`: a scheduler waking when the work is due).
 */
function notAPeriod(call: ts.CallExpression, fn: ts.Node): boolean {
  const delay = call.arguments[1];
  if (!delay) return false;
  const K = typescript.SyntaxKind;
  let found = false;
  for (const source of delaySources(delay, fn)) {
    walk(source, (n) => {
      if (found) return;
      if (typescript.isBinaryExpression(n)) {
        const op = n.operatorToken.kind;
        if ((op === K.AsteriskAsteriskToken || op === K.LessThanLessThanToken) && !typescript.isNumericLiteral(n.right)) found = true;
        if (op === K.MinusToken && isClockRead(n.right)) found = true;
      }
      if (typescript.isCallExpression(n) && n.expression.getText() === 'Math.pow' && n.arguments[1] && !typescript.isNumericLiteral(n.arguments[1])) found = true;
    });
  }
  return found;
}

/** A branch that always leaves the function: `return`, `throw`, or a block ending in one. */
function leaves(statement: ts.Statement): boolean {
  if (typescript.isReturnStatement(statement) || typescript.isThrowStatement(statement)) return true;
  return typescript.isBlock(statement) && statement.statements.length > 0 && leaves(statement.statements[statement.statements.length - 1]!);
}

function recursionFinding(call: ts.CallExpression, functions: Array<{ ref: Ref; fn: ts.Node }>, options: PollingTimeoutOptions, profile: LintProfile): RuleMatch | undefined {
  if (retriesAfterError(call)) return undefined;
  const loop = rescheduledFunction(call, functions);
  if (!loop) return undefined;
  // Reconnecting after a close: the next attempt waits for an event, and the attempts are counted.
  if (loop.onEvent && boundedByCount(call, loop.fn)) return undefined;
  if (worksThroughCollection(guardsOf(call, loop.fn), loop.fn) || notAPeriod(call, loop.fn)) return undefined;
  // An animation stepping itself (`fade`, `animateScroll`): it draws the next frame, it looks for nothing.
  if (namesDisplay([loop.self.name, ...(loop.via ? [loop.via.name] : [])])) return undefined;
  if (allowedByPeriod(call.arguments[1], options) || allowedByName([loop.self.name, ...(loop.via ? [loop.via.name] : [])], options)) return undefined;
  const how = loop.via ? ` (through ${displayRef(loop.via)})` : '';
  return tsMatch(call.expression, `${displayRef(loop.self)} re-schedules itself with setTimeout${how}: a polling loop; ${ADVICE[profile]}`);
}

type Loop = ts.WhileStatement | ts.DoStatement | ts.ForStatement;

function isLoop(node: ts.Node): node is Loop {
  return typescript.isWhileStatement(node) || typescript.isDoStatement(node) || typescript.isForStatement(node);
}

function conditionOf(loop: Loop): ts.Expression | undefined {
  return typescript.isForStatement(loop) ? loop.condition : loop.expression;
}

function isSizeRead(node: ts.Node): boolean {
  return typescript.isPropertyAccessExpression(node) && (node.name.text === 'length' || node.name.text === 'size');
}

/**
 * The loop works through what is there: `i < items.length`, `queue.length > 0`, `while (jobs.size)`.
 * A sleep there spaces the work out (throttling); waiting for a collection to fill
 * (`queue.length === 0`, `!jobs.size`) is polling.
 */
function drainsCollection(condition: ts.Expression): boolean {
  let drains = false;
  walk(condition, (n) => {
    if (!isSizeRead(n)) return;
    const parent = n.parent;
    if (typescript.isPrefixUnaryExpression(parent) && parent.operator === typescript.SyntaxKind.ExclamationToken) return;
    if (typescript.isBinaryExpression(parent)) {
      const other = parent.left === n ? parent.right : parent.left;
      const zero = typescript.isNumericLiteral(other) && Number(other.text) === 0;
      const op = parent.operatorToken.kind;
      const K = typescript.SyntaxKind;
      // `length === 0`, `length <= 0`, `0 === length`: waiting for an item.
      if (zero && (op === K.EqualsEqualsEqualsToken || op === K.EqualsEqualsToken || (parent.left === n && op === K.LessThanEqualsToken) || (parent.right === n && op === K.GreaterThanEqualsToken))) return;
    }
    drains = true;
  });
  return drains;
}

/** `while (done < total) { ...; done += batch.length; }`: the loop advances by the work it did, so it ends when the work does. */
function advancesByWork(loop: Loop, condition: ts.Expression): boolean {
  if (!typescript.isBinaryExpression(condition)) return false;
  const K = typescript.SyntaxKind;
  if (condition.operatorToken.kind !== K.LessThanToken && condition.operatorToken.kind !== K.LessThanEqualsToken) return false;
  if (!typescript.isIdentifier(condition.left)) return false;
  const counter = condition.left.text;
  let advances = false;
  walk(loop.statement, (n) => {
    if (typescript.isBinaryExpression(n) && n.operatorToken.kind === K.PlusEqualsToken && typescript.isIdentifier(n.left) && n.left.text === counter && !typescript.isNumericLiteral(n.right)) advances = true;
  });
  return advances;
}

/** A loop through finite work, where a sleep throttles rather than polls. */
function worksThrough(loop: Loop): boolean {
  const condition = conditionOf(loop);
  return condition !== undefined && (drainsCollection(condition) || advancesByWork(loop, condition));
}

/** The first awaited sleep of the loop's own turn: not in a nested function or loop, not in a catch (back-off). */
function turnSleep(loop: Loop, ctx: TimerContext): Sleep | undefined {
  let found: Sleep | undefined;
  const visit = (node: ts.Node): void => {
    if (found || typescript.isFunctionLike(node) || typescript.isClassLike(node) || typescript.isCatchClause(node)) return;
    if (node !== loop && (isLoop(node) || typescript.isForOfStatement(node) || typescript.isForInStatement(node))) return;
    if (typescript.isAwaitExpression(node)) {
      const sleep = sleepOf(node.expression, ctx);
      if (sleep) {
        found = sleep;
        return;
      }
    }
    typescript.forEachChild(node, visit);
  };
  visit(loop.statement);
  return found;
}

function loopHead(loop: Loop): string {
  if (typescript.isForStatement(loop)) return 'for loop';
  return `while (${shortText(loop.expression, 40)})`;
}

/** A turn that does nothing but wait (and count): the loop spins on its condition. */
function onlyWaits(loop: Loop): boolean {
  const body = loop.statement;
  const statements = typescript.isBlock(body) ? body.statements : typescript.factory.createNodeArray([body]);
  return statements.length <= 2 && statements.every((s) => typescript.isExpressionStatement(s) && (typescript.isAwaitExpression(s.expression) || typescript.isPostfixUnaryExpression(s.expression) || typescript.isPrefixUnaryExpression(s.expression)));
}

function enclosingNames(node: ts.Node): string[] {
  for (let cur = node.parent; cur; cur = cur.parent) if (typescript.isFunctionLike(cur)) return functionNames(cur);
  return [];
}

function sleepLoopFinding(loop: Loop, ctx: TimerContext, options: PollingTimeoutOptions, profile: LintProfile): RuleMatch | undefined {
  if (worksThrough(loop)) return undefined;
  const sleep = turnSleep(loop, ctx);
  if (!sleep) return undefined;
  if (allowedByPeriod(sleep.duration, options) || allowedByName(enclosingNames(loop), options)) return undefined;
  const await_ = sleep.node.parent;
  const wait = `${shortText(await_, 56)}`;
  const kind = !typescript.isForStatement(loop) && onlyWaits(loop) ? 'spin-waits' : 'sleeps each turn';
  return tsMatch(await_, `${loopHead(loop)} ${kind} (${wait}): a polling loop; ${ADVICE[profile]}`);
}

function isEmptyBody(statement: ts.Statement): boolean {
  return typescript.isEmptyStatement(statement) || (typescript.isBlock(statement) && statement.statements.length === 0);
}

/**
 * A condition that only looks: at a clock (`Date.now() < end`) or at flags, without calls that
 * do work. `while (queue.length && out.write(queue.shift()));` works in its condition instead,
 * and `while ((yield* next) !== undefined) {}` hands over the thread and takes the next value.
 */
function onlyObserves(condition: ts.Expression): boolean {
  let observes = true;
  walk(condition, (n) => {
    if (typescript.isYieldExpression(n) || typescript.isAwaitExpression(n)) observes = false;
    if (typescript.isCallExpression(n) && !isClockRead(n)) observes = false;
    if ((typescript.isPrefixUnaryExpression(n) || typescript.isPostfixUnaryExpression(n)) && (n.operator === typescript.SyntaxKind.PlusPlusToken || n.operator === typescript.SyntaxKind.MinusMinusToken)) observes = false;
    if (typescript.isBinaryExpression(n) && n.operatorToken.kind >= typescript.SyntaxKind.FirstAssignment && n.operatorToken.kind <= typescript.SyntaxKind.LastAssignment) observes = false;
  });
  return observes;
}

function busyWaitFinding(loop: Loop, profile: LintProfile): RuleMatch | undefined {
  if (typescript.isForStatement(loop) || !isEmptyBody(loop.statement)) return undefined;
  if (loop.expression.kind === typescript.SyntaxKind.FalseKeyword || !onlyObserves(loop.expression)) return undefined;
  return tsMatch(loop, `${loopHead(loop)} busy-waits and blocks the thread: a polling loop; ${ADVICE[profile]}`);
}

/** Every polling shape of the file, in source order. */
export function pollingMatches(file: TsParsedFile, options: PollingTimeoutOptions, profile: LintProfile): RuleMatch[] {
  const out: RuleMatch[] = [];
  const sf = file.sourceFile;
  const ctx = timerContext(sf, moduleBindings(sf), options.sleepHelpers, options.intervalHelpers);
  let functions: Array<{ ref: Ref; fn: ts.Node }> | undefined;
  const fileFunctions = (): Array<{ ref: Ref; fn: ts.Node }> => (functions ??= functionsByRef(sf));
  for (const node of nodesOf(sf)) {
    let match: RuleMatch | undefined;
    if (typescript.isCallExpression(node)) {
      const start = intervalStartOf(node, ctx);
      if (start) match = intervalFinding(start, options, profile, fileFunctions);
      else if (timerOf(node, ctx.bindings) === 'setTimeout') match = recursionFinding(node, fileFunctions(), options, profile);
    } else if (isLoop(node)) {
      match = busyWaitFinding(node, profile) ?? sleepLoopFinding(node, ctx, options, profile);
    }
    if (match) out.push(match);
  }
  return out;
}

/**
 * What may stand between `await` and the name of the function it calls: parentheses and line
 * breaks right after it, then a receiver chain and its arguments on one line, continued on the
 * next only by a `.` or `?.` (a formatter's chain). Never a block or statement boundary, so an
 * `await` in prose or in another statement does not pair with a later `delay`.
 */
const AWAITED_CALLEE = String.raw`(?:\s|\()*(?:[^;{}\n]|\n[ \t]*(?=[.?]))*?`;

/** `await` but not right after one `.` (`latch.await`, `?.await`: a property); `...await` spreads an awaited value. */
const AWAIT = String.raw`\bawait\b(?<!(?:^|[^.])\.await)`;

/**
 * What every polling shape needs in the text: a timer called or imported under another name
 * (setTimeout re-scheduling, setInterval; a file's own helpers call them), a configured
 * interval helper called, an `await` of a configured sleep helper in the same statement, or a
 * loop with an empty body (a busy-wait: `while (cond) {}`, `while (cond);`, `do {} while (cond)`).
 */
function pollingPrefilter(options: PollingTimeoutOptions): RegExp {
  const timers = ['setTimeout', 'setInterval', ...options.intervalHelpers.map(escapeRegExp)];
  const emptyBody = `(?:\\{${TOKEN_GAP}\\}|;)`;
  const shapes = [
    // Called (also with type arguments or `?.`) or renamed (`setTimeout as nap` from timers/promises); `typeof setTimeout` is no timer.
    `\\b(?:${timers.join('|')})${TOKEN_GAP}(?:\\(|<|\\?\\.|as\\b|:)`,
    ...(options.sleepHelpers.length > 0 ? [`${AWAIT}${AWAITED_CALLEE}\\b(?:${options.sleepHelpers.map(escapeRegExp).join('|')})\\b`] : []),
    `\\bwhile${TOKEN_GAP}\\([^;{}]*\\)${TOKEN_GAP}${emptyBody}`,
    `\\bdo${TOKEN_GAP}${emptyBody}${TOKEN_GAP}while\\b`,
  ];
  return new RegExp(shapes.join('|'));
}

export const pollingTimeout: LintRule<PollingTimeoutOptions> = {
  id: 'polling-timeout',
  description: 'Polling: functions re-scheduling themselves with setTimeout, repeating timers, loops that sleep each turn, busy-waits',
  why: 'Polling wakes the thread on a clock whether or not anything changed, and chains async work into hard-to-follow timer logic.',
  fix: 'Wait on the event, promise or callback that signals the change; allow deliberate sweeps with the minPeriodMs or housekeeping options.',
  advice: {
    continuum: {
      why: 'Polling loops wake the main thread on a clock whether or not anything changed and chain async work into hard-to-follow "Rube Goldberg" timer logic.',
      fix: "Subscribe to the event that signals the change (Events.subscribe('thing:changed', ...)); allow deliberate sweeps with the minPeriodMs or housekeeping options.",
    },
  },
  docsAnchor: 'polling-timeout',
  defaultSeverity: 'warn',
  defaultOptions: { minPeriodMs: 0, housekeeping: [], intervalHelpers: ['registerInterval'], sleepHelpers: ['sleep', 'delay', 'wait', 'pause'], allowIn: [], tests: false },
  languages: ['ts'],
  prefilter: (options) => ({ text: pollingPrefilter(options), inCode: true }),
  resolveOptions(raw) {
    checkKeys(raw, ['minPeriodMs', 'housekeeping', 'intervalHelpers', 'sleepHelpers', 'allowIn', 'tests']);
    const d = pollingTimeout.defaultOptions;
    return {
      minPeriodMs: nonNegativeNumber(raw, 'minPeriodMs', d.minPeriodMs),
      housekeeping: stringList(raw, 'housekeeping', d.housekeeping),
      intervalHelpers: stringList(raw, 'intervalHelpers', d.intervalHelpers),
      sleepHelpers: stringList(raw, 'sleepHelpers', d.sleepHelpers),
      allowIn: stringList(raw, 'allowIn', d.allowIn),
      tests: booleanOption(raw, 'tests', d.tests),
    };
  },
  appliesTo: (file, options) => !matchesGlobs(file, options.allowIn) && (options.tests || !matchesGlobs(file, TEST_FILES)),
  detect: (file, options, { profile }) => (file.language === 'ts' ? pollingMatches(file, options, profile) : []),
};
