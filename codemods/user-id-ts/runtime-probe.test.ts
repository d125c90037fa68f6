// Run-time probe: a small app in the shape of real code (a settings module that reads the user
// from a file, then the environment; module-level reads, class fields, default parameters,
// closures, template literals, namespace and dynamic imports) is planned, applied, type-checked,
// compiled and run in fresh node processes. The user is switched the way the generated accessor
// reads it (the user file, then USER_ID in the environment): every function follows the switch
// within the running process, a fresh process starts as the new user, and rollback is exact.
import crypto from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { afterEach, describe, expect, it } from 'vitest';
import { applyPlan } from '../../plan/apply.js';
import { buildPlan } from '../../plan/build.js';
import { rollbackPlan } from '../../plan/rollback.js';
import { StateDir } from '../../plan/state-dir.js';
import { savePlan } from '../../plan/store.js';
import { userIdTsSource } from './index.js';

const APP: Readonly<Record<string, string>> = {
  'tsconfig.json': JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'commonjs', esModuleInterop: true, strict: true, skipLibCheck: true, types: ['node'] }, include: ['src'] }),
  'src/config/settings.ts': [
    "import fs from 'node:fs';",
    "import path from 'node:path';",
    '',
    "const USER_FILE = path.join(process.env.APP_HOME ?? process.cwd(), '.app', 'user.id');",
    '',
    'function userFromFile(): string | undefined {',
    '  try {',
    "    return fs.readFileSync(USER_FILE, 'utf8').trim() || undefined;",
    '  } catch {',
    '    return undefined;',
    '  }',
    '}',
    '',
    "export const DATA_DIR = process.env.DATA_DIR ?? '/srv/data';",
    "export const USER_ID: string = userFromFile() ?? process.env.USER_ID ?? 'default_user';",
    '',
  ].join('\n'),
  'src/services/sessions.ts': [
    "import * as settings from '../config/settings';",
    "import { DATA_DIR, USER_ID } from '../config/settings';",
    '',
    '/** Frozen at load on purpose? The plan says so (module-level-read). */',
    'export const STARTUP_USER = `${USER_ID}`;',
    '',
    'export class SessionStore {',
    '  readonly owner = USER_ID;',
    '  private readonly label: string = `sessions of ${USER_ID}`;',
    '',
    '  constructor(private readonly root = `${DATA_DIR}/${USER_ID}`) {}',
    '',
    '  path(name: string): string {',
    '    return `${this.root}/${name}`;',
    '  }',
    '',
    '  describe(): string {',
    '    return `${this.label}; now ${USER_ID} (${settings.USER_ID})`;',
    '  }',
    '}',
    '',
    'export function sessionFile(name: string, user = USER_ID): string {',
    '  return `${DATA_DIR}/${user}/${name}`;',
    '}',
    '',
    'export function audit(action: string, actor: string = USER_ID): string {',
    '  const acting = actor === USER_ID ? "self" : `for ${USER_ID}`;',
    '  return `${actor} ${action} (${acting})`;',
    '}',
    '',
    'export const makeGreeter = (greeting: string) => () => `${greeting}, ${USER_ID}`;',
    '',
    'export function profileKeys(): string[] {',
    '  const { USER_ID: uid, DATA_DIR: dir } = settings;',
    "  return [uid, settings['USER_ID']].map((u) => `${dir}:profile:${u}`);",
    '}',
    '',
    'export async function loadLater(): Promise<string> {',
    "  const mod = await import('../config/settings');",
    '  return mod.USER_ID;',
    '}',
    '',
  ].join('\n'),
};

/** Calls every function of the app before and after switching users, inside one process. */
const PROBE = [
  "const fs = require('node:fs');",
  "const path = require('node:path');",
  "const app = require('./services/sessions.js');",
  "const userFile = path.join(process.env.APP_HOME, '.app', 'user.id');",
  'const greet = app.makeGreeter("hi");',
  'const early = new app.SessionStore();',
  'async function snapshot() {',
  '  const store = new app.SessionStore();',
  '  return {',
  '    startup: app.STARTUP_USER, earlyOwner: early.owner, owner: store.owner, path: store.path("s.db"), describe: store.describe(),',
  '    earlyDescribe: early.describe(), file: app.sessionFile("a.json"), passed: app.sessionFile("a.json", "zed"),',
  '    audit: app.audit("logged in"), auditFor: app.audit("logged in", "zed"), greet: greet(), keys: app.profileKeys(), later: await app.loadLater(),',
  '  };',
  '}',
  '(async () => {',
  '  const out = [await snapshot()];',
  "  fs.writeFileSync(userFile, 'bob\\n');",
  '  out.push(await snapshot());',
  '  fs.rmSync(userFile);',
  "  process.env.USER_ID = 'carol';",
  '  out.push(await snapshot());',
  '  console.log(JSON.stringify(out));',
  '})();',
].join('\n');

