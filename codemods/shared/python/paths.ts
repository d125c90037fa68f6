// What a Python path expression evaluates to, as `PathPiece`s for the language-neutral matcher:
// string literals and f-strings, `os.path.join(...)`, `Path(...)`, pathlib `/` chains, and the
// bases they start from: `Path(__file__).resolve().parent...` (resolved against the file's place
// in the project), `os.getcwd()`, module constants (`BASE_DIR = ...`), a function's own locals
// (`path = BASE_DIR / "env.userid"`) and `self.x` attributes assigned once in a class.
import path from 'node:path';
import type { Node } from 'web-tree-sitter';
import type { PathPiece } from '../relocate.js';

const posix = path.posix;

/** How the value is built, which decides how a rewrite spells the new path. */
export type PathStyle = 'pathlib' | 'join' | 'fstring' | 'literal';

export interface PathValue {
  pieces: PathPiece[];
  /** `root`: starts at the project root (a relative literal or a base resolving to it). */
  anchor: 'root' | 'floating';
  /** The sub-expressions behind `{ dynamic: i }` pieces. */
  dynamics: Node[];
  /** The expression that resolved to the project root (`BASE_DIR`), when the path starts from one. */
  rootBase?: Node;
}

/** A partial value while walking: literal pieces, a place in the project, or an opaque run-time value. */
type Part =
  | { kind: 'pieces'; pieces: PathPiece[]; dynamics: Node[]; rootBase?: Node; floating: boolean }
  | { kind: 'place'; dir: string | null; node: Node }
  | { kind: 'opaque'; node: Node };

export interface Scope {
  /** Project-relative POSIX path of the file. */
  file: string;
  /** The value a name has where it is read (`undefined`: unknown, kept opaque). */
  lookup(name: Node): Node | undefined;
  /** Whether an expression's own path is rewritten where it is written (so uses of it must not be). */
  handled(expr: Node): boolean;
  /** The function code calls for the home root (`persag_home`): a path from it is outside the project. */
  homeAccessor?: string;
}

const PATH_CALLS = new Set(['Path', 'PurePath', 'PosixPath', 'pathlib.Path', 'pathlib.PurePath', 'pathlib.PosixPath']);
const JOIN_CALLS = new Set(['os.path.join', 'path.join', 'posixpath.join']);
const SAME_PATH = new Set(['os.path.abspath', 'os.path.realpath', 'os.path.normpath', 'path.abspath', 'path.realpath', 'str', 'os.fspath']);
const DIRNAME = new Set(['os.path.dirname', 'path.dirname']);
const CWD = new Set(['os.getcwd', 'Path.cwd', 'pathlib.Path.cwd']);
const SAME_PATH_METHODS = new Set(['resolve', 'absolute', 'expanduser']);
/** Calls that make or name a temporary dir: what is built under one is never the project's. */
const TEMP_DIR_CALLS = new Set(['tempfile.mkdtemp', 'tempfile.gettempdir', 'mkdtemp', 'gettempdir']);

export const calleeName = (call: Node): string => call.childForFieldName('function')?.text.replace(/\s+/g, '') ?? '';

export function isPathCall(node: Node): boolean {
  if (node.type !== 'call') return false;
  const name = calleeName(node);
  return PATH_CALLS.has(name) || JOIN_CALLS.has(name);
}

export const isJoin = (node: Node): boolean => node.type === 'call' && JOIN_CALLS.has(calleeName(node));
export const isSlash = (node: Node): boolean => node.type === 'binary_operator' && node.childForFieldName('operator')?.text === '/';

export function positionalArgs(call: Node): Node[] {
  const args = call.childForFieldName('arguments');
  if (!args || args.type !== 'argument_list') return [];
  return args.namedChildren.filter((c) => c.type !== 'comment' && c.type !== 'keyword_argument');
}

