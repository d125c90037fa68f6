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
  const kept: string[] = [];
  let inBlock = false;
  let start = 0;
  while (start <= text.length) {
    const nl = text.indexOf('\n', start);
    const end = nl === -1 ? text.length : nl;
    const line = text.slice(start, end);
    const body = line.trim();
    // Kept whatever it is, but it leaves a block comment's state as it found it.
    const mayHoldCode = line.includes('${');
    let comment = false;
    if (body.startsWith('//')) comment = !mayHoldCode;
    else if (inBlock && body.startsWith('*')) {
      comment = !mayHoldCode && (closesAtEnd(body, 0) || !body.includes('*/'));
      inBlock = !body.includes('*/');
    } else if (body.startsWith('/*')) {
      comment = !mayHoldCode && (closesAtEnd(body, 2) || !body.includes('*/', 2));
      inBlock = !body.includes('*/', 2);
    } else inBlock = false;
    kept.push(comment ? '' : line);
    if (nl === -1) break;
    start = nl + 1;
  }
  return kept.join('\n');
}

/** Whether the first `*` `/` at or after `from` is the end of the trimmed line. */
function closesAtEnd(body: string, from: number): boolean {
  const close = body.indexOf('*/', from);
  return close !== -1 && close === body.length - 2;
}
