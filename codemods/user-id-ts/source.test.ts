// The source on real temp projects: the sample app migrated and type-checked, settings-module
// detection, files that cannot be read or parsed, and a plan -> apply -> rollback round trip.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { afterEach, describe, expect, it } from 'vitest';
import { applyPlan } from '../../plan/apply.js';
import { buildPlan } from '../../plan/build.js';
import { ProjectFiles } from '../../plan/files.js';
import { rollbackPlan } from '../../plan/rollback.js';
import { StateDir } from '../../plan/state-dir.js';
import { savePlan } from '../../plan/store.js';
import { applySplices } from '../../plan/text.js';
import type { EditOp, PlanContext, SourceResult } from '../../plan/types.js';
import { userIdTsSource } from './index.js';
import { editProblem } from './reparse.js';
import { runSource } from '../../tests/helpers/sources.js';

const REPO = path.resolve(import.meta.dirname, '../..');
const SAMPLE = path.join(REPO, 'fixtures/ts-app');
const temps: string[] = [];

afterEach(() => {
  for (const dir of temps.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function tempProject(files: Record<string, string | Buffer> = {}, copyFrom?: string): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'user-id-ts-'));
  temps.push(root);
  if (copyFrom) fs.cpSync(copyFrom, root, { recursive: true });
  for (const [rel, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), content);
  }
  return root;
}

function plan(root: string, over: Partial<Omit<PlanContext, 'emit'>> = {}): Promise<SourceResult> {
  return runSource(userIdTsSource, { roots: { project: root }, config: {}, options: {}, files: new ProjectFiles(root), paths: [], ...over });
}

function applyEdits(root: string, result: SourceResult): void {
  for (const op of result.operations as EditOp[]) {
    const file = path.join(root, op.path.path);
    fs.writeFileSync(file, applySplices(fs.readFileSync(file, 'utf8'), op.splices));
  }
}

/** Type errors of the project as `file: message`, with @types/node from this repo. */
function typeErrors(root: string): string[] {
  const configFile = ts.readConfigFile(path.join(root, 'tsconfig.json'), ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(configFile.config, ts.sys, root);
  const options = { ...parsed.options, typeRoots: [path.join(REPO, 'node_modules/@types')] };
  const program = ts.createProgram(parsed.fileNames, options);
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file ? `${path.relative(root, d.file.fileName)}: ` : '';
    return where + ts.flattenDiagnosticMessageText(d.messageText, ' ');
  });
}

function snapshot(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const name of fs.readdirSync(dir).sort()) {
      const p = path.join(dir, name);
      const st = fs.lstatSync(p);
      if (st.isDirectory()) walk(p);
      else out.push(`${path.relative(root, p)} ${(st.mode & 0o777).toString(8)} ${crypto.createHash('sha256').update(fs.readFileSync(p)).digest('hex')}`);
    }
  };
  walk(root);
  return out;
}

const codesAt = (result: SourceResult): string[] => result.warnings.map((w) => `${w.file}:${w.line} ${w.code}`);

