import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runLint } from '../index.js';
import { tempDir, writeTree } from '../../tests/helpers/tree.js';
import { caseMismatches, prefilterMisses, type RuleCase } from '../../tests/helpers/rule-tester.js';

const valid: RuleCase[] = [
  { name: 'process.env.USER_ID', code: 'const id = process.env.USER_ID ?? "x";\n' },
  { name: 'name in a comment and a string', code: '// import { USER_ID } from "./settings"\nconst s = "settings.USER_ID";\n' },
  { name: 'local constant unrelated to any import', code: 'const USER_ID = "local";\nexport function f() { return USER_ID; }\n' },
  { name: 'the accessor', code: "import { getUserId } from '../config/settings';\nconsole.log(getUserId());\n" },
  { name: 'type-only import', code: "import type { USER_ID } from './settings';\ntype T = typeof USER_ID;\n" },
  { name: 'member of a shadowing parameter', code: "import * as settings from './settings';\nfunction f(settings: { USER_ID: string }) { return settings.USER_ID; }\n" },
  { name: 'member of a non-import object', code: 'const cfg = { USER_ID: "x" };\nconsole.log(cfg.USER_ID);\n' },
  { name: 'module filter excludes other modules', code: "import { USER_ID } from './env';\n", options: { modules: ['config/settings'] } },
  { name: 'unused import (nothing reads it)', code: "import { USER_ID } from '../config/settings';\nexport const nothing = 1;\n" },
  { name: 'shadowed everywhere', code: "import { USER_ID } from './settings';\nexport function f(USER_ID: string) { return USER_ID; }\n" },
  { name: 'computed key', code: "import * as s from './settings';\nexport const f = (k: 'USER_ID') => s[k];\n" },
  { name: 'python os.getenv and environ', code: 'import os\nuid = os.getenv("USER_ID")\nother = os.environ["USER_ID"]\n', filename: 'app/a.py' },
  { name: 'python comment, string and local name', code: '# from config.settings import USER_ID\nUSER_ID = "x"\nprint("settings.USER_ID", USER_ID)\n', filename: 'app/a.py' },
  { name: 'compatibility re-export left by the codemod (accessor exported next to it)', code: "export { USER_ID, getUserId, DATA_DIR } from './settings.js';\n" },
  { name: 'import used only in a type position', code: "import { USER_ID, getUserId } from '../config/settings.js';\nexport type Id = typeof USER_ID;\nexport const ctx = () => ({ USER_ID: getUserId() });\n" },
  { name: 'python compatibility re-export next to the accessor', code: 'from .settings import (\n    DATA_DIR,\n    USER_ID,\n    get_userid,\n)\n', filename: 'app/config/__init__.py' },
  { name: 'python class attribute', code: 'from .models import Config\nprint(Config.USER_ID)\n', filename: 'app/a.py' },
];

