// What a file's bytes make of it for the linter: a candidate to parse (with the rules whose
// prefilters it passes), a file that cannot be linted (binary, not UTF-8), or nothing to do.
// The same in the main thread and in the reader thread (engine/reader.ts).
import { isAscii } from 'node:buffer';
import { decodeText, notTextReason, type NotText } from '../../plan/text.js';
import type { ParseFailure } from '../types.js';
import { judgedOnView, mayBeCandidate, prefilterVerdict, type RuleSet } from './lint-file.js';
import { oneByteView } from './one-byte-view.js';
import type { Job } from './pool.js';

export type Scanned = { job: Job } | { failure: ParseFailure } | undefined;

function notTextFailure(file: string, reason: NotText): ParseFailure {
  return { file, line: 1, column: 1, message: reason === 'binary' ? 'binary file, cannot lint it' : 'not valid UTF-8, cannot lint it' };
}

function candidate(file: string, text: string, withoutBom: string, rules: RuleSet): Scanned {
  const passing = prefilterVerdict(file, withoutBom, rules);
  return passing ? { job: { file, text, passing } } : undefined;
}

export function scanBytes(file: string, bytes: Buffer, rules: RuleSet): Scanned {
  // An ASCII file is its own text (as one-byte Latin-1): no byte stage, no UTF-8 decoder.
  if (isAscii(bytes)) {
    const reason = notTextReason(bytes);
    if (reason) return { failure: notTextFailure(file, reason) };
    const text = bytes.toString('latin1');
    return candidate(file, text, text, rules);
  }
  // Most files hold none of the rules' literals: those are checked to be text, never decoded.
  if (!mayBeCandidate(file, bytes, rules)) {
    const reason = notTextReason(bytes);
    return reason ? { failure: notTextFailure(file, reason) } : undefined;
  }
  const reason = notTextReason(bytes);
  if (reason) return { failure: notTextFailure(file, reason) };
  // Judged on its one-byte view where that gives the text's verdict: only candidates are decoded.
  const view = judgedOnView(file, rules) ? oneByteView(bytes) : undefined;
  if (view !== undefined) {
    const passing = prefilterVerdict(file, view, rules);
    if (!passing) return undefined;
    const decoded = decodeText(bytes);
    return decoded.ok ? { job: { file, text: decoded.text, passing } } : { failure: notTextFailure(file, decoded.reason) };
  }
  const decoded = decodeText(bytes);
  if (!decoded.ok) return { failure: notTextFailure(file, decoded.reason) };
  return candidate(file, decoded.text, decoded.text.replace(/^\uFEFF/, ''), rules);
}

export function unreadable(file: string, e: unknown): ParseFailure {
  // Gone since the walk (a build running alongside) or unreadable: say so, lint the rest.
  return { file, line: 1, column: 1, message: `cannot read the file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` };
}
