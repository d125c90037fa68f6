// A non-ASCII file's text as the prefilters see it, without decoding it: a one-byte string in
// which every ASCII character is itself and every other UTF-16 code unit stands as U+0080, or
// as U+00A0 where it is white space (`\s`, trim). Built from the UTF-8 bytes in one pass, it
// costs a fraction of a UTF-8 decode into a two-byte string, and the regexes run faster on it.
// Most non-ASCII files that hold a rule's literals are no candidates (a word in a comment, a
// name in a longer one): their verdict comes from the view and they are never decoded.
//
// Why the verdict is the same: a pattern that passes viewSafe names no character above ASCII
// (other than the line separators, which a viewed text never holds), and has no flag that
// widens what `\s`, `\w`, `\b` or case folding mean (`u`, `v`). Its classes then cannot tell
// apart two non-ASCII code units that are both white space or both not, nor a line separator
// from anything, so a match in the text is a match in the view at the same offsets (one view
// character per code unit, a supplementary character being two) and the other way round. The
// comment-line stripping (engine/comment-lines.ts) splits on `\n`, trims white space and looks
// for ASCII markers only, so it too commutes with the view.

const PLAIN = 0x80;
const SPACE = 0xa0;
/** A code unit no view character can stand for: a line separator, or one `\s` and trim disagree on. */
const NONE = 0;

let kinds: Uint8Array | undefined;

/** For each BMP code unit from 0x80: PLAIN, SPACE or NONE, as this engine's `\s` and trim see it. */
function codeUnitKinds(): Uint8Array {
  if (kinds) return kinds;
  kinds = new Uint8Array(0x10000);
  for (let c = 0x80; c < 0x10000; c++) {
    const ch = String.fromCharCode(c);
    const space = /\s/.test(ch);
    // `.` and a multi-line `^`/`$` treat the line separators as line ends: no view character does.
    const lineEnd = !/./.test(ch);
    kinds[c] = lineEnd || space !== (ch.trim() === '') ? NONE : space ? SPACE : PLAIN;
  }
  return kinds;
}

let scratch = Buffer.allocUnsafe(1 << 16);

/**
 * The view of the text that valid UTF-8 `bytes` hold, without a leading BOM (as the prefilters
 * get the text); undefined when the text holds a code unit the view cannot stand for.
 */
export function oneByteView(bytes: Uint8Array): string | undefined {
  const table = codeUnitKinds();
  if (scratch.length < bytes.length) scratch = Buffer.allocUnsafe(2 ** Math.ceil(Math.log2(bytes.length)));
  const out = scratch;
  const n = bytes.length;
  let i = n >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  let j = 0;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      out[j++] = b;
      i++;
      continue;
    }
    let unit: number;
    if (b < 0xe0) {
      unit = ((b & 0x1f) << 6) | (bytes[i + 1]! & 0x3f);
      i += 2;
    } else if (b < 0xf0) {
      unit = ((b & 0x0f) << 12) | ((bytes[i + 1]! & 0x3f) << 6) | (bytes[i + 2]! & 0x3f);
      i += 3;
    } else {
      // A supplementary character: two code units (a surrogate pair), neither white space.
      out[j++] = PLAIN;
      out[j++] = PLAIN;
      i += 4;
      continue;
    }
    const kind = table[unit]!;
    if (kind === NONE) return undefined;
    out[j++] = kind;
  }
  return out.toString('latin1', 0, j);
}

/** Escapes naming a character by its code: `\xHH`, `\uHHHH`. */
const CODE_ESCAPE = /^(?:x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4})/;

/** Whether `re.test` answers the same on a text's view as on the text (see the top of the file); false when unsure. */
export function viewSafe(re: RegExp): boolean {
  if (/[uvgy]/.test(re.flags)) return false;
  const source = re.source;
  for (let i = 0; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (c >= 0x80) return false;
    if (source[i] !== '\\') continue;
    const e = source[i + 1] ?? '';
    if (e === 'x' || e === 'u') {
      const code = CODE_ESCAPE.exec(source.slice(i + 1, i + 6));
      if (!code) return false;
      const value = parseInt(code[0].slice(1), 16);
      if (value >= 0x80 && value !== 0x2028 && value !== 0x2029) return false;
      i += code[0].length;
    } else if (/[0-9kpPc]/.test(e)) {
      // Octal escapes and back-references (a view can make two different texts equal), property
      // classes, control escapes: not needed by any prefilter, so not reasoned about.
      if (!(e === '0' && !/[0-9]/.test(source[i + 2] ?? ''))) return false;
      i++;
    } else i++;
  }
  return true;
}
