// The code of a TS/JS file for the prefilters of rules whose findings are all in code: comment
// lines are left out, so that a timer or class named only in documentation (JSDoc examples,
// commented-out code) costs no parse. Line-based and conservative: a line is left out only when
// it cannot hold code, whatever the surrounding tokens are, except for template literals whose
// text lines look like comments, end on such a line and go on with code there (too far-fetched
// to cater for). A line with a `${` is always kept: in template text it holds code.
//  - A line starting with `//` is a line comment, or the text of a string or template: no code.
//  - A line starting with `/*` that either ends with its `*/` or opens a block, and the lines of
//    that block that start with `*` (JSDoc style), up to the one ending with `*/`. A `*/`
//    followed by anything keeps its line, and a block line that does not start with `*` ends
//    the block.

/** The text without the lines that can only be comment (or string) text; line breaks kept. */
export function withoutCommentLines(text: string): string {
  if (!text.includes('//') && !text.includes('/*')) return text;
  const lines = new LineScanner(text);
  // Kept text is copied in runs of lines, between the comment lines left out.
  let out = '';
  let keptFrom = 0;
  let inBlock = false;
  let start = 0;
  while (start <= text.length) {
    const nl = text.indexOf('\n', start);
    const end = nl === -1 ? text.length : nl;
    const line = lines.kind(start, end, inBlock);
    if (line & COMMENT) {
      out += text.slice(keptFrom, start);
      keptFrom = end;
    }
    inBlock = (line & IN_BLOCK) !== 0;
    if (nl === -1) break;
    start = nl + 1;
  }
  return keptFrom === 0 ? text : out + text.slice(keptFrom);
}

/** LineScanner.kind's bits: the line can only be comment text; a block comment is open after it. */
const COMMENT = 1;
const IN_BLOCK = 2;

/** Space, tab and the `\r` of CRLF: the white space around nearly every line. */
const isBlank = (c: number): boolean => c === 32 || c === 9 || c === 13;
/** Code units that trim() may remove besides those (other controls, Unicode white space). */
const mayBeSpace = (c: number): boolean => c < 32 || c >= 0x80;

/** Reads a text's lines in order, without copying them: the markers are searched once for the whole text. */
class LineScanner {
  private nextDollarBrace = -1;
  private nextClose = -1;
  constructor(private readonly text: string) {}

  /** The first `${` at or after `from`. */
  private dollarBraceFrom(from: number): number {
    if (this.nextDollarBrace !== -2 && this.nextDollarBrace < from) this.nextDollarBrace = this.text.indexOf('${', from);
    if (this.nextDollarBrace === -1) this.nextDollarBrace = -2;
    return this.nextDollarBrace === -2 ? Infinity : this.nextDollarBrace;
  }

  /** The first `*` `/` at or after `from`. */
  private closeFrom(from: number): number {
    if (this.nextClose !== -2 && this.nextClose < from) this.nextClose = this.text.indexOf('*/', from);
    if (this.nextClose === -1) this.nextClose = -2;
    return this.nextClose === -2 ? Infinity : this.nextClose;
  }

  /** What text[start, end) is, given whether a block comment is open before it; lines come in order. */
  kind(start: number, end: number, inBlock: boolean): number {
    const text = this.text;
    // The trimmed line is text[from, to).
    let from = start;
    while (from < end && isBlank(text.charCodeAt(from))) from++;
    let to = end;
    while (to > from && isBlank(text.charCodeAt(to - 1))) to--;
    if (to > from && (mayBeSpace(text.charCodeAt(from)) || mayBeSpace(text.charCodeAt(to - 1)))) {
      const line = text.slice(start, end);
      const body = line.trim();
      from = start + line.indexOf(body);
      to = from + body.length;
    }
    if (to - from < 1) return 0;
    const c0 = text.charCodeAt(from);
    const c1 = to - from > 1 ? text.charCodeAt(from + 1) : 0;
    let closeAfter: number;
    if (c0 === 47 && c1 === 47) closeAfter = -1;
    else if (inBlock && c0 === 42) closeAfter = from;
    else if (c0 === 47 && c1 === 42) closeAfter = from + 2;
    else return 0;
    // Kept whatever it is, but it leaves a block comment's state as it found it.
    const mayHoldCode = this.dollarBraceFrom(start) + 2 <= end;
    if (closeAfter === -1) return (mayHoldCode ? 0 : COMMENT) | (inBlock ? IN_BLOCK : 0);
    const close = this.closeFrom(closeAfter);
    const closes = close + 2 <= to;
    const comment = !mayHoldCode && (!closes || close === to - 2);
    return (comment ? COMMENT : 0) | (closes ? 0 : IN_BLOCK);
  }
}
