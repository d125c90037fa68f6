// A constant named like the user id whose value is a key name (a Vuex mutation-types module:
// `export const USER_ID = 'USER_ID'`) is no user id: the codemod leaves it and its importers
// alone and says why, and lint's static-user-id, told by the project's facts which modules those
// are, reports none of its importers. Next to a real settings module, only that one counts.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ProjectFiles } from '../../plan/files.js';
import { applySplices } from '../../plan/text.js';
import type { EditOp, SourceResult } from '../../plan/types.js';
import { runLint } from '../../lint/index.js';
import { runSource } from '../../tests/helpers/sources.js';
import { isKeyName } from '../shared/key-name.js';
import { userIdTsSource } from './index.js';

const VUEX_APP = path.resolve(import.meta.dirname, '../../fixtures/vuex-app');
const temps: string[] = [];
afterEach(() => temps.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function copyOfApp(extra: Record<string, string> = {}): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'mu-key-name-'));
  temps.push(root);
  fs.cpSync(VUEX_APP, root, { recursive: true });
  for (const [rel, text] of Object.entries(extra)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  }
  return root;
}

const plan = (root: string): Promise<SourceResult> =>
  runSource(userIdTsSource, { roots: { project: root }, config: {}, options: {}, files: new ProjectFiles(root), paths: [] });

const staticUserId = async (root: string) => (await runLint({ root, threads: 1 })).findings.filter((f) => f.ruleId === 'static-user-id').map((f) => `${f.file}:${f.line}`);

const SETTINGS = {
  'src/config/settings.ts': "export const API_BASE = process.env.VUE_APP_API_BASE ?? '/api'\nexport const USER_ID = process.env.VUE_APP_USER_ID ?? 'default_user'\n",
  'src/services/profile.ts': "import request from '@/utils/request'\nimport { USER_ID } from '@/config/settings'\n\nexport function loadProfile() {\n  return request.get(`/users/${USER_ID}/profile`).then((r) => r.data)\n}\n",
};

describe('a key-name constant (Vuex mutation-types)', () => {
  it('plan leaves the module and its importers as they are and says why', async () => {
    const result = await plan(copyOfApp());
    expect(result.operations).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.infos?.map((i) => [i.file, i.code])).toEqual([['src/store/mutation-types.ts', 'key-name-constant']]);
    expect(result.infos![0]!.message).toMatch(/USER_ID = "USER_ID" is a key name .* not a user id/);
  });

  it('lint reports none of its importers (relative or through the @/ alias), linting the whole project, some paths or with a cache', async () => {
    const root = copyOfApp();
    expect(await staticUserId(root)).toEqual([]);
    const inPaths = await runLint({ root, paths: ['src/utils', 'src/store/modules'], threads: 1 });
    expect(inPaths.stats.candidates).toBeGreaterThan(0);
    expect(inPaths.findings.filter((f) => f.ruleId === 'static-user-id')).toEqual([]);
    for (let run = 0; run < 2; run++) {
      const cached = await runLint({ root, cache: '.migrate-users/lint-cache.json', threads: 1 });
      expect(cached.findings.filter((f) => f.ruleId === 'static-user-id'), `cache run ${run}`).toEqual([]);
    }
  });

  it('next to a real settings module: only that one is migrated, and lint then finds nothing', async () => {
    const root = copyOfApp(SETTINGS);
    expect(await staticUserId(root)).toEqual(['src/services/profile.ts:2']);
    const result = await plan(root);
    expect(result.warnings).toEqual([]);
    const edits = result.operations as EditOp[];
    expect(edits.map((e) => e.path.path).sort()).toEqual(['src/config/settings.ts', 'src/services/profile.ts']);
    for (const op of edits) {
      const file = path.join(root, op.path.path);
      fs.writeFileSync(file, applySplices(fs.readFileSync(file, 'utf8'), op.splices));
    }
    expect(fs.readFileSync(path.join(root, 'src/services/profile.ts'), 'utf8')).toContain('`/users/${getUserId()}/profile`');
    expect(await staticUserId(root)).toEqual([]);
  });

  it('a user id is no key name, a key naming the constant is', () => {
    for (const key of ['USER_ID', 'user/USER_ID', 'SET_USER_ID', 'userId', 'user_id', '@@app/USER_ID_CHANGED']) expect(isKeyName('USER_ID', key), key).toBe(true);
    for (const id of ['default_user', 'charlie', 'user', 'USER ID', 'id_user', '']) expect(isKeyName('USER_ID', id), id).toBe(false);
  });
});