/** Unwraps `(x)`. */
export function unparen(node: Node): Node {
  let n = node;
  while (n.type === 'parenthesized_expression' && n.namedChildren.length === 1) n = n.namedChildren[0]!;
  return n;
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', '0': '\0' };

export function stringPrefix(node: Node): string {
  return (node.children[0]?.text ?? '').replace(/["']+$/, '').toLowerCase();
}

/** The literal text and interpolations of a `string` node, in order (undefined for bytes). */
export function stringParts(node: Node): Array<{ text: string } | { interpolation: Node }> | undefined {
  const prefix = stringPrefix(node);
  if (prefix.includes('b')) return undefined;
  const raw = prefix.includes('r');
  const out: Array<{ text: string } | { interpolation: Node }> = [];
  for (const c of node.children) {
    if (c.type === 'string_content') {
      const text = raw ? c.text : c.text.replace(/\\(.)/gs, (m, ch: string) => ESCAPES[ch] ?? m);
      out.push({ text: text.replace(/\{\{/g, prefix.includes('f') ? '{' : '{{').replace(/\}\}/g, prefix.includes('f') ? '}' : '}}') });
    } else if (c.type === 'interpolation') out.push({ interpolation: c.childForFieldName('expression') ?? c });
  }
  return out;
}

/** The plain text of a string literal without interpolations, else undefined. */
export function literalText(node: Node): string | undefined {
  if (node.type !== 'string') return undefined;
  const parts = stringParts(node);
  if (!parts || parts.some((p) => 'interpolation' in p)) return undefined;
  return parts.map((p) => (p as { text: string }).text).join('');
}

function fromPieces(pieces: PathPiece[], dynamics: Node[] = [], extra: Partial<Extract<Part, { kind: 'pieces' }>> = {}): Part {
  return { kind: 'pieces', pieces, dynamics, floating: false, ...extra };
}

/** The project-relative dir a place names as text pieces (`''`: the root). */
function placePieces(p: Extract<Part, { kind: 'place' }>): Part {
  if (p.dir === null) return { kind: 'opaque', node: p.node };
  return fromPieces(p.dir === '' ? [] : [{ text: `${p.dir}/` }], [], p.dir === '' ? { rootBase: p.node } : {});
}

function asPieces(part: Part): Extract<Part, { kind: 'pieces' }> {
  if (part.kind === 'pieces') return part;
  if (part.kind === 'place') {
    const p = placePieces(part);
    if (p.kind === 'pieces') return p;
  }
  const node = part.node;
  return { kind: 'pieces', pieces: [{ dynamic: 0 }], dynamics: [node], floating: true };
}

/** `a / b`, `join(a, b)`: b appended to a; an absolute or unknown-in-front b starts afresh. */
function joinParts(parts: Part[], node: Node): Part {
  const [first, ...rest] = parts;
  if (!first) return fromPieces([]);
  let acc = asPieces(first);
  for (const part of rest) {
    const next = asPieces(part);
    const firstText = next.pieces[0] && 'text' in next.pieces[0] ? next.pieces[0].text : undefined;
    if (firstText?.startsWith('/')) return { kind: 'opaque', node };
    const shift = acc.dynamics.length;
    const needsSlash = acc.pieces.length > 0 && !('text' in acc.pieces[acc.pieces.length - 1]! && (acc.pieces[acc.pieces.length - 1] as { text: string }).text.endsWith('/'));
    acc = {
      kind: 'pieces',
      pieces: [...acc.pieces, ...(needsSlash ? [{ text: '/' }] : []), ...next.pieces.map((p) => ('dynamic' in p ? { dynamic: p.dynamic + shift } : p))],
      dynamics: [...acc.dynamics, ...next.dynamics],
      floating: acc.floating || (acc.pieces.length === 0 && next.floating),
      ...(acc.rootBase ? { rootBase: acc.rootBase } : {}),
    };
  }
  return acc;
}

/** Pieces that start outside the project: an absolute path or the home (`/~home/`, `~`). */
function isOutside(part: Extract<Part, { kind: 'pieces' }>): boolean {
  const first = part.pieces[0];
  return first !== undefined && 'text' in first && (first.text.startsWith('/') || first.text.startsWith('~'));
}

export class PathEvaluator {
  private readonly active = new Set<number>();

  constructor(private readonly scope: Scope) {}

  /** The path an expression names, or undefined when it is not path-like at all. */
  evaluate(node: Node): PathValue | undefined {
    const part = this.part(node);
    if (part.kind === 'opaque') return undefined;
    const p = part.kind === 'place' ? placePieces(part) : part;
    if (p.kind !== 'pieces') return undefined;
    if (isOutside(p)) return undefined;
    return { pieces: p.pieces, anchor: p.floating ? 'floating' : 'root', dynamics: p.dynamics, ...(p.rootBase ? { rootBase: p.rootBase } : {}) };
  }

  private part(raw: Node): Part {
    const node = unparen(raw);
    if (this.active.has(node.id)) return { kind: 'opaque', node };
    this.active.add(node.id);
    try {
      return this.partOf(node);
    } finally {
      this.active.delete(node.id);
    }
  }

  private partOf(node: Node): Part {
    switch (node.type) {
      case 'string': {
        const parts = stringParts(node);
        if (!parts) return { kind: 'opaque', node };
        // `f"{BASE_DIR}/x"`: an interpolated base dir is followed like `BASE_DIR / "x"`.
        const first = parts[0];
        const base = first && 'interpolation' in first ? this.part(first.interpolation) : undefined;
        const outside = base?.kind === 'pieces' && base.pieces.length === 1 && 'text' in base.pieces[0]! && base.pieces[0].text.startsWith('/');
        const rest = (base?.kind === 'place' && base.dir !== null) || outside ? parts.slice(1) : parts;
        const lead = rest[0];
        if (rest !== parts && lead && 'text' in lead) rest[0] = { text: lead.text.replace(/^\//, '') };
        const dynamics: Node[] = [];
        const pieces: PathPiece[] = rest.map((p) => ('text' in p ? { text: p.text } : { dynamic: dynamics.push(p.interpolation) - 1 }));
        const literal = fromPieces(pieces, dynamics, { floating: pieces[0] !== undefined && 'dynamic' in pieces[0] });
        return rest === parts ? literal : joinParts([base!, literal], node);
      }
      case 'identifier': {
        if (node.text === '__file__') return { kind: 'place', dir: this.scope.file, node };
        return this.named(node);
      }
      case 'attribute': {
        const attr = node.childForFieldName('attribute')?.text;
        const obj = node.childForFieldName('object');
        if (attr === 'parent' && obj) return this.parentOf(this.part(obj), node, 1);
        if (obj?.type === 'identifier' && obj.text === 'self') return this.named(node);
        return { kind: 'opaque', node };
      }
      case 'subscript': {
        const value = node.childForFieldName('value');
        const index = node.childForFieldName('subscript');
        if (value?.type === 'attribute' && value.childForFieldName('attribute')?.text === 'parents' && index?.type === 'integer') {
          return this.parentOf(this.part(value.childForFieldName('object')!), node, Number(index.text) + 1);
        }
        return { kind: 'opaque', node };
      }
      case 'binary_operator':
        if (isSlash(node)) return this.slash(node);
        return { kind: 'opaque', node };
      case 'call':
        return this.call(node);
      default:
        return { kind: 'opaque', node };
    }
  }

  private slash(node: Node): Part {
    const left = this.part(node.childForFieldName('left')!);
    const right = this.part(node.childForFieldName('right')!);
    if (left.kind === 'opaque' && right.kind === 'opaque') return { kind: 'opaque', node };
    return joinParts([left, right], node);
  }

  private parentOf(base: Part, node: Node, levels: number): Part {
    if (base.kind !== 'place' || base.dir === null) return { kind: 'opaque', node };
    let dir: string | null = base.dir;
    for (let i = 0; i < levels && dir !== null; i++) dir = dir === '' ? null : posix.dirname(dir) === '.' ? '' : posix.dirname(dir);
    return { kind: 'place', dir, node };
  }

  private call(node: Node): Part {
    const name = calleeName(node);
    const args = positionalArgs(node);
    const fn = node.childForFieldName('function');
    if (PATH_CALLS.has(name) || JOIN_CALLS.has(name)) {
      if (args.length === 0) return PATH_CALLS.has(name) ? { kind: 'place', dir: '', node } : { kind: 'opaque', node };
      const parts = args.map((a) => this.part(a));
      if (parts.length === 1) return parts[0]!.kind === 'place' ? { ...parts[0]!, node } : parts[0]!;
      return joinParts(parts, node);
    }
    if (CWD.has(name)) return { kind: 'place', dir: '', node };
    // Outside the project: spelled as an absolute path, which names nothing the plan moves.
    if (this.scope.homeAccessor && name.split('.').pop() === this.scope.homeAccessor && args.length === 0) return fromPieces([{ text: '/~home/' }]);
    if (TEMP_DIR_CALLS.has(name)) return fromPieces([{ text: '/~tmp/' }]);
    if (SAME_PATH.has(name) && args.length === 1) return this.keepNode(this.part(args[0]!), node);
    if (DIRNAME.has(name) && args.length === 1) return this.parentOf(this.part(args[0]!), node, 1);
    if (fn?.type === 'attribute' && SAME_PATH_METHODS.has(fn.childForFieldName('attribute')!.text) && args.length === 0) {
      return this.keepNode(this.part(fn.childForFieldName('object')!), node);
    }
    return { kind: 'opaque', node };
  }

  private keepNode(part: Part, node: Node): Part {
    return part.kind === 'place' ? { ...part, node } : part;
  }

  /** A name or `self.x`: its one assignment's value when known and not rewritten itself. */
  private named(node: Node): Part {
    const value = this.scope.lookup(node);
    if (!value || this.scope.handled(value)) return { kind: 'opaque', node };
    const part = this.part(value);
    // A base dir is followed through its name; any other value stays the name, so that a rewrite
    // keeps it and never copies code out of its scope.
    if (part.kind === 'place') return { ...part, node };
    if (part.kind === 'pieces' && part.rootBase && part.pieces.length === 0) return { kind: 'place', dir: '', node };
    // A name for a dir outside the project (a temp dir, `/srv/app`): nothing built on it is the project's, so nothing there is rewritten.
    if (part.kind === 'pieces' && isOutside(part)) return part;
    return { kind: 'opaque', node };
  }
}
