import { describe, expect, it } from 'vitest';
import { caseMismatches, prefilterMisses, type RuleCase } from '../../tests/helpers/rule-tester.js';

const valid: RuleCase[] = [
  { name: 'inside the data daemon', code: "import Database from 'better-sqlite3';\nconst db = new Database(p);\n", filename: 'daemons/data-daemon/server/SqliteBackend.ts' },
  { name: 'an unrelated Database class declared in the file', code: 'class Database { constructor(readonly name: string) {} }\nconst d = new Database("x");\n', filename: 'src/a.ts' },
  { name: 'an unrelated imported Database', code: "import { Database } from './model/Database';\nexport const d = new Database('users');\n", filename: 'src/a.ts' },
  { name: 'names in comments and strings', code: '// const db = new Database(dbPath);\nconst doc = "new sqlite3.Database(file)";\n', filename: 'src/a.ts' },
  { name: 'type-only import', code: "import type { Database } from 'better-sqlite3';\nlet db: Database | undefined;\n", filename: 'src/a.ts' },
  { name: 'Database is a parameter', code: 'export function make(Database: new (p: string) => object) {\n  return new Database("x");\n}\n', filename: 'src/a.ts' },
  { name: 'Database member of a non-sqlite module', code: "import * as orm from './orm';\nnew orm.Database();\n", filename: 'src/a.ts' },
  { name: 'python connect of another module', code: 'import psycopg\nconn = psycopg.connect("x")\n# sqlite3.connect("y")\ns = "sqlite3.connect"\n', filename: 'app/a.py' },
  { name: 'python inside allowed dir', code: 'import sqlite3\nsqlite3.connect("x")\n', filename: 'daemons/data-daemon/py/store.py' },
  { name: 'the data daemon below a repository root', code: "import Database from 'better-sqlite3';\nexport const db = new Database(p);\n", filename: 'src/debug/jtag/daemons/data-daemon/server/SqliteStorageAdapter.ts' },
  { name: 'an anchored allowIn glob matches from the root only', code: "import sqlite3 from 'sqlite3';\n", filename: 'store/a.ts', options: { allowIn: ['/store/**'] } },
];