const invalid: RuleCase[] = [
  { name: 'named import', code: "import { USER_ID } from '../config/settings';\nconsole.log(USER_ID);\n", errors: [{ line: 1, column: 10, message: 'getUserId()' }] },
  { name: 'aliased import among others', code: "import { DATA_DIR, USER_ID as uid } from './settings';\nexport const dir = `${DATA_DIR}/${uid}`;\n", errors: [{ line: 1, column: 20 }] },
  { name: 'namespace member', code: "import * as settings from './config/settings';\nexport const a = () => settings.USER_ID;\n", errors: [{ line: 2, column: 24 }] },
  { name: 'default import member', code: "import cfg from './settings';\nconst x = cfg['USER_ID'];\n", errors: [{ line: 2, column: 11 }] },
  { name: 'require destructuring', code: "const { USER_ID } = require('./settings');\nmodule.exports = () => USER_ID;\n", filename: 'src/a.cjs', errors: [{ line: 1, column: 9 }] },
  { name: 'require member and required object', code: "const settings = require('./settings');\nconst a = settings.USER_ID;\nconst b = require('./settings').USER_ID;\n", filename: 'src/a.js', errors: [{ line: 2, column: 11 }, { line: 3, column: 11 }] },
  { name: 're-export', code: "export { USER_ID } from './settings';\n", errors: [{ line: 1, column: 10 }] },
  { name: 'import used as a type and as a value', code: "import { USER_ID } from './settings';\ntype T = typeof USER_ID;\nconst x: T = USER_ID;\n", errors: [{ line: 1, column: 10 }] },
  { name: 'python re-export without the accessor', code: 'from .settings import DATA_DIR, USER_ID\n', filename: 'app/config/__init__.py', errors: [{ line: 1, column: 33 }] },
  { name: 'element access with double quotes', code: 'import * as settings from "./settings";\nexport const a = () => settings["USER_ID"];\n', errors: [{ line: 2, column: 24 }] },
  { name: 'destructured from a required module object, in a function', code: "const settings = require('./settings');\nfunction f() {\n  const { DATA_DIR, USER_ID: uid } = settings;\n  return DATA_DIR + uid;\n}\n", filename: 'src/a.cjs', errors: [{ line: 3, column: 21 }] },
  { name: 'dynamic import: member, namespace, destructured, then()', code: "export async function f() {\n  const s = await import('./settings');\n  const { USER_ID: id } = await import('./settings');\n  return [s.USER_ID, id, (await import('./settings')).USER_ID];\n}\nexport const g = () => import('./settings').then((m) => m.USER_ID);\n", errors: [{ line: 3, column: 11 }, { line: 4, column: 11 }, { line: 4, column: 26 }, { line: 6, column: 57 }] },
  { name: 'require of the settings inside a function', code: "function f() {\n  const { USER_ID } = require('./settings');\n  return USER_ID;\n}\n", filename: 'src/a.js', errors: [{ line: 2, column: 11 }] },
  { name: 'destructured from a namespace', code: "import * as s from './settings';\nconst { USER_ID: id } = s;\n", errors: [{ line: 2, column: 9 }] },
  { name: 'module filter matches by segments', code: "import { USER_ID } from '../../config/settings';\nconsole.log(USER_ID);\n", options: { modules: ['config/settings'] }, errors: [{ line: 1 }] },
  {
    name: 'python from-imports: plain, alias, relative, parenthesised, in a function',
    filename: 'src/personal_agent/tools/a.py',
    code: [
      'from personal_agent.config.settings import USER_ID',
      'from ..config.settings import USER_ID as SETTINGS_USER_ID',
      'from personal_agent.config import (',
      '    AGNO_STORAGE_DIR,',
      '    USER_ID,  # keep',
      ')',
      'def f():',
      '    from config.settings import USER_ID',
      '    return USER_ID',
      '',
    ].join('\n'),
    errors: [{ line: 1, column: 44, message: 'get_userid()' }, { line: 2, column: 31 }, { line: 5, column: 5 }, { line: 8, column: 33 }],
  },
  {
    name: 'python getattr with a literal name, on a module and through a package',
    filename: 'app/a.py',
    code: 'from ..config import settings\nimport app.config\nuid = getattr(settings, "USER_ID")\nother = getattr(app.config, \'USER_ID\', None)\nkey = getattr(settings, name)\n',
    errors: [{ line: 3, column: 7 }, { line: 4, column: 9 }],
  },
  {
    name: 'python import from a module named like settings that the project may lack',
    filename: 'app/a.py',
    code: 'from personal_agent.legacy.settings import USER_ID as LEGACY\nprint(LEGACY)\n',
    errors: [{ line: 1, column: 44 }],
  },
  {
    name: 'python module attributes',
    filename: 'a.py',
    code: 'from ..config import settings\nimport app.config.settings\nimport app.config.settings as cs\nprint(settings.USER_ID, app.config.settings.USER_ID, cs.USER_ID)\n',
    errors: [{ line: 4, column: 7 }, { line: 4, column: 25 }, { line: 4, column: 54 }],
  },
];

describe('static-user-id', () => {
  it.each(valid)('valid: $name', async (c) => expect(await caseMismatches('static-user-id', c)).toEqual([]));
  it.each(invalid)('invalid: $name', async (c) => expect(await caseMismatches('static-user-id', c)).toEqual([]));
  it.each(invalid)('the prefilters let its file through: $name', (c) => expect(prefilterMisses('static-user-id', c)).toEqual([]));
});

// A Python module that defines the constant as a key name (an event or storage key named like it)
// is no settings module: `migrate-users lint` leaves its importers alone, as the codemod does,
// whether it reads that module itself or only scans it (outside --paths), with or without a cache.
describe('static-user-id and Python key-name modules', () => {
  it('reports the importer of the settings module, not the importer of the key-name module', async () => {
    const root = tempDir('mu-lint-py-keyname-');
    const cache = path.join(root, '.cache.json');
    try {
      writeTree(root, {
        'app/__init__.py': '',
        'app/events.py': '"""Socket event names."""\n\nUSER_ID = "USER_ID"\nUSER_SWITCHED = "user/switched"\n',
        'app/socket.py': 'from .events import USER_ID\n\n\ndef announce(bus, uid):\n    bus.emit(USER_ID, uid)\n',
        'app/settings.py': 'import os\n\nUSER_ID = os.getenv("USER_ID", "default_user")\n',
        'app/profile.py': 'from .settings import USER_ID\n\n\ndef owner():\n    return f"/users/{USER_ID}"\n',
      });
      const findings = async (opts: { paths?: string[]; cache?: string }) =>
        (await runLint({ root, ...opts })).findings.filter((f) => f.ruleId === 'static-user-id').map((f) => `${f.file}:${f.line}`);
      expect(await findings({})).toEqual(['app/profile.py:1']);
      expect(await findings({ paths: ['app/socket.py', 'app/profile.py'] })).toEqual(['app/profile.py:1']);
      expect(await findings({ cache })).toEqual(['app/profile.py:1']);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
