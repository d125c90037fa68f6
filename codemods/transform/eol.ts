// Line endings of a changed file. recast prints the lines it reprints with `\n` whatever the file
// uses, so jscodeshift writes a CRLF file back with LF (or mixed) endings; by default we keep a
// file that was CRLF throughout CRLF throughout, and `--eol lf` gives jscodeshift's bytes.

/** `keep`: a CRLF file stays CRLF. `lf`: the transform's output as it is, as jscodeshift writes it. */
export type EolMode = 'keep' | 'lf';
export const EOL_MODES: readonly EolMode[] = ['keep', 'lf'];

/** Every line break is CRLF (and there is at least one). */
function allCrlf(text: string): boolean {
  return text.includes('\r\n') && !/(^|[^\r])\n/.test(text);
}

/** The text a transform step leaves, `after`, with the line endings `mode` asks for given `before`. */
export function withEol(mode: EolMode, before: string, after: string): string {
  return mode === 'keep' && allCrlf(before) ? after.replace(/\r?\n/g, '\r\n') : after;
}
