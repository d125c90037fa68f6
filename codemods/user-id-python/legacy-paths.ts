// Code that still reads the user id from the repo-root `env.userid` (e.g. a `load_user_from_file()`
// building `BASE_DIR / "env.userid"`): after the persag-home migration the file lives in
// `<persag home>/env.userid`. Text-level, so that the lint rule `legacy-user-path` can reuse it.

export interface LegacyPathHit {
  line: number;
  column: number;
  /** The string literal as written. */
  literal: string;
}

const LITERAL = /(?<![\w])[rRbBuUfF]{0,2}(["'])((?:(?!\1)[^\\\n]|\\.)*)\1/g;

/** String literals naming `env.userid` on lines that do not mention the persag home. */
export function findLegacyUserIdPaths(text: string): LegacyPathHit[] {
  const hits: LegacyPathHit[] = [];
  text.split('\n').forEach((line, i) => {
    const code = line.replace(/^\s*#.*$/, '');
    if (/persag/i.test(code)) return;
    for (const m of code.matchAll(LITERAL)) {
      if (/(^|[\\/])env\.userid$/.test(m[2]!)) hits.push({ line: i + 1, column: m.index! + 1, literal: m[0] });
    }
  });
  return hits;
}
