import { describe, expect, it } from 'vitest';
import { caseMismatches, type RuleCase } from '../engine/lint-snippet.js';

const valid: RuleCase[] = [
  { name: 'the new layout', code: "const p = path.join('.continuum/users', id, 'data/longterm.db');\n" },
  { name: 'legacy names in comments', code: '// was .continuum/personas/{id}/state.db\nconst x = 1;\n' },
  { name: 'a word in prose, not a path segment', code: 'log("migrating the state.db files and env.userid values");\n' },
  { name: 'the persag home', code: "const f = path.join(os.homedir(), '.persag', 'env.userid');\nconst g = `${PERSAG_HOME}/env.userid`;\n" },
  { name: 'similar names', code: "const a = 'state.dbx';\nconst b = '.continuum/personas2';\nconst c = 'mystate.db';\n" },
  { name: 'module specifier', code: "import x from './state.db';\n" },
  { name: 'python persag paths', code: 'from pathlib import Path\nuserid_file = Path.home() / ".persag" / "env.userid"\nf2 = self.persag_dir / "env.userid"\nlog(f"Created ~/.persag/env.userid with USER_ID={uid}")\n', filename: 'a.py' },
  { name: 'python comment', code: '# old: .continuum/personas\nx = 1\n', filename: 'a.py' },
];

const invalid: RuleCase[] = [
  { name: 'legacy dir in a string', code: "const base = '.continuum/personas';\n", errors: [{ line: 1, column: 14, message: '.continuum/personas' }] },
  { name: 'assembled with path.join', code: "const legacy = path.join('.continuum', 'personas', userId);\n", errors: [{ line: 1, column: 26 }] },
  { name: 'template literal', code: 'const db = `${root}/.continuum/personas/${id}/state.sqlite`;\n', errors: [{ line: 1, column: 19, message: 'personas' }, { line: 1, column: 45, message: 'state.sqlite' }] },
  { name: 'legacy db name', code: "const dbPath = path.join(dir, 'state.db');\n", errors: [{ line: 1, column: 31, message: "'state.db'" }] },
  { name: 'concatenation', code: "const p = root + '/' + 'state.sqlite';\n", errors: [{ line: 1, column: 24 }] },
  { name: 'repo-root env.userid', code: "const f = path.resolve(__dirname, '..', 'env.userid');\n", errors: [{ line: 1, column: 41, message: '~/.persag/env.userid' }] },
  { name: 'configurable names', code: "const f = 'memory/legacy.sqlite';\n", options: { legacyFiles: ['legacy.sqlite'] }, errors: [{ line: 1, column: 11 }] },
  {
    name: 'python strings, f-strings, pathlib and os.path.join',
    filename: 'src/personal_agent/core/user_loader.py',
    code: [
      'import os',
      'def load_user_from_file(project_root):',
      '    userid_file = project_root / "env.userid"',
      '    legacy = os.path.join(BASE, ".continuum", "personas", uid)',
      '    db = f"{legacy}/state.db"',
      '',
    ].join('\n'),
    errors: [{ line: 3, column: 34, message: 'env.userid' }, { line: 4, column: 33, message: 'personas' }, { line: 5, column: 20, message: 'state.db' }],
  },
];

describe('legacy-user-path', () => {
  it.each(valid)('valid: $name', async (c) => expect(await caseMismatches('legacy-user-path', c)).toEqual([]));
  it.each(invalid)('invalid: $name', async (c) => expect(await caseMismatches('legacy-user-path', c)).toEqual([]));
});
