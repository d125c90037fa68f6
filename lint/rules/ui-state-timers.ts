// A timer whose work only steps the component's own UI state: a carousel moving to the next
// slide (`setIndex((i) => (i + 1) % slides.length)`), a countdown (`setLeft((n) => n - 1)`), a
// typewriter revealing one more letter, a clock showing `Date.now()`. It looks at nothing
// outside itself, so there is no event to wait on instead: it is display, not polling.
import type ts from 'typescript';
import { typescript } from '../../parse/ts-api.js';
import { nodesOf } from '../../parse/ts-bindings.js';
import type { Ref } from './self-rescheduling.js';
import { calleeName, isClockRead, isFunctionExpr } from './timers.js';

/** Hooks that return `[value, setter]` for state the component owns. */
const STATE_HOOK = /^(?:useState|useReducer|createSignal)$/;
/** Calls that only tend timers or frames. */
const TIMER_PLUMBING = /^(?:setTimeout|clearTimeout|clearInterval|requestAnimationFrame|cancelAnimationFrame)$/;

/** Setters of the file's own state: `const [index, setIndex] = useState(0)`. */
function stateSetters(sf: ts.SourceFile): Set<string> {
  const setters = new Set<string>();
  for (const node of nodesOf(sf)) {
    if (!typescript.isVariableDeclaration(node) || !typescript.isArrayBindingPattern(node.name) || !node.initializer) continue;
    if (!typescript.isCallExpression(node.initializer) || !STATE_HOOK.test(calleeName(node.initializer) ?? '')) continue;
    const setter = node.name.elements[1];
    if (setter && typescript.isBindingElement(setter) && typescript.isIdentifier(setter.name)) setters.add(setter.name.text);
  }
  return setters;
}

/** The function a timer runs: written in place, a function of the file, or one wrapped in `useCallback`. */
function timerWork(callback: ts.Expression, sf: ts.SourceFile, functions: () => Array<{ ref: Ref; fn: ts.Node }>): ts.Node | undefined {
  if (isFunctionExpr(callback)) return callback;
  if (!typescript.isIdentifier(callback)) return undefined;
  const named = functions().filter((f) => f.ref.kind === 'name' && f.ref.name === callback.text);
  if (named.length > 0) return named.length === 1 ? named[0]!.fn : undefined;
  const declared = nodesOf(sf).filter((n): n is ts.VariableDeclaration => typescript.isVariableDeclaration(n) && typescript.isIdentifier(n.name) && n.name.text === callback.text);
  const init = declared.length === 1 ? declared[0]!.initializer : undefined;
  const wrapped = init && typescript.isCallExpression(init) && calleeName(init) === 'useCallback' ? init.arguments[0] : undefined;
  return wrapped && isFunctionExpr(wrapped) ? wrapped : undefined;
}

/** A value that comes from nowhere else: a literal, the time, or a literal object or array of them. */
function isOwnValue(expr: ts.Expression): boolean {
  const K = typescript.SyntaxKind;
  if (typescript.isLiteralExpression(expr) || expr.kind === K.TrueKeyword || expr.kind === K.FalseKeyword || expr.kind === K.NullKeyword) return true;
  if (typescript.isIdentifier(expr)) return expr.text === 'undefined';
  if (typescript.isPrefixUnaryExpression(expr)) return isOwnValue(expr.operand);
  if (typescript.isCallExpression(expr)) return isClockRead(expr);
  if (typescript.isNewExpression(expr)) return expr.expression.getText() === 'Date' && (expr.arguments?.length ?? 0) === 0;
  if (typescript.isArrayLiteralExpression(expr)) return expr.elements.every(isOwnValue);
  if (typescript.isObjectLiteralExpression(expr)) return expr.properties.every((p) => typescript.isPropertyAssignment(p) && isOwnValue(p.initializer));
  return false;
}

/**
 * The timer's work sets the file's own state and does nothing else: every call is a state setter
 * (given a literal, the time, or an updater of the previous value), a timer or frame call, or
 * `Math`; and it decides nothing outside an updater, where all it can look at is its own value.
 */
export function onlyStepsOwnState(callback: ts.Expression | undefined, sf: ts.SourceFile, functions: () => Array<{ ref: Ref; fn: ts.Node }>): boolean {
  const work = callback && timerWork(callback, sf, functions);
  if (!work) return false;
  const setters = stateSetters(sf);
  let setsState = false;
  let own = true;
  const visit = (node: ts.Node, inUpdater: boolean): void => {
    if (!own) return;
    if (!inUpdater && (typescript.isIfStatement(node) || typescript.isConditionalExpression(node) || typescript.isSwitchStatement(node) || typescript.isIterationStatement(node, false))) {
      own = false;
      return;
    }
    if (typescript.isCallExpression(node)) {
      const callee = node.expression;
      const setter = (typescript.isIdentifier(callee) && setters.has(callee.text)) || callee.getText() === 'this.setState';
      if (setter) {
        setsState = true;
        for (const arg of node.arguments) {
          if (isFunctionExpr(arg)) typescript.forEachChild(arg, (c) => visit(c, true));
          else if (!isOwnValue(arg)) own = false;
        }
        return;
      }
      if (!TIMER_PLUMBING.test(calleeName(node) ?? '') && !callee.getText().startsWith('Math.') && !isClockRead(node)) {
        own = false;
        return;
      }
    }
    typescript.forEachChild(node, (c) => visit(c, inUpdater));
  };
  typescript.forEachChild(work, (c) => visit(c, false));
  return own && setsState;
}
