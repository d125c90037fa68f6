import { describe, expect, it } from 'vitest';
import { caseMismatches, type RuleCase } from '../engine/lint-snippet.js';

const valid: RuleCase[] = [
  { name: 'allowlisted path utility', code: 'export class UserDirectoryManager {\n  getPaths(id: string) { return id; }\n}\n', filename: 'system/user/directory/server/UserDirectoryManager.ts' },
  { name: 'name in a comment and a string', code: '// class FooManager is gone\nconst s = "class BarManager {}";\n', filename: 'src/a.ts' },
  { name: 'a Manager in an allowlisted path', code: 'export class BuildManager {}\n', filename: 'scripts/dev/BuildManager.ts', options: { allow: ['UserDirectoryManager', 'scripts/**'] } },
  { name: 'name pattern in the allowlist', code: 'class CachePathManager {}\n', filename: 'src/a.ts', options: { allow: ['*PathManager'] } },
  { name: 'a class merely using a manager', code: 'import { UserDirectoryManager } from "./x";\nexport class BaseUser { dm = new UserDirectoryManager(); }\n', filename: 'src/BaseUser.ts' },
  { name: 'Managers as a word', code: 'class Managerial {}\ninterface SessionManager { x: 1 }\n', filename: 'src/a.ts' },
];

const invalid: RuleCase[] = [
  { name: 'manager class', code: 'export class PersonaStateManager {\n  async save() {}\n}\n', filename: 'system/user/state/PersonaStateManager.ts', errors: [{ line: 1, column: 14, message: 'PersonaStateManager' }] },
  { name: 'class expression and second class', code: 'const A = class QueueManager {};\nexport default class JobManager {}\n', filename: 'src/jobs.ts', errors: [{ line: 1, column: 17 }, { line: 2, column: 22 }] },
  { name: 'Manager module without a class', code: 'export function start() {}\n', filename: 'system/user/SessionManager.ts', errors: [{ line: 1, column: 1, message: 'SessionManager.ts' }] },
  { name: 'not allowlisted once the allowlist changes', code: 'export class UserDirectoryManager {}\n', filename: 'src/a.ts', options: { allow: [] }, errors: [{ line: 1, column: 14 }] },
];

describe('manager-class', () => {
  it.each(valid)('valid: $name', async (c) => expect(await caseMismatches('manager-class', c)).toEqual([]));
  it.each(invalid)('invalid: $name', async (c) => expect(await caseMismatches('manager-class', c)).toEqual([]));
});
