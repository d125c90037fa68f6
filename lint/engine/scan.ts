// What a file's bytes make of it for the linter: a candidate to parse (with the rules whose
// prefilters it passes), a file that cannot be linted (binary, not UTF-8), or nothing to do.
// The same in the main thread and in the reader thread (engine/reader.ts).
import { isAscii } from 'node:buffer';
import { decodeText, notTextReason, type NotText } from '../../plan/text.js';
import type { ParseFailure } from '../types.js';
import { judgedOnView, maySuppress, prefilterVerdict, rulesFoundInBytes, type RuleSet } from './lint-file.js';
import { oneByteView } from './one-byte-view.js';
import type { Job } from './pool.js';

export type Scanned = { job: Job } | { failure: ParseFailure } | undefined;

function notTextFailure(file: string, reason: NotText): ParseFailure {
  return { file, line: 1, column: 1, message: reason === 'binary' ? 'binary file, cannot lint it' : 'not valid UTF-8, cannot lint it' };
}

export function scanBytes(file: string, bytes: Buffer, rules: RuleSet): Scanned {
  const job = (text: string, passing: string[] | undefined): Scanned => (passing ? { job: { file, text, passing } } : undefined);
  // An ASCII file is its own text (as one-byte Latin-1): no byte stage, no UTF-8 decoder.
  if (isAscii(bytes)) {
    const reason = notTextReason(bytes);
    if (reason) return { failure: notTextFailure(file, reason) };
    const text = bytes.toString('latin1');
    return job(text, prefilterVerdict(file, text, rules));
  }
  // Most files hold none of the rules' literals: those are checked to be text, never decoded
  // nor searched with the regexes, and the others only with the regexes of the rules found.
  const among = rulesFoundInBytes(file, bytes, rules);
  const reason = notTextReason(bytes);
  if (reason) return { failure: notTextFailure(file, reason) };
  if (among.length === 0 && !maySuppress(file, bytes, rules)) return undefined;
  // Judged on its one-byte view where that gives the text's verdict: only candidates are decoded.
  const view = judgedOnView(file, rules) ? oneByteView(bytes) : undefined;
  const passing = view !== undefined ? prefilterVerdict(file, view, rules, among) : undefined;
  if (view !== undefined && !passing) return undefined;
  const decoded = decodeText(bytes);
  if (!decoded.ok) return { failure: notTextFailure(file, decoded.reason) };
  return job(decoded.text, passing ?? prefilterVerdict(file, decoded.text.replace(/^\uFEFF/, ''), rules, among));
}

export function unreadable(file: string, e: unknown): ParseFailure {
  // Gone since the walk (a build running alongside) or unreadable: say so, lint the rest.
  return { file, line: 1, column: 1, message: `cannot read the file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` };
}
