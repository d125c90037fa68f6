// Pieces of the rules' text prefilters. A prefilter must be a necessary condition (a file it
// rejects can hold no finding), so where a rule needs two tokens in a row the pattern allows
// whatever the language allows between them: white space and comments.

/** Whatever may stand between two tokens of TS/JS: white space, block and line comments. */
export const TOKEN_GAP = String.raw`(?:\s|/\*[\s\S]*?\*/|//.*)*`;

/**
 * An escape in a string literal that can stand for a character of a name (`\x73`, `\u{73}`,
 * `\163`, Python's `\N{...}`, an identity escape `\s`): any but those that stand for a control
 * character, a quote, a separator or `$`.
 */
export const SPELLING_ESCAPE = String.raw`\\[^nrtbfv'"\`/\\$\n\r\u2028\u2029]`;

/**
 * A text that holds one of `names` and, anywhere, a match of `also` (regex sources). Anchored
 * at the start, so it costs one pass: `also[\s\S]*?names` would search the rest of the text
 * again from every match of `also` (a bundled script has thousands of escapes).
 */
export function namesAnywhereWith(names: string, also: string): string {
  return String.raw`^(?=[\s\S]*?(?:${also}))[\s\S]*?(?:${names})`;
}
