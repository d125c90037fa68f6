import { describe, expect, it } from 'vitest';
import { caseMismatches, prefilterMisses, type RuleCase } from '../../tests/helpers/rule-tester.js';

const SYNC_STATE_MANAGER = [
  "import fs from 'node:fs';",
  'export class PersonaStateManager {',
  '  load(file: string) {',
  "    return JSON.parse(fs.readFileSync(file, 'utf8'));",
  '  }',
  '}',
  '',
].join('\n');

const valid: RuleCase[] = [
  { name: 'allowlisted path utility, even with sync fs', code: "import fs from 'fs';\nexport class UserDirectoryManager {\n  ensure(d: string) { if (!fs.existsSync(d)) fs.mkdirSync(d, { recursive: true }); }\n}\n", filename: 'system/user/directory/server/UserDirectoryManager.ts' },
  { name: 'name in a comment and a string', code: '// class FooManager is gone\nconst s = "class BarManager {}";\n', filename: 'src/a.ts' },
  { name: 'a Manager in an allowlisted path', code: SYNC_STATE_MANAGER, filename: 'scripts/dev/PersonaStateManager.ts', options: { allow: ['UserDirectoryManager', 'scripts/**'] } },
  { name: 'name pattern in the allowlist', code: "import { readFileSync } from 'fs';\nclass CachePathManager { a() { return readFileSync('x'); } }\n", filename: 'src/a.ts', options: { allow: ['*PathManager'] } },
  { name: 'a class merely using a manager', code: 'import { UserDirectoryManager } from "./x";\nexport class BaseUser { dm = new UserDirectoryManager(); }\n', filename: 'src/BaseUser.ts' },
  {
    name: 'an event bus with subscription maps and loops over handlers',
    filename: 'system/events/shared/EventSubscriptionManager.ts',
    code: [
      'export class EventSubscriptionManager {',
      '  private subs = new Map<string, Map<string, (d: unknown) => void>>();',
      '  on(name: string, h: (d: unknown) => void) { this.subs.get(name)?.set(String(Date.now()), h); }',
      '  off(name: string) { this.subs.delete(name); }',
      '  trigger(name: string, data: unknown) {',
      '    for (const [, group] of this.subs) {',
      '      for (const h of group.values()) h(data);',
      '    }',
      '  }',
      '}',
      '',
    ].join('\n'),
  },
  { name: 'an emitter subclass with a timer', code: "import { EventEmitter } from 'node:events';\nexport class HeartbeatManager extends EventEmitter {\n  start() { setInterval(() => this.emit('beat'), 1000); }\n}\n", filename: 'system/core/HeartbeatManager.ts' },
  {
    name: 'a manager that goes through Commands.execute',
    filename: 'system/user/server/modules/PersonaGenomeManager.ts',
    code: "export class PersonaGenomeManager {\n  async getGenome(id: string) {\n    const r = await Commands.execute('data/read', { collection: 'genomes', id });\n    return r.success ? r.data : null;\n  }\n}\n",
  },
  {
    name: 'a pure in-memory helper with a debounce timer',
    filename: 'system/user/server/attention/AttentionManager.ts',
    code: 'export class AttentionManager {\n  private batches = new Map<string, string[]>();\n  private t?: ReturnType<typeof setTimeout>;\n  add(room: string, msg: string) {\n    const b = this.batches.get(room) ?? [];\n    b.push(msg);\n    this.batches.set(room, b);\n    clearTimeout(this.t);\n    this.t = setTimeout(() => this.flush(), 500);\n  }\n  flush() { for (const b of this.batches.values()) b.length = 0; }\n}\n',
  },
  {
    name: 'a manager inside a daemon dir does the daemon\'s work',
    filename: 'src/debug/jtag/daemons/data-daemon/server/managers/SqliteWriteManager.ts',
    code: "import Database from 'better-sqlite3';\nexport class SqliteWriteManager {\n  private db = new Database('x.db');\n  write(rows: unknown[][]) { for (const r of rows) for (const v of r) this.db.prepare('x').run(v); }\n}\n",
  },
  { name: 'a *Manager module with nothing heavy', code: 'export function start() {}\n', filename: 'system/user/SessionManager.ts' },
  { name: 'Managers as a word', code: 'class Managerial {}\ninterface SessionManager { x: 1 }\n', filename: 'src/a.ts' },
];

