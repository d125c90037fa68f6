import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../plan/build.js';
import { ProjectFiles } from '../../plan/files.js';
import type { PlanContext } from '../../plan/types.js';
import { materializeFixture } from '../../tests/helpers/materialize-fixture.js';
import { describeDatabase, loadSqlJs } from '../shared/sqlite.js';
import { formatResult, golden, planApplyRollback, snapshotTree } from '../../tests/helpers/plan-cycle.js';
import { continuumUsersSource } from './index.js';
import { runSource } from '../../tests/helpers/sources.js';

const GOLDEN = path.join(path.dirname(new URL(import.meta.url).pathname), 'golden');
const P = '.continuum/personas';
const U = '.continuum/users';

function readConfig(root: string): Record<string, unknown> {
  const f = path.join(root, 'migrate-users.config.json');
  return fs.existsSync(f) ? (JSON.parse(fs.readFileSync(f, 'utf8')) as Record<string, unknown>) : {};
}

function ctxFor(root: string, config: Record<string, unknown> = readConfig(root)): Omit<PlanContext, 'emit'> {
  return { roots: { project: root }, config, options: {}, files: new ProjectFiles(root), paths: [] };
}

function tempProject(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'continuum-users-'));
}

function write(root: string, rel: string, content: string | Uint8Array = `${rel}\n`): void {
  const p = path.join(root, rel);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, content);
}

async function sqlite(root: string, rel: string, statements: string[]): Promise<void> {
  const SQL = await loadSqlJs();
  const db = new SQL.Database();
  for (const s of statements) db.run(s);
  write(root, rel, db.export());
  db.close();
}

const STATE_TABLE = 'CREATE TABLE user_state (user_id TEXT PRIMARY KEY, energy REAL NOT NULL, mood TEXT)';

describe('continuum-users on the bundled sample', () => {
  it('plans a readable operation list', async () => {
    const root = await materializeFixture('continuum-data');
    const plan = await buildPlan({ roots: { project: root }, sources: [continuumUsersSource], config: readConfig(root) });
    const text = formatResult(plan);
    expect(text).toBe(golden(path.join(GOLDEN, 'plan.txt'), text));
  });

  it('applies to the unified layout and rolls back byte for byte', async () => {
    const root = await materializeFixture('continuum-data');
    const originalState = fs.readFileSync(path.join(root, P, 'claude/state.db'));
    const cycle = await planApplyRollback({ roots: { project: root }, sources: [continuumUsersSource], config: readConfig(root) }, async () => {
      // The merged database holds both legacy databases' tables, rows and index.
      const merged = fs.readFileSync(path.join(root, U, 'claude/data/longterm.db'));
      expect(await describeDatabase(merged)).toEqual({ user_state: 1, memories: 2 });
      const SQL = await loadSqlJs();
      const db = new SQL.Database(merged);
      expect(db.exec("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")[0]!.values).toEqual([['memories_created']]);
      expect(db.exec('SELECT content, hex(embedding) FROM memories ORDER BY id')[0]!.values).toEqual([
        ['Joel prefers daemons over managers', '00010203'],
        ['RTOS: never block the main thread', ''],
      ]);
      db.close();
      // The legacy files are kept, untouched, in the attic.
      expect(fs.readFileSync(path.join(root, U, 'claude/data/legacy/state.db')).equals(originalState)).toBe(true);
      // After apply there is nothing left to do but the collision that needs a human.
      const again = await runSource(continuumUsersSource, ctxFor(root));
      expect(again.operations).toEqual([]);
      expect(again.errors.map((e) => e.code)).toEqual(['collision']);
    });
    const tree = cycle.applied.join('\n') + '\n';
    expect(tree).toBe(golden(path.join(GOLDEN, 'applied-tree.txt'), tree));
    expect(cycle.rolledBack).toEqual(cycle.before);
  });
});

