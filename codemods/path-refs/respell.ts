// From "where the path points after the move" back to code. A front end reads a path expression
// as tokens (literal text, join separators, run-time values, references to constants); the
// matcher answers with the new path as pieces. `changedRegions` lines the two up and returns
// only the runs of tokens whose spelling must change, so that a front end rewrites
// `'personas'` inside `path.join(base, 'personas', id)` and leaves `base` and `id` as written.
// Language-neutral: the Python front end reads its expressions into the same tokens.
import type { Anchor, PathPiece } from '../shared/relocate.js';

export type Token<R> =
  /** Literal text of one string, template part or f-string part. */
  | { kind: 'text'; text: string; ref: R }
  /** The separator a join call puts between its arguments. */
  | { kind: 'sep'; ref: R }
  /** A value known only at run time; `id` is its piece index for the matcher. */
  | { kind: 'dynamic'; id: number; ref: R }
  /** A reference to a constant: `pieces` is its value as written, `respelled` its value after this plan. */
  | { kind: 'known'; pieces: PathPiece[]; respelled: PathPiece[]; ref: R };

export interface Region<R> {
  /** Consecutive tokens (indices into the token list) whose spelling changes. */
  from: number;
  to: number;
  tokens: Token<R>[];
  /** What those tokens must spell instead. */
  pieces: PathPiece[];
}

type Atom = string | number;

function atomsOf(pieces: readonly PathPiece[]): Atom[] {
  return pieces.flatMap((p): Atom[] => ('text' in p ? [...p.text] : [p.dynamic]));
}

export function piecesOf<R>(tokens: readonly Token<R>[]): PathPiece[] {
  return tokens.flatMap((t): PathPiece[] => {
    if (t.kind === 'text') return [{ text: t.text }];
    if (t.kind === 'sep') return [{ text: '/' }];
    if (t.kind === 'dynamic') return [{ dynamic: t.id }];
    return t.pieces;
  });
}

/** What a token spells in the new code: a constant spells its value after the plan. */
function spelled<R>(t: Token<R>): Atom[] {
  if (t.kind === 'text') return [...t.text];
  if (t.kind === 'sep') return ['/'];
  if (t.kind === 'dynamic') return [t.id];
  return atomsOf(t.respelled);
}

function piecesFromAtoms(atoms: readonly Atom[]): PathPiece[] {
  const out: PathPiece[] = [];
  for (const a of atoms) {
    const last = out[out.length - 1];
    if (typeof a === 'number') out.push({ dynamic: a });
    else if (last && 'text' in last) last.text += a;
    else out.push({ text: a });
  }
  return out;
}

const startsWith = (atoms: readonly Atom[], at: number, part: readonly Atom[]): boolean => part.every((a, i) => atoms[at + i] === a);

function diff<R>(tokens: Token<R>[], offset: number, atoms: Atom[], out: Region<R>[]): void {
  let head = 0;
  let pos = 0;
  while (head < tokens.length) {
    const s = spelled(tokens[head]!);
    if (!startsWith(atoms, pos, s)) break;
    head++;
    pos += s.length;
  }
  let tail = tokens.length;
  let end = atoms.length;
  while (tail > head) {
    const s = spelled(tokens[tail - 1]!);
    if (end - s.length < pos || !startsWith(atoms, end - s.length, s)) break;
    tail--;
    end -= s.length;
  }
  if (head === tail && pos === end) return;
  const middle = tokens.slice(head, tail);
  const rest = atoms.slice(pos, end);
  // A run-time value that appears once on both sides anchors the texts around it.
  const anchor = middle.findIndex((t) => t.kind === 'dynamic' && rest.filter((a) => a === t.id).length === 1);
  if (anchor !== -1) {
    const at = rest.indexOf((middle[anchor] as { id: number }).id);
    diff(middle.slice(0, anchor), offset + head, rest.slice(0, at), out);
    diff(middle.slice(anchor + 1), offset + head + anchor + 1, rest.slice(at + 1), out);
    return;
  }
  out.push({ from: offset + head, to: offset + tail, tokens: middle, pieces: piecesFromAtoms(rest) });
}

/** The runs of `tokens` that must be respelled so that together they read `after`. */
export function changedRegions<R>(tokens: Token<R>[], after: readonly PathPiece[]): Region<R>[] {
  const out: Region<R>[] = [];
  diff(tokens, 0, atomsOf(after), out);
  return out;
}

/**
 * Where a path written as `tokens` starts: at the project root, or after a base the front end
 * cannot know (a run-time value first, an absolute path, a home-relative `~`).
 */
export function anchorOf<R>(tokens: readonly Token<R>[]): Anchor {
  const first = piecesOf(tokens).find((p) => !('text' in p) || p.text !== '');
  if (!first || 'dynamic' in first) return 'floating';
  return /^[/~\\]/.test(first.text) ? 'floating' : 'root';
}
