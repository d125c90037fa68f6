// polling-timeout: a function that re-schedules itself with setTimeout is a polling loop (the
// seed's "setTimeout Rube Goldberg"), and setInterval in a daemon polls on a clock. Both should
// react to events instead. One-shot timeouts are fine.
import type ts from 'typescript';
import { typescript } from '../parse/ts-api.js';
import type { LintRule, RuleMatch, TsParsedFile } from '../types.js';
import { declaringScope, moduleBindings, resolveModuleBinding, nodesOf, walk, type ModuleBinding } from '../parse/ts-bindings.js';
import { checkKeys, matchesGlobs, stringList } from './options.js';
import { tsMatch } from './match.js';

export interface PollingTimeoutOptions {
  /** Globs of daemon code, where any setInterval is reported. */
  daemonDirs: string[];
}

type Timer = 'setTimeout' | 'setInterval';
const GLOBAL_OBJECTS = new Set(['globalThis', 'window', 'global', 'self']);
const TIMER_MODULES = new Set(['timers', 'node:timers']);

/** Which timer a call starts: the global one, `globalThis.setTimeout`, or one imported from `timers`. */
function timerOf(call: ts.CallExpression, bindings: ModuleBinding[]): Timer | undefined {
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

/** How code refers to a function: by a plain name, or as `this.<member>` of one class. */
interface Ref {
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
      // Handing the function on (`setTimeout(poll)`, `.then(this.poll.bind(this))`) calls it later.
      for (const arg of node.arguments) {
        const passed = refOf(arg);
        if (passed) out.push(passed);
      }
    }
  });
  return out;
}

/** Named functions and methods of the file, so a loop through a helper (`tick` -> `scheduleNext`) is seen. */
function functionsByRef(sf: ts.SourceFile): Array<{ ref: Ref; fn: ts.Node }> {
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

function displayRef(ref: Ref): string {
  return ref.kind === 'member' ? `this.${ref.name}` : ref.name;
}

/** The enclosing function the timeout's callback leads back to, and the helper it goes through. */
function rescheduledFunction(call: ts.CallExpression, functions: Array<{ ref: Ref; fn: ts.Node }>): { self: Ref; via?: Ref } | undefined {
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

function detect(file: TsParsedFile, options: PollingTimeoutOptions): RuleMatch[] {
  const out: RuleMatch[] = [];
  const inDaemon = matchesGlobs(file.path, options.daemonDirs);
  const bindings = moduleBindings(file.sourceFile);
  let functions: Array<{ ref: Ref; fn: ts.Node }> | undefined;
  for (const node of nodesOf(file.sourceFile)) {
    if (!typescript.isCallExpression(node)) continue;
    const timer = timerOf(node, bindings);
    if (timer === 'setInterval' && inDaemon) {
      out.push(tsMatch(node.expression, 'setInterval polling in daemon code: react to events (Events.subscribe) instead of polling on a clock'));
    } else if (timer === 'setTimeout') {
      functions ??= functionsByRef(file.sourceFile);
      const loop = rescheduledFunction(node, functions);
      if (loop) {
        const how = loop.via ? ` (through ${displayRef(loop.via)})` : '';
        out.push(tsMatch(node.expression, `${displayRef(loop.self)} re-schedules itself with setTimeout${how}: a polling loop; react to events (Events.subscribe) instead`));
      }
    }
  }
  return out;
}

export const pollingTimeout: LintRule<PollingTimeoutOptions> = {
  id: 'polling-timeout',
  description: 'Functions that re-schedule themselves with setTimeout, and setInterval in daemon code',
  why: 'Polling loops wake the main thread on a clock whether or not anything changed and chain async work into hard-to-follow "Rube Goldberg" timer logic.',
  fix: "Subscribe to the event that signals the change (Events.subscribe('thing:changed', ...)) or move the periodic work into a daemon's own scheduler.",
  docsAnchor: 'polling-timeout',
  defaultSeverity: 'warn',
  defaultOptions: { daemonDirs: ['daemons/**'] },
  languages: ['ts'],
  prefilter: () => ({ text: /\bset(?:Timeout|Interval)\b/ }),
  resolveOptions(raw) {
    checkKeys(raw, ['daemonDirs']);
    return { daemonDirs: stringList(raw, 'daemonDirs', pollingTimeout.defaultOptions.daemonDirs) };
  },
  detect: (file, options) => (file.language === 'ts' ? detect(file, options) : []),
};
