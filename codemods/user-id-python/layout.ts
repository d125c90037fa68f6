// Where lines start and how the file indents, so that inserted statements look like their
// neighbours (tabs or spaces, CRLF or LF) and a BOM stays the first character.

export function lineStart(text: string, offset: number): number {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  return start === 0 && text.charCodeAt(0) === 0xfeff ? 1 : start;
}

/** Offset just past the end of the line holding `offset` (after its terminator), or the text's end. */
export function nextLineStart(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl === -1 ? text.length : nl + 1;
}

/** The leading whitespace of the line holding `offset`. */
export function indentAt(text: string, offset: number): string {
  const start = lineStart(text, offset);
  return /^[ \t]*/.exec(text.slice(start))![0];
}

export function eolOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/** One indentation step as the file uses it: the first block body's indent, else four spaces. */
export function indentUnit(text: string): string {
  const lines = text.split('\n');
  for (let i = 1; i < lines.length; i++) {
    const prev = lines[i - 1]!.replace(/#.*$/, '').trimEnd();
    if (!prev.endsWith(':')) continue;
    const prevIndent = /^[ \t]*/.exec(lines[i - 1]!)![0];
    const indent = /^[ \t]*/.exec(lines[i]!)![0];
    if (indent.length > prevIndent.length && indent.startsWith(prevIndent)) return indent.slice(prevIndent.length);
  }
  return '    ';
}
