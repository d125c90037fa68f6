// Reading a project file the way a codemod edits it: raw bytes for the prefilter, decoded
// UTF-8 text (BOM kept) for parsing and splicing, or a warning when the file is not text.
import fs from 'node:fs';
import { abs, loc } from '../../plan/paths.js';
import { decodeText } from '../../plan/text.js';
import type { Roots, Warning } from '../../plan/types.js';

export function readProjectBytes(roots: Roots, rel: string): Buffer {
  return fs.readFileSync(abs(roots, loc('project', rel)));
}

export type DecodedSource = { ok: true; text: string } | { ok: false; warning: Warning };

/** Decodes a file's bytes, turning binary or non-UTF-8 content into a `not-text` warning. */
export function decodeSource(source: string, rel: string, bytes: Uint8Array): DecodedSource {
  const decoded = decodeText(bytes);
  if (decoded.ok) return { ok: true, text: decoded.text };
  return {
    ok: false,
    warning: { source, file: rel, code: 'not-text', message: `skipped: the file is ${decoded.reason}` },
  };
}