const invalid: RuleCase[] = [
  { name: 'default import and construction', code: "import Database from 'better-sqlite3';\nconst db = new Database(dbPath);\n", filename: 'system/user/a.ts', errors: [{ line: 1, column: 1, message: "'better-sqlite3'" }, { line: 2, column: 16 }] },
  { name: 'unresolved Database', code: 'export function open(p: string) {\n  return new Database(p);\n}\n', filename: 'src/a.ts', errors: [{ line: 2, column: 14, message: 'new Database' }] },
  { name: 'unresolved Database in parentheses after a comment', code: 'export function open(p: string) {\n  return new /* legacy */ (Database)(p);\n}\n', filename: 'src/a.ts', errors: [{ line: 2, message: 'new Database' }] },
  { name: 'namespace alias of sqlite3', code: "import * as sq from 'sqlite3';\nconst db = new sq.Database(file);\n", filename: 'src/a.ts', errors: [{ line: 1, column: 1 }, { line: 2, column: 16, message: "'sqlite3'" }] },
  { name: 'require with verbose', code: "const sq = require('sqlite3').verbose();\nconst db = new sq.Database(file);\n", filename: 'src/a.js', errors: [{ line: 1, column: 12 }, { line: 2, column: 16 }] },
  { name: 'node:sqlite DatabaseSync', code: "import { DatabaseSync } from 'node:sqlite';\nconst db = new DatabaseSync(':memory:');\n", filename: 'src/a.mts', errors: [{ line: 1, column: 1 }, { line: 2, column: 16 }] },
  { name: 'bun:sqlite and sqlite', code: "import { Database as B } from 'bun:sqlite';\nimport { open } from 'sqlite';\nnew B('x');\n", filename: 'src/a.ts', errors: [{ line: 1 }, { line: 2 }, { line: 3, column: 5 }] },
  { name: 'import = require', code: "import Db = require('better-sqlite3');\nconst db = new Db('x');\n", filename: 'src/a.cts', errors: [{ line: 1, column: 1 }, { line: 2, column: 16 }] },
  { name: 'inline require', code: "const db = new (require('sqlite3').Database)(file);\n", filename: 'src/a.js', errors: [{ line: 1, column: 16, message: 'database opened' }, { line: 1, column: 17, message: 'require' }] },
  { name: 'an anchored allowIn glob does not match deeper', code: "import sqlite3 from 'sqlite3';\n", filename: 'pkg/store/a.ts', options: { allowIn: ['/store/**'] }, errors: [{ line: 1 }] },
  { name: 'a data-daemon dir that is not under daemons/', code: "import sqlite3 from 'sqlite3';\n", filename: 'legacy/data-daemon/a.ts', errors: [{ line: 1, message: "go through the DataDaemon (Commands.execute('data/read'" }] },
  { name: 'persag advice', code: 'import sqlite3\nconn = sqlite3.connect(DB_PATH)\n', filename: 'src/personal_agent/core/memory.py', profile: 'persag', errors: [{ line: 2, column: 8, message: "sqlite3.connect(...) outside the storage module; open the current user's database from its storage dir per call" }] },
  { name: 'generic advice', code: "import Database from 'better-sqlite3';\n", filename: 'src/db.ts', profile: 'generic', errors: [{ line: 1, message: "import of the SQLite module 'better-sqlite3' outside the allowed data-access dirs; keep database access in one data-access module (option allowIn)" }] },
  { name: 'allowIn is configurable', code: "import Database from 'better-sqlite3';\n", filename: 'daemons/data-daemon/a.ts', options: { allowIn: ['daemons/storage/**'] }, errors: [{ line: 1 }] },
  {
    name: 'python connect through module, alias and from-import',
    filename: 'system/user/legacy_store.py',
    code: 'import sqlite3\nimport sqlite3 as s\nfrom sqlite3 import connect as c\nsqlite3.connect("a")\ns.connect("b")\nc("c")\n',
    errors: [{ line: 4, column: 1, message: 'sqlite3.connect' }, { line: 5, column: 1 }, { line: 6, column: 1 }],
  },
  // The prefilter looks for a module's name as a whole literal; these spell one otherwise.
  {
    name: 'a module name spelt with an escape, the name also in prose',
    code: "const note = 'no sqlite here';\nimport Db from 'better-\\x73qlite3';\nconst db = new Db('a.db');\n",
    filename: 'src/a.ts',
    errors: [{ line: 2, column: 1, message: "'better-sqlite3'" }, { line: 3, column: 16 }],
  },
  { name: 'a require with a template literal', code: 'const sq = require(`sqlite3`);\nconst d = new sq.Database(\'x\');\n', filename: 'src/a.ts', errors: [{ line: 1, column: 12 }, { line: 2, column: 15 }] },
];

describe('direct-db', () => {
  it.each(valid)('valid: $name', async (c) => expect(await caseMismatches('direct-db', c)).toEqual([]));
  it.each(invalid)('invalid: $name', async (c) => expect(await caseMismatches('direct-db', c)).toEqual([]));
  it.each(invalid)('the prefilters let its file through: $name', (c) => expect(prefilterMisses('direct-db', c)).toEqual([]));
  it('the prefilters keep out "sqlite" that names no module (a dialect key, a table, a package of another name)', () => {
    const code = "import { SqliteClient } from '@effect/sql-sqlite-node';\nconst dialects = { sqlite: () => 'SELECT name FROM sqlite_master', pg: () => '' };\nconst sqliteCode = 5;\n";
    expect(prefilterMisses('direct-db', { name: 'dialects', code, filename: 'src/a.ts' })).toEqual(['text stage']);
  });
});
