// Python source for a path after the move, in the style of the expression it replaces: a pathlib
// `/` chain stays a chain, `os.path.join(...)` a join, an f-string an f-string, a plain literal a
// literal (or `str(<home> / ...)` when the path now starts from a home accessor).
import type { Node } from 'web-tree-sitter';
import { pathSegments, type PathPiece } from '../../shared/relocate.js';
import { calleeName, type PathStyle } from '../../shared/python/paths.js';

export interface RebuildInput {
  style: PathStyle;
  /** Code for the path's start (`persag_home()`, `BASE_DIR`), or none for a relative path. */
  prefix?: string;
  pieces: readonly PathPiece[];
  dynamics: readonly Node[];
  /** The expression being replaced: quotes, the join's callee and the Path call are taken from it. */
  original: Node;
}

type Segment = PathPiece[];

function quoteOf(original: Node): string {
  const start = original.type === 'string' ? original.children[0]?.text ?? '"' : '"';
  return start.endsWith("'") ? "'" : '"';
}

function pyString(text: string, quote: string): string {
  return quote + text.replace(/\\/g, '\\\\').replace(new RegExp(quote, 'g'), `\\${quote}`).replace(/\n/g, '\\n') + quote;
}

function fText(text: string, quote: string): string {
  return pyString(text, quote).slice(1, -1).replace(/\{/g, '{{').replace(/\}/g, '}}');
}

/** One path segment as an expression: a literal, the original sub-expression, or an f-string. */
function segmentCode(seg: Segment, dynamics: readonly Node[], quote: string): string {
  if (seg.every((p) => 'text' in p)) return pyString(seg.map((p) => (p as { text: string }).text).join(''), quote);
  if (seg.length === 1) return dynamics[(seg[0] as { dynamic: number }).dynamic]!.text;
  return `f${quote}${seg.map((p) => ('text' in p ? fText(p.text, quote) : `{${dynamics[p.dynamic]!.text}}`)).join('')}${quote}`;
}

/** The text pieces merged into one relative path literal (for a plain string). */
function joinedText(pieces: readonly PathPiece[], dynamics: readonly Node[], quote: string): string {
  if (pieces.every((p) => 'text' in p)) return pyString(pieces.map((p) => (p as { text: string }).text).join(''), quote);
  return `f${quote}${pieces.map((p) => ('text' in p ? fText(p.text, quote) : `{${dynamics[p.dynamic]!.text}}`)).join('')}${quote}`;
}

/** The `Path` callee an expression already uses (`Path`, `pathlib.Path`), to start a relative chain. */
function pathCallee(node: Node): string | undefined {
  if (node.type === 'call' && /(^|\.)(Pure|Posix)?Path$/.test(calleeName(node))) return calleeName(node);
  for (const c of node.namedChildren) {
    const found = pathCallee(c);
    if (found) return found;
  }
  return undefined;
}

/** The new source text, or undefined when the style cannot spell it (the caller reports it). */
export function rebuildPath(input: RebuildInput): string | undefined {
  const { style, prefix, pieces, dynamics, original } = input;
  const quote = quoteOf(original);
  const segments = pathSegments(pieces).map((s) => segmentCode(s, dynamics, quote));
  switch (style) {
    case 'pathlib': {
      if (prefix) return [prefix, ...segments].join(' / ');
      const callee = pathCallee(original);
      if (!callee || segments.length === 0) return undefined;
      return [`${callee}(${segments[0]})`, ...segments.slice(1)].join(' / ');
    }
    case 'join': {
      const callee = original.childForFieldName('function')!.text;
      return `${callee}(${[...(prefix ? [prefix] : []), ...segments].join(', ')})`;
    }
    case 'fstring':
    case 'literal': {
      if (!prefix) return joinedText(pieces, dynamics, quote);
      if (style === 'literal') return `str(${[prefix, ...segments].join(' / ')})`;
      const tail = pieces.map((p) => ('text' in p ? fText(p.text, quote) : `{${dynamics[p.dynamic]!.text}}`)).join('');
      return `f${quote}{${prefix}}${tail.startsWith('/') ? '' : '/'}${tail}${quote}`;
    }
  }
}