const invalid: RuleCase[] = [
  {
    name: 'a manager that starts a 30 s interval at import',
    filename: 'system/user/server/modules/PersonaMemoryManager.ts',
    code: 'export class PersonaMemoryManager {\n  private timer = setInterval(() => this.consolidate(), 30_000);\n  consolidate() {}\n}\nexport const personaMemory = new PersonaMemoryManager();\n',
    errors: [{ line: 1, column: 14, message: 'PersonaMemoryManager does heavy work on the main thread: starts a timer or polls (setInterval) at line 2; move the work into a daemon reached through Commands.execute' }],
  },
  {
    name: 'direct SQLite and a polling loop',
    filename: 'system/user/state/UserStateManager.ts',
    code: [
      "import sqlite3 from 'sqlite3';",
      'export class UserStateManager {',
      '  private db?: sqlite3.Database;',
      '  private running = true;',
      "  open(p: string) { this.db = new sqlite3.Database(p); }",
      '  async watch() {',
      '    while (this.running) {',
      '      await this.sync();',
      '      await new Promise((r) => setTimeout(r, 1000));',
      '    }',
      '  }',
      '  async sync() {}',
      '}',
      '',
    ].join('\n'),
    errors: [{ line: 2, column: 14, message: 'opens SQLite directly at line 5; starts a timer or polls (await new Promise) at line 9' }],
  },
  { name: 'sync file I/O', filename: 'system/user/state/PersonaStateManager.ts', code: SYNC_STATE_MANAGER, errors: [{ line: 2, column: 14, message: 'synchronous I/O (fs.readFileSync) at line 4' }] },
  {
    name: 'nested loops and execSync, named import',
    filename: 'system/genome/server/GenomeIndexManager.ts',
    code: "import { execSync } from 'child_process';\nexport class GenomeIndexManager {\n  rank(a: number[][], b: number[][]) {\n    let s = 0;\n    for (const x of a) {\n      for (const y of b) s += x[0]! * y[0]!;\n    }\n    return s + Number(execSync('nproc'));\n  }\n}\n",
    errors: [{ line: 2, column: 14, message: 'nested loops at line 6; synchronous I/O (execSync) at line 8' }],
  },
  {
    name: 'a Manager module without a class',
    filename: 'system/user/SessionManager.ts',
    code: "import * as fs from 'fs';\nexport function save(s: object) {\n  fs.writeFileSync('sessions.json', JSON.stringify(s));\n}\n",
    errors: [{ line: 1, column: 1, message: 'SessionManager.ts is a *Manager module doing heavy work on the main thread: synchronous I/O (fs.writeFileSync) at line 3' }],
  },
  { name: 'not allowlisted once the allowlist changes', code: "import fs from 'fs';\nexport class UserDirectoryManager { a() { fs.mkdirSync('x'); } }\n", filename: 'src/a.ts', options: { allow: [] }, errors: [{ line: 2, column: 14 }] },
  { name: 'daemonDirs is configurable', code: SYNC_STATE_MANAGER, filename: 'daemons/legacy/PersonaStateManager.ts', options: { daemonDirs: ['services/**'] }, errors: [{ line: 2, column: 14 }] },
  { name: 'a comment between class and its name', code: 'export class /* polls */ QueueManager {\n  private timer = setInterval(() => this.drain(), 100);\n  drain() {}\n}\n', filename: 'src/queue.ts', errors: [{ line: 1, message: 'QueueManager does heavy work' }] },
  { name: 'generic advice outside continuum', code: SYNC_STATE_MANAGER, filename: 'src/PersonaStateManager.ts', profile: 'generic', errors: [{ line: 2, column: 14, message: 'move the work off the main thread (a worker or a service) or make it event-driven' }] },
];

describe('manager-class', () => {
  it.each(valid)('valid: $name', async (c) => expect(await caseMismatches('manager-class', c)).toEqual([]));
  it.each(invalid)('invalid: $name', async (c) => expect(await caseMismatches('manager-class', c)).toEqual([]));
  it.each(invalid)('the prefilters let its file through: $name', (c) => expect(prefilterMisses('manager-class', c)).toEqual([]));
});
