// Comments of a parsed file that contain a given marker, found through the syntax tree so that
// the marker inside a string or template literal never counts as a comment.
import type ts from 'typescript';
import { typescript } from '../../parse/ts-api.js';
import type { ParsedFile, TsParsedFile } from '../types.js';

export interface Comment {
  /** Text without the comment delimiters. */
  body: string;
  start: number;
  end: number;
}

/** The token whose full range (leading trivia included) contains `pos`. */
function tokenAt(sf: ts.SourceFile, pos: number): ts.Node {
  let node: ts.Node = sf;
  for (;;) {
    const child = node.getChildren(sf).find((c) => c.getFullStart() <= pos && pos < c.getEnd());
    if (!child) return node;
    node = child;
  }
}

function tsCommentsWith(file: TsParsedFile, marker: string): Comment[] {
  const { sourceFile: sf, text } = file;
  const found = new Map<number, Comment>();
  for (let at = text.indexOf(marker); at !== -1; at = text.indexOf(marker, at + marker.length)) {
    const token = tokenAt(sf, at);
    // Only trivia (whitespace and comments) precedes a token's start.
    if (at >= token.getStart(sf) && token.kind !== typescript.SyntaxKind.EndOfFileToken) continue;
    const full = token.getFullStart();
    const ranges = [...(typescript.getTrailingCommentRanges(text, full) ?? []), ...(typescript.getLeadingCommentRanges(text, full) ?? [])];
    const range = ranges.find((r) => r.pos <= at && at < r.end);
    if (!range || found.has(range.pos)) continue;
    const raw = text.slice(range.pos, range.end);
    const body = range.kind === typescript.SyntaxKind.SingleLineCommentTrivia ? raw.slice(2) : raw.slice(2, -2);
    found.set(range.pos, { body, start: range.pos, end: range.end });
  }
  return [...found.values()];
}

export function commentsWith(file: ParsedFile, marker: string): Comment[] {
  if (!file.text.includes(marker)) return [];
  if (file.language === 'ts') return tsCommentsWith(file, marker);
  const out: Comment[] = [];
  for (const node of file.root.descendantsOfType('comment')) {
    if (node && node.text.includes(marker)) out.push({ body: node.text.slice(1), start: node.startIndex, end: node.endIndex });
  }
  return out;
}