describe('user-id-ts on the sample app (fixtures/ts-app)', () => {
  it('migrates every import form, warns where a person must look, and still type-checks', async () => {
    const root = tempProject({}, SAMPLE);
    const before = typeErrors(root);
    expect(before).toEqual([]);

    const result = await plan(root);
    expect(result.errors).toEqual([]);
    expect(result.operations.map((op) => (op as EditOp).path.path).sort()).toEqual([
      'src/app.ts',
      'src/config/index.ts',
      'src/config/settings.ts',
      'src/legacy/user-file.cjs',
      'src/services/profile.ts',
      'src/services/session.ts',
      'src/storage/paths.ts',
      'src/ui/Badge.tsx',
      'src/util/context.ts',
    ]);
    expect(codesAt(result)).toEqual([
      'src/config/index.ts:1 re-export-kept',
      'src/storage/paths.ts:5 module-level-read',
      'src/util/context.ts:3 typeof-in-type',
    ]);

    applyEdits(root, result);
    expect(typeErrors(root)).toEqual(before);

    const read = (rel: string): string => fs.readFileSync(path.join(root, rel), 'utf8');
    expect(read('src/config/settings.ts')).toContain('export function getUserId(): string {\n  return process.env.USER_ID ?? \'default_user\';\n}');
    expect(read('src/config/settings.ts')).toContain('/** @deprecated use getUserId() */\nexport const USER_ID = getUserId();');
    expect(read('src/app.ts')).toContain("import { getUserId as getUserId_1 } from './config/index.js';");
    expect(read('src/app.ts')).toContain('running as ${getUserId_1()}, override ${getUserId()}');
    expect(read('src/ui/Badge.tsx')).toContain("import { getUserId } from '../config/index.js';");
    expect(read('src/config/index.ts')).toContain("export { USER_ID, getUserId, DATA_DIR } from './settings.js';");
    expect(read('src/util/shadow.ts')).toBe(fs.readFileSync(path.join(SAMPLE, 'src/util/shadow.ts'), 'utf8'));

    const again = await plan(root);
    expect(again.operations).toEqual([]);
  });

  it('applies and rolls back through the plan engine byte for byte', async () => {
    const root = tempProject({}, SAMPLE);
    const original = snapshot(root);
    const built = await buildPlan({ roots: { project: root }, sources: [userIdTsSource] });
    expect(built.operations.length).toBe(9);
    savePlan(new StateDir(root), built);
    await applyPlan(root, built.id);
    const applied = snapshot(root).filter((l) => !l.startsWith('.migrate-users'));
    expect(applied).not.toEqual(original);
    expect((await buildPlan({ roots: { project: root }, sources: [userIdTsSource] })).operations).toEqual([]);
    await rollbackPlan(root, built.id);
    expect(snapshot(root).filter((l) => !l.startsWith('.migrate-users'))).toEqual(original);
  });

  it('edits files under the given paths, and the settings module elsewhere that they need the accessor from', async () => {
    const root = tempProject({}, SAMPLE);
    const result = await plan(root, { paths: ['src/services'] });
    expect(result.operations.map((op) => (op as EditOp).path.path).sort()).toEqual(['src/config/settings.ts', 'src/services/profile.ts', 'src/services/session.ts']);
    expect(result.infos?.map((w) => `${w.file} ${w.code}`)).toEqual(['src/config/settings.ts provider-outside-paths']);
    expect(result.warnings.map((w) => w.code)).not.toContain('provider-outside-paths');
  });

  it('includes every provider on the way when an edited file imports through a barrel outside the paths', async () => {
    const root = tempProject({}, SAMPLE);
    const result = await plan(root, { paths: ['src/ui/Badge.tsx'] });
    expect(result.operations.map((op) => (op as EditOp).path.path).sort()).toEqual(['src/config/index.ts', 'src/config/settings.ts', 'src/ui/Badge.tsx']);
    expect(result.infos?.map((w) => `${w.file} ${w.code}`)).toEqual([
      'src/config/index.ts provider-outside-paths',
      'src/config/settings.ts provider-outside-paths',
    ]);
  });

  it('leaves the settings module outside the paths alone when it already has the accessor', async () => {
    const root = tempProject({
      'lib/settings.ts': "export function getUserId(): string {\n  return 'u';\n}\nexport const USER_ID = getUserId();\n",
      'app/a.ts': "import { USER_ID } from '../lib/settings';\nexport const a = () => USER_ID;\n",
    });
    const result = await plan(root, { paths: ['app'] });
    expect(result.warnings).toEqual([]);
    expect(result.infos).toEqual([]);
    expect(result.operations).toHaveLength(1);
  });
});

