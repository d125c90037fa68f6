// Where a path that code writes points after the plan's moves. Language-neutral: the TS/JS and
// Python front ends turn a path expression (a literal, a template, a `path.join(...)`, a
// `Path / "x"` chain) into pieces, ask `relocatePath`, and turn the answer back into code.
//
// A piece is literal text or a value known only at run time (kept by index, so the front end can
// put the original sub-expression back in place). `/` inside literal text separates segments.
import type { Loc, Relocation } from '../../plan/types.js';

export const USER_ID_SEGMENT = '{userId}';

export type PathPiece = { text: string } | { dynamic: number };

/**
 * `root`: the pieces start at the project root (a relative path run from it, or a base that
 * resolves to it). `floating`: an unknown base comes first (`self.base_dir / ...`,
 * `path.join(dir, ...)`), so a match may start at any segment whose text is the relocation's
 * first, literal segment.
 */
export type Anchor = 'root' | 'floating';

export interface Rewrite {
  kind: 'rewrite';
  relocation: Relocation;
  /** Pieces before the matched location (the unknown base of a floating path); empty at the root. */
  before: PathPiece[];
  /** The moved location and whatever followed it, relative to `relocation.to.root`. */
  after: PathPiece[];
}

export interface Ambiguous {
  kind: 'ambiguous';
  relocation: Relocation;
  /** Why the path cannot be followed, for a plan error: "...: <reason>". */
  reason: string;
}

type Part = PathPiece;
type Segment = Part[];
type Verdict = 'yes' | 'maybe' | 'no';

const isText = (p: Part): p is { text: string } => 'text' in p;

/** The pieces split at each `/` of their text, empty segments kept. */
function rawSegments(pieces: readonly PathPiece[]): Segment[] {
  const segments: Segment[] = [[]];
  for (const piece of pieces) {
    if (!isText(piece)) {
      segments[segments.length - 1]!.push(piece);
      continue;
    }
    piece.text.split('/').forEach((chunk, i) => {
      if (i > 0) segments.push([]);
      if (chunk) segments[segments.length - 1]!.push({ text: chunk });
    });
  }
  return segments;
}

/** The path segments that pieces spell, each a run of text and run-time parts (for front ends writing one argument per segment). */
export function pathSegments(pieces: readonly PathPiece[]): PathPiece[][] {
  return rawSegments(pieces).filter((s) => s.length > 0);
}

function segmentsOf(pieces: readonly PathPiece[]): { segments: Segment[]; trailingSlash: boolean } {
  const segments = rawSegments(pieces);
  const trailingSlash = segments.length > 1 && segments[segments.length - 1]!.length === 0;
  return { segments: segments.filter((s, i) => s.length > 0 && !(i === 0 && s.length === 1 && isText(s[0]!) && s[0].text === '.')), trailingSlash };
}

const literal = (s: Segment): string | undefined => (s.every(isText) ? s.map((p) => (p as { text: string }).text).join('') : undefined);

/** How one code segment compares with one pattern segment; `capture` is the `{userId}` part. */
function matchSegment(code: Segment, pattern: string): { verdict: Verdict; capture?: Part[] } {
  const at = pattern.indexOf(USER_ID_SEGMENT);
  const text = literal(code);
  if (at === -1) {
    if (text !== undefined) return { verdict: text === pattern ? 'yes' : 'no' };
    return { verdict: couldBe(code, pattern) ? 'maybe' : 'no' };
  }
  const prefix = pattern.slice(0, at);
  const suffix = pattern.slice(at + USER_ID_SEGMENT.length);
  if (text !== undefined) {
    const ok = text.length > prefix.length + suffix.length && text.startsWith(prefix) && text.endsWith(suffix) && !text.startsWith('.');
    return ok ? { verdict: 'yes', capture: [{ text: text.slice(prefix.length, text.length - suffix.length) }] } : { verdict: 'no' };
  }
  // `${id}`, `user-${id}`: the run-time part is exactly the id when the text around it is the pattern's.
  const first = code[0]!;
  const last = code[code.length - 1]!;
  const head = isText(first) ? first.text : '';
  const tail = code.length > 1 && isText(last) ? last.text : '';
  const middle = code.slice(head ? 1 : 0, tail ? -1 : undefined);
  if (head === prefix && tail === suffix && middle.length > 0) return { verdict: 'yes', capture: middle };
  return { verdict: couldBe(code, pattern.replace(USER_ID_SEGMENT, '')) || head.startsWith(prefix) || prefix.startsWith(head) ? 'maybe' : 'no' };
}