describe('continuum-users cases', () => {
  it('moves a persona dir of large files with one rename (same inode, no copy)', async () => {
    const root = tempProject();
    write(root, `${P}/big/data/longterm.db`, '');
    write(root, `${P}/big/blobs/embeddings.bin`, Buffer.alloc(8 * 1024 * 1024, 7));
    const inode = fs.statSync(path.join(root, P, 'big/blobs/embeddings.bin')).ino;
    await planApplyRollback({ roots: { project: root }, sources: [continuumUsersSource] }, (plan) => {
      expect(plan.operations.filter((o) => o.kind === 'move')).toHaveLength(1);
      expect(fs.statSync(path.join(root, U, 'big/blobs/embeddings.bin')).ino).toBe(inode);
    });
  });

  it('creates the layout for human users from config and existing users dirs', async () => {
    const root = tempProject();
    write(root, `${U}/joel/config/preferences.json`, '{}\n');
    const res = await runSource(continuumUsersSource, ctxFor(root, { continuum: { users: ['joel', 'anna'] } }));
    expect(formatResult(res)).toBe(
      [
        `mkdir ${U}/joel/data`,
        `mkdir ${U}/joel/logs`,
        `mkdir ${U}/anna`,
        `mkdir ${U}/anna/data`,
        `mkdir ${U}/anna/logs`,
        `mkdir ${U}/anna/config`,
        '',
      ].join('\n'),
    );
  });

  it('renames a single legacy database and removes the dir it leaves empty', async () => {
    const root = tempProject();
    await sqlite(root, `${U}/sam/memory/longterm.db`, [STATE_TABLE]);
    write(root, `${U}/sam/logs/a.log`);
    write(root, `${U}/sam/config/c.json`);
    const res = await runSource(continuumUsersSource, ctxFor(root));
    expect(formatResult(res)).toBe(
      // The move creates data/ itself (the plan records it on the move).
      [`move ${U}/sam/memory/longterm.db -> ${U}/sam/data/longterm.db`, `delete-empty-dir ${U}/sam/memory`, ''].join('\n'),
    );
  });

  it('merges into an existing data/longterm.db (replaced, restored on rollback)', async () => {
    const root = tempProject();
    await sqlite(root, `${U}/kim/data/longterm.db`, ['CREATE TABLE memories (id INTEGER PRIMARY KEY, content TEXT)', "INSERT INTO memories VALUES (1, 'a')"]);
    await sqlite(root, `${U}/kim/state.db`, [STATE_TABLE, "INSERT INTO user_state VALUES ('kim', 1, 'ok')"]);
    fs.chmodSync(path.join(root, U, 'kim/data/longterm.db'), 0o600);
    const original = fs.readFileSync(path.join(root, U, 'kim/data/longterm.db'));
    const cycle = await planApplyRollback({ roots: { project: root }, sources: [continuumUsersSource] }, async (plan) => {
      const merge = plan.operations.find((o) => o.kind === 'db-merge');
      expect(merge && 'replaces' in merge ? merge.replaces.map((l) => l.path) : []).toEqual([`${U}/kim/data/longterm.db`]);
      const target = path.join(root, U, 'kim/data/longterm.db');
      expect(await describeDatabase(fs.readFileSync(target))).toEqual({ memories: 1, user_state: 1 });
      expect(fs.statSync(target).mode & 0o777).toBe(0o600);
    });
    expect(cycle.rolledBack).toEqual(cycle.before);
    expect(fs.readFileSync(path.join(root, U, 'kim/data/longterm.db')).equals(original)).toBe(true);
  });

  it('refuses to merge same-named tables with different schemas', async () => {
    const root = tempProject();
    await sqlite(root, `${P}/eve/state.db`, [STATE_TABLE]);
    await sqlite(root, `${P}/eve/memory/longterm.db`, ['CREATE TABLE user_state (user_id TEXT PRIMARY KEY, payload BLOB)']);
    write(root, `${P}/ok/logs/x.log`);
    const res = await runSource(continuumUsersSource, ctxFor(root));
    expect(res.errors).toHaveLength(1);
    expect(res.errors[0]!.code).toBe('db-merge-conflict');
    expect(res.errors[0]!.message).toContain('table "user_state" has different schemas');
    expect(res.operations.some((o) => o.group === 'eve')).toBe(false);
    expect(res.operations.some((o) => o.group === 'ok')).toBe(true);
    // One persona stays behind, so the personas dir is kept.
    expect(res.operations.some((o) => o.kind === 'delete-empty-dir' && 'path' in o && o.path.path === P)).toBe(false);
  });

  it('refuses rows that conflict, but merges identical duplicates', async () => {
    const root = tempProject();
    await sqlite(root, `${P}/dup/state.db`, [STATE_TABLE, "INSERT INTO user_state VALUES ('dup', 1, 'same')"]);
    await sqlite(root, `${P}/dup/state.sqlite`, [STATE_TABLE, "INSERT INTO user_state VALUES ('dup', 1, 'same')"]);
    await sqlite(root, `${P}/clash/state.db`, [STATE_TABLE, "INSERT INTO user_state VALUES ('clash', 1, 'happy')"]);
    await sqlite(root, `${P}/clash/state.sqlite`, [STATE_TABLE, "INSERT INTO user_state VALUES ('clash', 0, 'sad')"]);
    const res = await runSource(continuumUsersSource, ctxFor(root));
    expect(res.errors.map((e) => [e.code, e.message.split(':')[0]])).toEqual([['db-merge-conflict', 'user clash']]);
    expect(res.operations.some((o) => o.kind === 'db-merge' && o.group === 'dup')).toBe(true);
  });

  it('reports a collision naming both paths and never overwrites', async () => {
    const root = tempProject();
    write(root, `${P}/gem/config/preferences.json`, 'a');
    write(root, `${U}/gem/config/preferences.json`, 'b');
    const res = await runSource(continuumUsersSource, ctxFor(root));
    expect(res.operations).toEqual([]);
    expect(res.errors).toEqual([
      expect.objectContaining({ code: 'collision', paths: [`${P}/gem/config/preferences.json`, `${U}/gem/config/preferences.json`] }),
    ]);
  });

  it('merges both dirs entry by entry when nothing collides', async () => {
    const root = tempProject();
    write(root, `${P}/duo/logs/old.log`);
    write(root, `${P}/duo/config/theme.json`);
    write(root, `${U}/duo/config/preferences.json`);
    const cycle = await planApplyRollback({ roots: { project: root }, sources: [continuumUsersSource] });
    expect(cycle.applied.filter((l) => l.includes('duo'))).toEqual([
      `project: d 0755 ${U}/duo/`,
      `project: d 0755 ${U}/duo/config/`,
      expect.stringMatching(new RegExp(`^project: f 0644 ${U}/duo/config/preferences.json `)),
      expect.stringMatching(new RegExp(`^project: f 0644 ${U}/duo/config/theme.json `)),
      `project: d 0755 ${U}/duo/data/`,
      `project: d 0755 ${U}/duo/logs/`,
      expect.stringMatching(new RegExp(`^project: f 0644 ${U}/duo/logs/old.log `)),
    ]);
    expect(cycle.applied.some((l) => l.includes('personas'))).toBe(false);
    expect(cycle.rolledBack).toEqual(cycle.before);
  });

  it('merges databases found on both sides into the existing user dir', async () => {
    const root = tempProject();
    await sqlite(root, `${P}/mix/state.db`, [STATE_TABLE, "INSERT INTO user_state VALUES ('mix', 1, 'ok')"]);
    await sqlite(root, `${U}/mix/data/longterm.db`, ['CREATE TABLE memories (id INTEGER PRIMARY KEY, content TEXT)']);
    write(root, `${U}/mix/logs/a.log`);
    write(root, `${U}/mix/config/c.json`);
    const res = await runSource(continuumUsersSource, ctxFor(root));
    expect(formatResult(res)).toBe(
      [
        `db-merge merge ${U}/mix/data/longterm.db + ${P}/mix/state.db -> ${U}/mix/data/longterm.db`,
        `move ${P}/mix/state.db -> ${U}/mix/data/legacy/state.db`,
        `delete-empty-dir ${P}/mix`,
        `delete-empty-dir ${P}`,
        '',
      ].join('\n'),
    );
    const cycle = await planApplyRollback({ roots: { project: root }, sources: [continuumUsersSource] }, async () => {
      expect(await describeDatabase(fs.readFileSync(path.join(root, U, 'mix/data/longterm.db')))).toEqual({ memories: 0, user_state: 1 });
    });
    expect(cycle.rolledBack).toEqual(cycle.before);
  });

  it('does not rename a database into a data dir that is a symlink', async () => {
    const root = tempProject();
    await sqlite(root, `${P}/lnk/state.db`, [STATE_TABLE]);
    fs.mkdirSync(path.join(root, 'elsewhere'));
    fs.symlinkSync('../../../elsewhere', path.join(root, P, 'lnk/data'));
    const res = await runSource(continuumUsersSource, ctxFor(root));
    expect(res.operations).toEqual([]);
    expect(res.errors.map((e) => e.code)).toEqual(['not-a-directory']);
  });

  it('refuses databases with a -wal file beside them', async () => {
    const root = tempProject();
    await sqlite(root, `${P}/busy/state.db`, [STATE_TABLE]);
    write(root, `${P}/busy/state.db-wal`, 'x');
    const res = await runSource(continuumUsersSource, ctxFor(root));
    expect(res.operations).toEqual([]);
    expect(res.errors.map((e) => e.code)).toEqual(['database-in-use']);
  });
});

