// Pieces of the rules' text prefilters. A prefilter must be a necessary condition (a file it
// rejects can hold no finding), so where a rule needs two tokens in a row the pattern allows
// whatever the language allows between them: white space and comments.

/** Whatever may stand between two tokens of TS/JS: white space, block and line comments. */
export const TOKEN_GAP = String.raw`(?:\s|/\*[\s\S]*?\*/|//.*)*`;