describe('user-id-ts settings module', () => {
  const importer = "import { UID } from './consts';\nexport const f = () => UID;\n";

  it('takes module, constant and accessor from config, overridden by options', async () => {
    const root = tempProject({
      'lib/consts.ts': "export const UID = 'x';\n",
      'lib/use.ts': importer,
    });
    const result = await plan(root, {
      config: { userId: { module: 'lib/consts.ts', constant: 'UID', accessor: 'ignored' } },
      options: { accessor: 'currentUid' },
    });
    applyEdits(root, result);
    expect(fs.readFileSync(path.join(root, 'lib/use.ts'), 'utf8')).toBe("import { currentUid } from './consts';\nexport const f = () => currentUid();\n");
    expect(fs.readFileSync(path.join(root, 'lib/consts.ts'), 'utf8')).toContain('export function currentUid(): string {');
  });

  it('reports a configured module that is not in the project as a plan error', async () => {
    const root = tempProject({ 'a.ts': 'export const USER_ID = 1;\n' });
    const result = await plan(root, { config: { userId: { module: 'src/missing.ts' } } });
    expect(result.operations).toEqual([]);
    expect(result.errors).toMatchObject([{ code: 'settings-module-missing', paths: ['src/missing.ts'] }]);
  });

  it('picks none when several modules define the constant, and names them', async () => {
    const root = tempProject({
      'a/settings.ts': "export const USER_ID = 'a';\n",
      'b/settings.js': "exports.USER_ID = 'b';\n",
      'c/use.ts': "import { USER_ID } from '../a/settings';\nexport const x = () => USER_ID;\n",
    });
    const result = await plan(root);
    expect(result.operations).toEqual([]);
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toMatchObject({ code: 'settings-module-ambiguous' });
    expect(result.warnings[0]!.message).toContain('a/settings.ts, b/settings.js');
  });

  it('says so when files mention the constant but nothing defines it', async () => {
    const root = tempProject({ 'env.ts': 'export const id = process.env.USER_ID;\n' });
    const result = await plan(root);
    expect(result.operations).toEqual([]);
    expect(result.warnings).toMatchObject([{ code: 'settings-module-not-found' }]);
  });

  it('finds a CommonJS settings object and migrates its requirers and default importers', async () => {
    const root = tempProject({
      'config.js': "module.exports = {\n  USER_ID: process.env.USER_ID || 'me',\n};\n",
      'app.js': "const config = require('./config');\nconsole.log(config.USER_ID);\n",
      'view.ts': "import config from './config.js';\nexport const who = () => config.USER_ID;\n",
    });
    const result = await plan(root);
    applyEdits(root, result);
    expect(fs.readFileSync(path.join(root, 'app.js'), 'utf8')).toBe("const config = require('./config');\nconsole.log(config.getUserId());\n");
    expect(fs.readFileSync(path.join(root, 'config.js'), 'utf8')).toContain('  USER_ID: getUserId(),\n  getUserId,\n};');
    expect(fs.readFileSync(path.join(root, 'view.ts'), 'utf8')).toBe("import config from './config.js';\nexport const who = () => config.getUserId();\n");
    expect(codesAt(result)).toEqual(['app.js:2 module-level-read']);
  });

  it('follows export-star barrels, and barrels of barrels', async () => {
    const root = tempProject({
      'src/config/settings.ts': "export const USER_ID = 'u';\n",
      'src/config/index.ts': "export * from './settings';\n",
      'src/index.ts': "export { USER_ID } from './config';\n",
      'src/a.ts': "import { USER_ID } from './config';\nexport const a = () => USER_ID;\n",
      'b.ts': "import { USER_ID } from './src';\nexport const b = () => USER_ID;\n",
    });
    const result = await plan(root);
    applyEdits(root, result);
    const read = (rel: string): string => fs.readFileSync(path.join(root, rel), 'utf8');
    expect(read('src/a.ts')).toBe("import { getUserId } from './config';\nexport const a = () => getUserId();\n");
    expect(read('src/index.ts')).toBe("export { USER_ID, getUserId } from './config';\n");
    expect(read('b.ts')).toBe("import { getUserId } from './src';\nexport const b = () => getUserId();\n");
    expect(read('src/config/index.ts')).toBe("export * from './settings';\n");
  });
});

