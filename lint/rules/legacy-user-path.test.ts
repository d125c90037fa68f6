import { describe, expect, it } from 'vitest';
import { caseMismatches, prefilterMisses, type RuleCase } from '../../tests/helpers/rule-tester.js';
import { parseTypeScript } from '../../parse/typescript.js';
import { findLegacyPaths } from './legacy-user-path.js';

const valid: RuleCase[] = [
  { name: 'the new layout', code: "const p = path.join('.continuum/users', id, 'data/longterm.db');\n" },
  { name: 'legacy names in comments', code: '// was .continuum/personas/{id}/state.db\nconst x = 1;\n' },
  { name: 'a word in prose, not a path segment', code: 'log("migrating the state.db files and env.userid values");\n' },
  { name: 'the persag home', code: "const f = path.join(os.homedir(), '.persag', 'env.userid');\nconst g = `${PERSAG_HOME}/env.userid`;\n" },
  { name: 'similar names', code: "const a = 'state.dbx';\nconst b = '.continuum/personas2';\nconst c = 'mystate.db';\n" },
  { name: 'module specifier', code: "import x from './state.db';\n" },
  { name: 'python persag paths', code: 'from pathlib import Path\nuserid_file = Path.home() / ".persag" / "env.userid"\nf2 = self.persag_dir / "env.userid"\nlog(f"Created ~/.persag/env.userid with USER_ID={uid}")\n', filename: 'a.py' },
  { name: 'python comment', code: '# old: .continuum/personas\nx = 1\n', filename: 'a.py' },
  {
    name: 'the sanctioned resolver\'s backward-compatible fallback',
    filename: 'system/user/directory/server/UserDirectoryManager.ts',
    code: "export class UserDirectoryManager {\n  getPaths(userId: string) {\n    const legacyPath = path.join('.continuum/personas', userId);\n    return fs.existsSync(legacyPath) ? legacyPath : path.join('.continuum/users', userId);\n  }\n}\n",
  },
  {
    name: 'the resolver class in another file, and a configured resolver',
    code: "class UserDirectoryManager {\n  legacy(id: string) { return `.continuum/personas/${id}`; }\n}\nclass Paths {\n  old(id: string) { return `.continuum/personas/${id}/state.db`; }\n}\n",
    options: { resolvers: ['UserDirectoryManager', 'Paths'] },
  },
  {
    name: 'a base that is not the legacy root',
    code: "const baseDir = process.env.DATA_DIR || 'data';\nconst p = path.join(baseDir, 'personas', id);\n",
  },
  { name: 'python resolver class', code: 'class PersagManager:\n    def migrate(self):\n        old = self.repo_root / "env.userid"\n', filename: 'src/personal_agent/core/persag_manager.py' },
];