describe('continuum-users user-id validation', () => {
  it('reports and skips traversal ids, control characters and persona links leaving the root', async () => {
    const root = tempProject();
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'outside-'));
    write(outside, 'secret.txt', 'top secret');
    write(root, `${P}/good/logs/a.log`);
    write(root, `${P}/bad\u0001id/logs/a.log`);
    fs.symlinkSync(outside, path.join(root, P, 'escape'));
    const before = snapshotTree(outside);
    const res = await runSource(continuumUsersSource, ctxFor(root, { continuum: { users: ['../evil', 'a/b', '', '.', 'nul\u0000'] } }));
    expect(res.errors.map((e) => e.code)).toEqual(Array(7).fill('invalid-user-id'));
    expect(res.errors.map((e) => e.message).join('\n')).toMatch(/"bad\\u0001id": it contains a control character/);
    expect(res.errors.map((e) => e.message).join('\n')).toMatch(/escape is a symlink that resolves outside its root/);
    expect(new Set(res.operations.map((o) => o.group))).toEqual(new Set(['good']));
    expect(res.operations.every((o) => o.pre.every((p) => !p.loc.path.includes('escape') && !p.loc.path.includes('bad')))).toBe(true);
    expect(snapshotTree(outside)).toEqual(before);
  });

  it('moves a persona link that stays inside the root as a link', async () => {
    const root = tempProject();
    write(root, 'shared/linked/logs/a.log');
    fs.mkdirSync(path.join(root, P), { recursive: true });
    fs.symlinkSync('../../shared/linked', path.join(root, P, 'linked'));
    const res = await runSource(continuumUsersSource, ctxFor(root));
    expect(formatResult(res)).toContain(`move ${P}/linked -> ${U}/linked`);
    expect(res.warnings.map((w) => w.code)).toContain('linked-user-dir');
  });
});
