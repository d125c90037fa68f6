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
const SPELLING_ESCAPE = String.raw`\\[^nrtbfv'"\`/\\$\n\r\u2028\u2029]`;

/**
 * Alternatives for a rule whose prefilter looks for names as they are spelt inside literals: a
 * literal can spell a name with escapes (`'\x73qlite3'`), so a file that holds one of the names
 * anywhere (`names`: a regex alternation) and such an escape anywhere passes too.
 */
export function namesAndSpellingEscape(names: string): string[] {
  return [String.raw`(?:${names})[\s\S]*?${SPELLING_ESCAPE}`, String.raw`${SPELLING_ESCAPE}[\s\S]*?(?:${names})`];
}