/** Whether a segment with run-time parts could spell `want`: its literal parts appear in order. */
function couldBe(code: Segment, want: string): boolean {
  let from = 0;
  for (const p of code) {
    if (!isText(p)) continue;
    const at = want.indexOf(p.text, from);
    if (at === -1) return false;
    from = at + p.text.length;
  }
  return true;
}

interface Attempt {
  verdict: Verdict;
  start: number;
  /** Literal segments that matched exactly or are hinted at: a path that names none of the pattern is no match at all. */
  named: number;
  captures: Part[][];
}

function tryAt(segments: Segment[], start: number, pattern: string[]): Attempt {
  const captures: Part[][] = [];
  let verdict: Verdict = 'yes';
  let named = 0;
  if (segments.length - start < pattern.length) return { verdict: 'no', start, named, captures };
  for (let i = 0; i < pattern.length; i++) {
    const m = matchSegment(segments[start + i]!, pattern[i]!);
    if (m.verdict === 'no') return { verdict: 'no', start, named, captures };
    if (m.verdict === 'maybe') {
      verdict = 'maybe';
      if (!pattern[i]!.includes(USER_ID_SEGMENT) && hints(segments[start + i]!, pattern[i]!)) named++;
    } else if (!pattern[i]!.includes(USER_ID_SEGMENT)) named++;
    if (m.capture) captures.push(m.capture);
  }
  return { verdict, start, named, captures };
}

/** A segment with run-time parts whose literal text is enough to suspect it (`lightrag_*`, `${name}_server`). */
const hints = (code: Segment, pattern: string): boolean =>
  literal(code) === undefined && couldBe(code, pattern) && code.filter(isText).reduce((n, p) => n + p.text.length, 0) >= 3;

function starts(segments: Segment[], pattern: string[], anchor: Anchor): number[] {
  if (anchor === 'root') return [0];
  if (pattern[0]!.includes(USER_ID_SEGMENT)) return [];
  return segments.flatMap((s, i) => (literal(s) === pattern[0] || hints(s, pattern[0]!) ? [i] : []));
}

const patternOf = (l: Loc): string[] => l.path.split('/');

/** A floating match already inside the new location: `<home>/.persag/lightrag_server` for `lightrag_server`. */
function alreadyMoved(segments: Segment[], start: number, r: Relocation): boolean {
  const from = patternOf(r.from);
  const to = patternOf(r.to);
  const lead = to.length - from.length;
  if (lead <= 0 || start < lead || !from.every((s, i) => to[lead + i] === s)) return false;
  return to.slice(0, lead).every((s, i) => literal(segments[start - lead + i]!) === s);
}

function attempt(segments: Segment[], r: Relocation, anchor: Anchor): Attempt | undefined {
  const pattern = patternOf(r.from);
  let best: Attempt | undefined;
  for (const start of starts(segments, pattern, anchor)) {
    if (anchor === 'floating' && alreadyMoved(segments, start, r)) continue;
    const a = tryAt(segments, start, pattern);
    if (a.verdict === 'no' || a.named === 0) continue;
    if (!best || (best.verdict === 'maybe' && a.verdict === 'yes')) best = a;
  }
  return best;
}