const invalid: RuleCase[] = [
  { name: 'legacy dir in a string', code: "const base = '.continuum/personas';\n", errors: [{ line: 1, column: 14, message: '.continuum/personas' }] },
  { name: 'assembled with path.join', code: "const legacy = path.join('.continuum', 'personas', userId);\n", errors: [{ line: 1, column: 26 }] },
  {
    name: 'one finding per template literal, naming every legacy location in it',
    code: 'const db = `${root}/.continuum/personas/${id}/state.sqlite`;\n',
    errors: [{ line: 1, column: 19, message: "legacy per-user location '.continuum/personas' and legacy database name 'state.sqlite'" }],
  },
  {
    name: 'a base directory from an env var with a .continuum default',
    code: [
      'export class LongTermMemoryStore {',
      '  private readonly storePath: string;',
      '  constructor(personaId: string) {',
      "    const baseDir = process.env.CONTINUUM_DIR || '.continuum';",
      "    this.storePath = path.join(baseDir, 'personas', personaId, 'memory.json');",
      '  }',
      '}',
      '',
    ].join('\n'),
    errors: [{ line: 5, column: 41, message: "legacy per-user location '.continuum/personas'" }],
  },
  {
    name: 'a base constant at module level and a member base',
    code: [
      "const CONTINUUM_ROOT = path.resolve(process.env.HOME ?? '', '.continuum');",
      'export class Store {',
      "  private base = process.env.CONTINUUM_DIR ?? '.continuum';",
      '  dbFor(id: string) {',
      "    return { a: path.join(CONTINUUM_ROOT, 'personas', id, 'state.db'), b: `${this.base}/personas/${id}` };",
      '  }',
      '}',
      '',
    ].join('\n'),
    errors: [
      { line: 5, column: 43, message: "legacy per-user location '.continuum/personas' and legacy database name 'state.db'" },
      { line: 5, column: 75, message: "legacy per-user location '.continuum/personas'" },
    ],
  },
  { name: 'legacy db name', code: "const dbPath = path.join(dir, 'state.db');\n", errors: [{ line: 1, column: 31, message: "'state.db'" }] },
  { name: 'concatenation', code: "const p = root + '/' + 'state.sqlite';\n", errors: [{ line: 1, column: 24 }] },
  { name: 'repo-root env.userid', code: "const f = path.resolve(__dirname, '..', 'env.userid');\n", errors: [{ line: 1, column: 41, message: '~/.persag/env.userid' }] },
  { name: 'configurable names', code: "const f = 'memory/legacy.sqlite';\n", options: { legacyFiles: ['legacy.sqlite'] }, errors: [{ line: 1, column: 11 }] },
  {
    name: 'python base from an env var default, at module level and in a function',
    filename: 'tools/python/memory_paths.py',
    code: [
      'import os',
      'BASE = os.getenv("CONTINUUM_DIR", ".continuum")',
      'def persona_dir(uid):',
      '    root = os.environ.get("CONTINUUM_HOME") or ".continuum"',
      '    return os.path.join(root, "personas", uid), os.path.join(BASE, "personas", uid, "state.db")',
      '',
    ].join('\n'),
    errors: [{ line: 5, column: 31, message: "legacy per-user location '.continuum/personas'" }, { line: 5, column: 68, message: "and legacy database name 'state.db'" }],
  },
  {
    name: 'an inline env-var base with a .continuum fallback (PersonaLoader)',
    code: "export function personaDir(id: string) {\n  return path.join(process.env.CONTINUUM_DIR || '.continuum', 'personas', id);\n}\n",
    errors: [{ line: 2, column: 49, message: "legacy per-user location '.continuum/personas'" }],
  },
  {
    name: 'python inline env-var bases',
    filename: 'tools/python/inline_paths.py',
    code: 'import os\na = os.path.join(os.getenv("CONTINUUM_DIR", ".continuum"), "personas", uid)\nb = Path(os.environ.get("CONTINUUM_DIR") or ".continuum") / "personas" / uid\n',
    errors: [{ line: 2, column: 45, message: '.continuum/personas' }, { line: 3, column: 45, message: '.continuum/personas' }],
  },
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
  // The prefilter looks for a name as a whole path segment of the raw text; these spell one only once the literal is read.
  {
    name: 'a segment spelt with escapes, the name also in prose',
    code: "const note = 'the personas list';\nconst p = '.continuum/\\x70ersonas';\nconst q = `${dir}/sta\\u{74}e.db`;\n",
    errors: [{ line: 2, column: 11, message: '.continuum/personas' }, { line: 3, column: 17, message: 'state.db' }],
  },
  {
    name: 'a segment split over concatenated literals, the name also in prose',
    code: "const note = 'the personas list';\nconst p = path.join(root, '.continuum/per' + 'sonas');\n",
    errors: [{ line: 2, column: 27, message: '.continuum/personas' }],
  },
  {
    name: 'escaped separators, a line continuation and an interpolation around the name',
    code: "const a = '.continuum\\x2fpersonas';\nconst b = '.continuum\\u{2F}personas\\x2fx';\nconst c = '.continuum/\\\npersonas';\nconst d = `${dir}state.db`;\n",
    errors: [{ line: 1, column: 11 }, { line: 2, column: 11 }, { line: 3, column: 11 }, { line: 5, column: 17, message: 'state.db' }],
  },
  {
    name: 'python f-string pieces',
    filename: 'src/paths.py',
    code: 'p = f"{base}state.db"\nq = f"{base}/.continuum/personas{x}"\n',
    errors: [{ line: 1, column: 13, message: 'state.db' }, { line: 2, column: 13, message: '.continuum/personas' }],
  },
];

describe('legacy-user-path', () => {
  it.each(valid)('valid: $name', async (c) => expect(await caseMismatches('legacy-user-path', c)).toEqual([]));
  it.each(invalid)('invalid: $name', async (c) => expect(await caseMismatches('legacy-user-path', c)).toEqual([]));
  it.each(invalid)('the prefilters let its file through: $name', (c) => expect(prefilterMisses('legacy-user-path', c)).toEqual([]));
  it('the prefilters keep out a name that is no path segment (prose in a placeholder)', () => {
    const c = { name: 'prose', code: 'export const Search = () => <input placeholder="Search personas" title=\'state.db files\' />;\n', filename: 'src/Search.tsx' };
    expect(prefilterMisses('legacy-user-path', c)).toEqual(['text stage']);
  });
});

describe('findLegacyPaths (the detection as a library call, for path codemods)', () => {
  it('returns one hit per path expression with its position and the locations it names', () => {
    const text = "const baseDir = process.env.CONTINUUM_DIR || '.continuum';\nconst a = path.join(baseDir, 'personas', id, 'state.sqlite');\nconst b = '.continuum/users';\n";
    const parsed = parseTypeScript('src/store.ts', text);
    if (!('language' in parsed)) throw new Error(parsed.message);
    const hits = findLegacyPaths(parsed);
    expect(hits).toEqual([
      {
        start: text.indexOf("'personas'"),
        end: text.indexOf("'state.sqlite'") + "'state.sqlite'".length,
        line: 2,
        column: 30,
        message: expect.stringContaining("legacy per-user location '.continuum/personas' and legacy database name 'state.sqlite'"),
        locations: [
          { kind: 'dir', legacy: '.continuum/personas', replacement: '.continuum/users' },
          { kind: 'file', legacy: 'state.sqlite', replacement: 'data/longterm.db' },
        ],
      },
    ]);
    expect(findLegacyPaths(parsed, { legacyFiles: [] })[0]!.locations.map((l) => l.legacy)).toEqual(['.continuum/personas']);
  });
});
