import { isUtf8 } from 'node:buffer';
import type { Splice } from './types.js';

// Only ever given bytes that isUtf8 accepted, so it never has to replace anything.
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

export type NotText = 'binary' | 'not UTF-8';
export type DecodedFile = { ok: true; text: string } | { ok: false; reason: NotText };

/** Why bytes are not text (a NUL among the first 8000 bytes, or invalid UTF-8), found without decoding them. */
export function notTextReason(bytes: Uint8Array): NotText | undefined {
  if (bytes.subarray(0, 8000).includes(0)) return 'binary';
  return isUtf8(bytes) ? undefined : 'not UTF-8';
}

/** Decodes bytes as UTF-8 keeping a BOM as U+FEFF, so that encoding gives back the same bytes. */
export function decodeText(bytes: Uint8Array): DecodedFile {
  const reason = notTextReason(bytes);
  return reason ? { ok: false, reason } : { ok: true, text: decoder.decode(bytes) };
}

export function encodeText(text: string): Buffer {
  return Buffer.from(text, 'utf8');
}

/** Applies non-overlapping splices given against `text`. */
export function applySplices(text: string, splices: readonly Splice[]): string {
  const sorted = [...splices].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let pos = 0;
  for (const s of sorted) {
    if (s.start < pos || s.end < s.start || s.end > text.length) {
      throw new Error(`overlapping or out-of-range splice [${s.start}, ${s.end})`);
    }
    out += text.slice(pos, s.start) + s.text;
    pos = s.end;
  }
  return out + text.slice(pos);
}

/**
 * Minimal line-granular splices turning `before` into `after`: used when a source hands over
 * whole new text (or when two sources edit one file) so the plan stores only changed lines.
 */
export function splicesBetween(before: string, after: string): Splice[] {
  if (before === after) return [];
  const a = splitKeep(before);
  const b = splitKeep(after);
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const start = a.slice(0, head).join('').length;
  const end = before.length - a.slice(a.length - tail).join('').length;
  const text = b.slice(head, b.length - tail).join('');
  return [{ start, end, text }];
}

/** Splits into lines keeping their terminators, so joining gives the input back. */
export function splitKeep(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

export function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}