function rebuild(segments: Segment[], a: Attempt, r: Relocation, trailingSlash: boolean): PathPiece[] | undefined {
  const out: PathPiece[] = [];
  const pushText = (t: string): void => {
    const last = out[out.length - 1];
    if (last && isText(last)) out[out.length - 1] = { text: last.text + t };
    else if (t) out.push({ text: t });
  };
  const push = (parts: Part[]): void => parts.forEach((p) => (isText(p) ? pushText(p.text) : out.push(p)));
  const to = patternOf(r.to);
  const uses = to.filter((s) => s.includes(USER_ID_SEGMENT)).length;
  // The new path must hold the id exactly where the old one did, or a run-time value would vanish.
  if (uses !== a.captures.length || a.captures.length > 1) return undefined;
  to.forEach((seg, i) => {
    if (i > 0) pushText('/');
    const at = seg.indexOf(USER_ID_SEGMENT);
    if (at === -1) return pushText(seg);
    pushText(seg.slice(0, at));
    push(a.captures[0]!);
    pushText(seg.slice(at + USER_ID_SEGMENT.length));
  });
  for (const seg of segments.slice(a.start + patternOf(r.from).length)) {
    pushText('/');
    push(seg);
  }
  if (trailingSlash) pushText('/');
  return out;
}

function piecesBefore(segments: Segment[], start: number): PathPiece[] {
  const out: PathPiece[] = [];
  segments.slice(0, start).forEach((seg) => {
    out.push(...seg, { text: '/' });
  });
  return out;
}

/**
 * The relocation a path expression names, most specific first, and the path after the move. A
 * path that only may name a moved location (a run-time segment where the pattern has a literal,
 * or a run-time file name under a moved dir whose files move elsewhere) is `ambiguous`, so that
 * the plan reports it instead of guessing. `undefined`: the path names nothing that moves.
 */
export function relocatePath(pieces: readonly PathPiece[], relocations: readonly Relocation[], anchor: Anchor): Rewrite | Ambiguous | undefined {
  const { segments, trailingSlash } = segmentsOf(pieces);
  const bySpecificity = [...relocations].sort((a, b) => patternOf(b.from).length - patternOf(a.from).length);
  for (const r of bySpecificity) {
    const a = attempt(segments, r, anchor);
    if (!a) continue;
    if (a.verdict === 'maybe') return { kind: 'ambiguous', relocation: r, reason: `a run-time part may name ${r.from.path}, which moves to ${r.to.path}` };
    const after = rebuild(segments, a, r, trailingSlash);
    if (!after) return { kind: 'ambiguous', relocation: r, reason: `the user id in ${r.from.path} has no place in ${r.to.path}` };
    // `./.continuum/...` stays spelled from `./`: the matcher reads segments, the code reads text.
    const first = pieces[0];
    const dotSlash = anchor === 'root' && first !== undefined && isText(first) && first.text.startsWith('./');
    return { kind: 'rewrite', relocation: r, before: dotSlash ? [{ text: './' }] : piecesBefore(segments, a.start), after };
  }
  return undefined;
}

const endsWith = (names: readonly (string | undefined)[], tail: readonly string[]): boolean =>
  tail.length > 0 && names.length >= tail.length && tail.every((s, i) => names[names.length - tail.length + i] === s);

/**
 * A path that relocatePath cannot place but whose last segments spell a moved per-user file
 * (`path.join(dir, 'state.sqlite')` with `dir` unknown): it may be that file under a user dir.
 * A path that ends in the new layout's name for the file (`data/longterm.db`), or names a
 * literal dir before the file, is no such reference. Front ends report it so that nothing naming a moved file passes without a word.
 */
export function mayNameMovedFile(pieces: readonly PathPiece[], relocations: readonly Relocation[]): Relocation | undefined {
  const { segments } = segmentsOf(pieces);
  const names = segments.map(literal);
  return relocations.find((r) => {
    if (r.type !== 'file') return false;
    const pattern = patternOf(r.from);
    const at = pattern.lastIndexOf(USER_ID_SEGMENT);
    if (at === -1 || at === pattern.length - 1) return false;
    const tail = pattern.slice(at + 1);
    // A literal dir right before the file name places it: `cache/state.db` is no user's file.
    const placed = names.length > tail.length && names[names.length - tail.length - 1] !== undefined;
    return endsWith(names, tail) && !placed && !endsWith(names, patternOf(r.to).slice(patternOf(r.to).lastIndexOf(USER_ID_SEGMENT) + 1));
  });
}
