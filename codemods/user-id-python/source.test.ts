// The operation source on small real temp projects: discovery, prefilter, undecodable files,
// options, plus the text-level legacy `env.userid` finder.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { UsageError } from '../../plan/errors.js';
import { ProjectFiles } from '../../plan/files.js';
import { applySplices, decodeText } from '../../plan/text.js';
import type { EditOp } from '../../plan/types.js';
import { findLegacyUserIdPaths, resolvePythonOptions, userIdPythonSource } from './index.js';
import { runSource } from '../../tests/helpers/sources.js';

const temps: string[] = [];
afterEach(() => {
  for (const t of temps.splice(0)) fs.rmSync(t, { recursive: true, force: true });
});

function project(files: Record<string, string | Buffer>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'uidpy-src-'));
  temps.push(root);
  for (const [rel, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), content);
  }
  return root;
}

const SETTINGS = 'import os\nUSER_ID = os.getenv("USER_ID", "default_user")\n';

function plan(root: string, options: Record<string, unknown> = {}, paths: string[] = [], config: Record<string, unknown> = {}) {
  return runSource(userIdPythonSource, { roots: { project: root }, config, options, files: new ProjectFiles(root), paths });
}

function applied(root: string, op: EditOp): string {
  const decoded = decodeText(fs.readFileSync(path.join(root, op.path.path)));
  if (!decoded.ok) throw new Error('not text');
  return applySplices(decoded.text, op.splices);
}