describe('user-id-ts path aliases from tsconfig', () => {
  const settings = "export const USER_ID = 'u';\n";
  const importer = (spec: string): string => `import { USER_ID } from '${spec}';\nexport const a = () => USER_ID;\n`;
  const migrated = (spec: string): string => `import { getUserId } from '${spec}';\nexport const a = () => getUserId();\n`;

  it('follows paths and baseUrl through extends, comments allowed', async () => {
    const root = tempProject({
      'configs/tsconfig.base.json': '{\n  // shared\n  "compilerOptions": { "paths": { "@app/*": ["../src/*"] } }\n}\n',
      'tsconfig.json': '{ "extends": "./configs/tsconfig.base.json", "compilerOptions": { "strict": true, } }\n',
      'src/config/settings.ts': settings,
      'src/a.ts': importer('@app/config/settings'),
      'lib/b.ts': importer('@app/config/settings.js'),
    });
    const result = await plan(root);
    applyEdits(root, result);
    expect(fs.readFileSync(path.join(root, 'src/a.ts'), 'utf8')).toBe(migrated('@app/config/settings'));
    expect(fs.readFileSync(path.join(root, 'lib/b.ts'), 'utf8')).toBe(migrated('@app/config/settings.js'));
  });

  it('resolves bare specifiers from baseUrl of a jsconfig.json', async () => {
    const root = tempProject({
      'jsconfig.json': '{ "compilerOptions": { "baseUrl": "app" } }\n',
      'app/config/settings.js': settings,
      'app/ui/view.js': importer('config/settings'),
    });
    const result = await plan(root);
    expect(result.operations.map((op) => (op as EditOp).path.path)).toEqual(['app/config/settings.js', 'app/ui/view.js']);
  });

  it('warns and carries on when tsconfig.json is not valid JSON', async () => {
    const root = tempProject({ 'tsconfig.json': '{ "compilerOptions": ', 'settings.ts': settings, 'a.ts': importer('./settings') });
    const result = await plan(root);
    expect(result.operations).toHaveLength(2);
    expect(result.warnings).toMatchObject([{ code: 'tsconfig-unreadable', file: 'tsconfig.json' }]);
  });
});

describe('user-id-ts files that cannot be migrated', () => {
  const settings = "export const USER_ID = 'u';\n";

  it('reports a file that does not parse with file:line and the parse error, and leaves it alone', async () => {
    const root = tempProject({
      'settings.ts': settings,
      'broken.ts': "import { USER_ID } from './settings';\n\nconst x = (USER_ID;\n",
    });
    const result = await plan(root);
    expect(result.operations.map((op) => (op as EditOp).path.path)).toEqual(['settings.ts']);
    const warning = result.warnings.find((w) => w.code === 'parse-error');
    expect(warning).toMatchObject({ file: 'broken.ts', line: 3 });
    expect(warning!.message).toMatch(/cannot parse: '\)' expected/);
  });

  it('skips binary and non-UTF-8 files that mention the constant, with a warning', async () => {
    const root = tempProject({
      'settings.ts': settings,
      'latin1.ts': Buffer.concat([Buffer.from("// caf"), Buffer.from([0xe9]), Buffer.from("\nimport { USER_ID } from './settings';\n")]),
      'blob.js': Buffer.concat([Buffer.from('USER_ID'), Buffer.from([0, 1, 2, 0])]),
      'other.bin.js': Buffer.from([0, 0, 0, 1]),
    });
    const result = await plan(root);
    expect(result.warnings.map((w) => `${w.file} ${w.code} ${w.message}`)).toEqual([
      'blob.js not-text skipped: the file is binary',
      'latin1.ts not-text skipped: the file is not UTF-8',
    ]);
    expect(result.operations.map((op) => (op as EditOp).path.path)).toEqual(['settings.ts']);
  });

  it('skips a listed file that cannot be read (gone since listing), with a warning, and plans the rest', async () => {
    const root = tempProject({ 'settings.ts': settings, 'a.ts': "import { USER_ID } from './settings';\nexport const a = () => USER_ID;\n" });
    const listing = { list: async () => ['a.ts', 'gone.ts', 'settings.ts'] };
    const result = await plan(root, { files: listing });
    expect(result.warnings).toMatchObject([{ file: 'gone.ts', code: 'unreadable' }]);
    expect(result.warnings[0]!.message).toMatch(/ENOENT/);
    expect(result.operations.map((op) => (op as EditOp).path.path)).toEqual(['a.ts', 'settings.ts']);
  });

  it('rejects a settings module path that leaves the project as a usage error', async () => {
    const root = tempProject({ 'settings.ts': settings });
    await expect(plan(root, { config: { userId: { module: '../elsewhere.ts' } } })).rejects.toThrow(/userId.module: path escapes its root/);
  });

  it('never plans an edit whose result would not parse', () => {
    const text = 'export const a = 1;\n';
    expect(editProblem(text, 'a.ts', [{ start: 13, end: 14, text: '(' }])).toMatch(/expected/);
    expect(editProblem(text, 'a.ts', [{ start: 17, end: 18, text: '2' }])).toBeUndefined();
  });
});