const temps: string[] = [];
afterEach(() => {
  for (const t of temps.splice(0)) fs.rmSync(t, { recursive: true, force: true });
});

function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  temps.push(dir);
  return dir;
}

function snapshotTree(root: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const rel of fs.readdirSync(root, { recursive: true }) as string[]) {
    const p = path.join(root, rel);
    if (rel.startsWith('.migrate-users') || fs.statSync(p).isDirectory()) continue;
    out.set(rel, `${fs.statSync(p).mode}:${crypto.createHash('sha256').update(fs.readFileSync(p)).digest('hex')}`);
  }
  return out;
}

/** Type errors (when `check`), then every source file compiled to CommonJS under `out`. */
function compile(root: string, out: string, check: boolean): string[] {
  const config = ts.parseJsonConfigFileContent(JSON.parse(fs.readFileSync(path.join(root, 'tsconfig.json'), 'utf8')), ts.sys, root);
  const options = { ...config.options, typeRoots: [path.resolve(import.meta.dirname, '../../node_modules/@types')], outDir: out, rootDir: path.join(root, 'src'), noEmit: false };
  const program = ts.createProgram(config.fileNames, options);
  const errors = check ? ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, ' ')) : [];
  program.emit();
  return errors;
}

interface Snapshot {
  startup: string; earlyOwner: string; owner: string; path: string; describe: string; earlyDescribe: string;
  file: string; passed: string; audit: string; auditFor: string; greet: string; keys: string[]; later: string;
}

/** What each call returns for the current user `u` (the app started as `first`). */
const expected = (u: string, first: string): Snapshot => ({
  startup: first, earlyOwner: first, owner: u, path: `/srv/data/${u}/s.db`, describe: `sessions of ${u}; now ${u} (${u})`,
  earlyDescribe: `sessions of ${first}; now ${u} (${u})`, file: `/srv/data/${u}/a.json`, passed: '/srv/data/zed/a.json',
  audit: `${u} logged in (self)`, auditFor: `zed logged in (for ${u})`, greet: `hi, ${u}`, keys: [`/srv/data:profile:${u}`, `/srv/data:profile:${u}`], later: u,
});

describe('user-id-ts run-time probe: the migrated app follows a user switch', () => {
  it('every function reads the current user after the user file or USER_ID changes, in one process and in a fresh one; rollback is exact', async () => {
    const root = tempDir('uidts-probe-');
    for (const [rel, text] of Object.entries(APP)) {
      fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
      fs.writeFileSync(path.join(root, rel), text);
    }
    const home = tempDir('uidts-home-');
    fs.mkdirSync(path.join(home, '.app'));
    fs.writeFileSync(path.join(home, '.app', 'user.id'), 'alice\n');
    const env = { ...process.env, APP_HOME: home, DATA_DIR: '/srv/data', USER_ID: 'from-env' };
    const run = (out: string) => JSON.parse(execFileSync(process.execPath, ['probe.js'], { cwd: out, env, encoding: 'utf8' })) as Snapshot[];

    // Before the migration every read is frozen at load: the probe can tell the difference.
    const original = snapshotTree(root);
    const frozenOut = tempDir('uidts-out-');
    compile(root, frozenOut, false);
    fs.writeFileSync(path.join(frozenOut, 'probe.js'), PROBE);
    fs.writeFileSync(path.join(home, '.app', 'user.id'), 'alice\n');
    expect(run(frozenOut)[1]!.audit).toBe('alice logged in (self)');

    const plan = await buildPlan({ roots: { project: root }, sources: [userIdTsSource] });
    expect(plan.warnings.map((w) => `${w.file}:${w.line} ${w.code}`)).toEqual(['src/services/sessions.ts:5 module-level-read']);
    savePlan(new StateDir(root), plan);
    await applyPlan(root, plan.id);
    const migrated = fs.readFileSync(path.join(root, 'src/services/sessions.ts'), 'utf8');
    expect(migrated).not.toMatch(/\bUSER_ID\b(?!:)/);
    // Item 3 of the issue: a default parameter stays in the signature (evaluated on each call that omits it).
    expect(migrated).toContain('export function sessionFile(name: string, user = getUserId()): string {');

    const out = tempDir('uidts-out-');
    expect(compile(root, out, true)).toEqual([]);
    fs.writeFileSync(path.join(out, 'probe.js'), PROBE);
    fs.writeFileSync(path.join(home, '.app', 'user.id'), 'alice\n');
    expect(run(out)).toEqual([expected('alice', 'alice'), expected('bob', 'alice'), expected('carol', 'alice')]);
    // A fresh process starts as whoever the file names now.
    fs.writeFileSync(path.join(home, '.app', 'user.id'), 'dave\n');
    expect(run(out)[0]).toEqual(expected('dave', 'dave'));

    await rollbackPlan(root, plan.id);
    expect(snapshotTree(root)).toEqual(original);
  });
});