describe('userIdPythonSource', () => {
  it('is a code source named user-id-python', () => {
    expect(userIdPythonSource.name).toBe('user-id-python');
    expect(userIdPythonSource.category).toBe('code');
  });

  it('writes `str | None` without importing Optional when pyproject requires Python >= 3.10', async () => {
    const code = 'from app.settings import USER_ID\n\n\ndef load(user_id: str = USER_ID):\n    return user_id\n';
    const modern = project({ 'pyproject.toml': '[project]\nname = "x"\nrequires-python = ">=3.11,<4"\n', 'app/__init__.py': '', 'app/settings.py': SETTINGS, 'app/load.py': code });
    const legacy = project({ 'pyproject.toml': '[project]\nrequires-python = "~=3.8"\n', 'app/__init__.py': '', 'app/settings.py': SETTINGS, 'app/load.py': code });
    const outputOf = async (root: string) => applied(root, (await plan(root)).operations.find((op) => (op as EditOp).path.path === 'app/load.py') as EditOp);
    expect(await outputOf(modern)).toBe('from app.settings import get_userid\n\n\ndef load(user_id: str | None = None):\n    if user_id is None:\n        user_id = get_userid()\n    return user_id\n');
    expect(await outputOf(legacy)).toContain('from typing import Optional\n');
    // An explicit option wins over the project's declaration.
    expect(applied(modern, (await plan(modern, { pythonTarget: '3.9' })).operations.find((op) => (op as EditOp).path.path === 'app/load.py') as EditOp)).toContain('Optional[str]');
  });

  it('reads the target from a Poetry project\'s python dependency', async () => {
    const code = 'from app.settings import USER_ID\n\n\ndef load(user_id: str = USER_ID):\n    return user_id\n';
    const poetry = project({ 'pyproject.toml': '[tool.poetry.dependencies]\nrich = "^14"\npython = ">=3.11,<3.13"\n', 'app/__init__.py': '', 'app/settings.py': SETTINGS, 'app/load.py': code });
    const op = (await plan(poetry)).operations.find((o) => (o as EditOp).path.path === 'app/load.py') as EditOp;
    expect(applied(poetry, op)).toContain('def load(user_id: str | None = None):\n');
  });

  it('wraps the lines it makes longer than the line length of the project\'s ruff, black or flake8 config', async () => {
    const code = [
      'from app.settings import DATA_DIR, LLM_MODEL, USER_ID',
      '',
      '',
      'def describe(log):',
      '    log.info("storage of %s under %s with %s", USER_ID, DATA_DIR, LLM_MODEL)',
      '',
    ].join('\n');
    const settings = `${SETTINGS}DATA_DIR = "/data"\nLLM_MODEL = "qwen"\n`;
    const outputOf = async (files: Record<string, string>, options: Record<string, unknown> = {}) => {
      const root = project({ ...files, 'app/__init__.py': '', 'app/settings.py': settings, 'app/load.py': code });
      return applied(root, (await plan(root, options)).operations.find((op) => (op as EditOp).path.path === 'app/load.py') as EditOp);
    };
    const wrapped = [
      'from app.settings import DATA_DIR, LLM_MODEL, get_userid',
      '',
      '',
      'def describe(log):',
      '    log.info(',
      '        "storage of %s under %s with %s", get_userid(), DATA_DIR, LLM_MODEL',
      '    )',
      '',
    ].join('\n');
    const long = code.replace('USER_ID, DATA_DIR', 'get_userid(), DATA_DIR').replace('LLM_MODEL, USER_ID', 'LLM_MODEL, get_userid');
    expect(await outputOf({ 'pyproject.toml': '[tool.ruff]\nline-length = 79\n' })).toBe(wrapped);
    expect(await outputOf({ 'pyproject.toml': '[tool.black]\nline-length = 79\n' })).toBe(wrapped);
    expect(await outputOf({ 'ruff.toml': 'line-length = 79\n[lint]\nselect = ["E"]\n' })).toBe(wrapped);
    expect(await outputOf({ 'setup.cfg': '[metadata]\nname = x\n\n[flake8]\nmax-line-length = 79\n' })).toBe(wrapped);
    // 80 characters: within the default of 88 (no config, or a ruff section that does not say).
    expect(await outputOf({})).toBe(long);
    expect(await outputOf({ 'pyproject.toml': '[tool.ruff]\ntarget-version = "py311"\n' })).toBe(long);
    // The option wins; 0 never wraps.
    expect(await outputOf({}, { pythonLineLength: 79 })).toBe(wrapped);
    expect(await outputOf({ 'pyproject.toml': '[tool.ruff]\nline-length = 79\n' }, { pythonLineLength: 0 })).toBe(long);
  });

  it('returns nothing for a project without the constant', async () => {
    const root = project({ 'a.py': 'print("hi")\n', 'b.ts': 'const USER_ID = 1;\n' });
    expect(await plan(root)).toEqual({ operations: [], warnings: [], errors: [] });
  });

  it('edits a flat (non-package) project, keeping BOM and CRLF', async () => {
    const root = project({
      'settings.py': SETTINGS,
      'app.py': '\ufefffrom settings import USER_ID\r\n\r\ndef f(u: str = USER_ID):\r\n    return u\r\n',
    });
    const result = await plan(root);
    const byFile = new Map(result.operations.map((op) => [(op as EditOp).path.path, op as EditOp]));
    expect([...byFile.keys()].sort()).toEqual(['app.py', 'settings.py']);
    expect(applied(root, byFile.get('app.py')!)).toBe(
      '\ufefffrom typing import Optional\r\n\r\nfrom settings import get_userid\r\n\r\ndef f(u: Optional[str] = None):\r\n    if u is None:\r\n        u = get_userid()\r\n    return u\r\n',
    );
    expect(byFile.get('app.py')!.diff).toContain('+from settings import get_userid');
  });

  it('reports undecodable and unparsable files inside the paths and leaves them alone', async () => {
    const root = project({
      'pkg/__init__.py': '',
      'pkg/settings.py': SETTINGS,
      'pkg/latin1.py': Buffer.from('from .settings import USER_ID\n# caf\xe9\n', 'latin1'),
      'pkg/broken.py': 'from .settings import USER_ID\nif USER_ID\n    pass\n',
      'other/skip.py': Buffer.from('USER_ID\0binary'),
    });
    const result = await plan(root, {}, ['pkg']);
    const codes = result.warnings.map((w) => `${w.file}:${w.code}${w.line ? `:${w.line}` : ''}`);
    expect(codes).toContain('pkg/latin1.py:not-text');
    expect(codes).toContain('pkg/broken.py:parse-error:2');
    expect(codes.some((c) => c.startsWith('other/'))).toBe(false);
    expect(result.operations.map((op) => (op as EditOp).path.path)).toEqual(['pkg/settings.py']);
  });

  it('keeps the constant in a module that lists it in __all__, adding the accessor there too', async () => {
    const root = project({
      'pkg/__init__.py': '',
      'pkg/settings.py': SETTINGS,
      'pkg/consts.py': 'from .settings import USER_ID\n\n__all__ = ["USER_ID"]\n',
    });
    const result = await plan(root);
    const consts = result.operations.find((op) => (op as EditOp).path.path === 'pkg/consts.py') as EditOp;
    expect(applied(root, consts)).toBe('from .settings import USER_ID, get_userid\n\n__all__ = ["USER_ID", "get_userid"]\n');
    expect(result.warnings.map((w) => `${w.file}:${w.code}`)).toEqual(['pkg/consts.py:reexport-kept']);
  });

  it('survives pathologically deep expressions', async () => {
    const deep = `from settings import USER_ID\n\nx = ${'('.repeat(3000)}USER_ID${')'.repeat(3000)}\ny = 1${' + 1'.repeat(20000)} + USER_ID\n`;
    const root = project({ 'settings.py': SETTINGS, 'deep.py': deep });
    const result = await plan(root);
    const deepOps = result.operations.filter((op) => (op as EditOp).path.path === 'deep.py');
    const deepWarnings = result.warnings.filter((w) => w.file === 'deep.py').map((w) => w.code);
    expect(deepOps).toHaveLength(1);
    expect(deepWarnings).toEqual(['module-level-read', 'module-level-read']);
    expect(applied(root, deepOps[0] as EditOp)).toBe(deep.replace(/USER_ID/g, (m, at: number) => (at < 30 ? 'get_userid' : 'get_userid()')));
  });

  it('honours the constant and accessor names and the python target from config and options', async () => {
    const root = project({
      'conf.py': 'CURRENT_USER = "me"\n',
      'use.py': 'from conf import CURRENT_USER\n\ndef f(u: str = CURRENT_USER):\n    return u\n',
    });
    const result = await plan(root, { pythonTarget: '3.12' }, [], { userId: { constant: 'CURRENT_USER', pythonAccessor: 'current_user', pythonTarget: '3.8' } });
    const use = result.operations.find((op) => (op as EditOp).path.path === 'use.py') as EditOp;
    expect(applied(root, use)).toBe('from conf import current_user\n\ndef f(u: str | None = None):\n    if u is None:\n        u = current_user()\n    return u\n');
  });

  it('rejects invalid options with a usage error', () => {
    expect(() => resolvePythonOptions({ config: {}, options: { pythonTarget: 'three' } })).toThrow(UsageError);
    expect(() => resolvePythonOptions({ config: { userId: { pythonTarget: 3.1 } }, options: {} })).toThrow(/string such as "3.10"/);
    expect(() => resolvePythonOptions({ config: { userId: { pythonAccessor: 'get-userid' } }, options: {} })).toThrow(UsageError);
    expect(() => resolvePythonOptions({ config: { userId: { pythonModules: 'settings.py' } }, options: {} })).toThrow(UsageError);
    expect(() => resolvePythonOptions({ config: {}, options: { pythonLineLength: '88' } })).toThrow(/pythonLineLength must be a whole number/);
    expect(resolvePythonOptions({ config: {}, options: { persagHome: true } })).toMatchObject({ constant: 'USER_ID', accessor: 'get_userid', target: [3, 9], persagHome: true });
  });
});

describe('findLegacyUserIdPaths', () => {
  it('finds repo-root env.userid literals, not the persag home ones', () => {
    const text = [
      'path = BASE_DIR / "env.userid"',
      "old = os.path.join(root, 'config/env.userid')",
      'new = Path.home() / ".persag" / "env.userid"',
      '# "env.userid" in a comment',
      'name = "env.userid.bak"',
    ].join('\n');
    expect(findLegacyUserIdPaths(text)).toEqual([
      { line: 1, column: 19, literal: '"env.userid"' },
      { line: 2, column: 26, literal: "'config/env.userid'" },
    ]);
  });
});

describe('run-time probe: the migrated module follows a user switch', () => {
  it('every kind of read returns the new user after the environment changes, within one process', async () => {
    const root = project({
      'app/__init__.py': '',
      'app/settings.py': SETTINGS,
      'app/store.py': [
        'from app import settings',
        'from app.settings import USER_ID',
        '',
        '',
        'def paths(base="/data"):',
        '    """Two reads: one local."""',
        '    return f"{base}/{USER_ID}", f"{base}/{USER_ID}/memory.db"',
        '',
        '',
        'def owner(user_id: str = USER_ID):',
        '    return user_id',
        '',
        '',
        'def via_module():',
        '    return settings.USER_ID, getattr(settings, "USER_ID")',
        '',
        '',
        'def owner_check(user_id: str = USER_ID):',
        '    """A default and a body read: one read per call, shared by the guard."""',
        '    return user_id, user_id == USER_ID',
        '',
      ].join('\n'),
      'probe.py': [
        'import os',
        'from app.store import owner, owner_check, paths, via_module',
        '',
        '# Counts the reads of the user id (the accessor calls os.getenv each time).',
        'reads = []',
        'getenv = os.getenv',
        'os.getenv = lambda *a: reads.append(a[0]) or getenv(*a)',
        '',
        '',
        'def counted(call):',
        '    reads.clear()',
        '    return call(), reads.count("USER_ID")',
        '',
        '',
        'print(paths(), owner(), via_module())',
        'print(counted(owner_check), counted(lambda: owner_check("zed")))',
        'os.environ["USER_ID"] = "bob"',
        'print(paths(), owner(), via_module())',
        'print(counted(owner_check), counted(lambda: owner_check("zed")))',
        '',
      ].join('\n'),
    });
    const result = await plan(root);
    for (const op of result.operations as EditOp[]) fs.writeFileSync(path.join(root, op.path.path), applied(root, op));
    const env = { ...process.env, USER_ID: 'alice' };
    const out = execFileSync('python3', ['probe.py'], { cwd: root, env, encoding: 'utf8' });
    expect(out).toBe([
      "('/data/alice', '/data/alice/memory.db') alice ('alice', 'alice')",
      "(('alice', True), 1) (('zed', False), 1)",
      "('/data/bob', '/data/bob/memory.db') bob ('bob', 'bob')",
      "(('bob', True), 1) (('zed', False), 1)",
      '',
    ].join('\n'));
  });
});
