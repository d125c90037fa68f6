import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { apply, dryRun, lint, plan, rollback } from '../index.js';
import { materializeFixture } from './helpers/materialize-fixture.js';
import { REPO } from './helpers/cli.js';
import { snapshotTree, tempDir } from './helpers/tree.js';

describe('programmatic API: import { plan, apply, rollback, lint } from "migrate-users"', () => {
  it('plans, previews, applies and rolls back the continuum sample', async () => {
    const root = tempDir('mu-api-');
    fs.cpSync(path.join(REPO, 'fixtures/ts-app'), root, { recursive: true });
    await materializeFixture('continuum-data', root);
    const before = snapshotTree(root);

    const p = await plan({ root });
    expect(p.profile).toBe('continuum');
    expect(p.sources).toEqual(['user-id-ts', 'user-id-python', 'path-refs', 'continuum-users', 'moves']);
    expect(p.operations.some((op) => op.kind === 'edit' && op.source === 'user-id-ts')).toBe(true);
    expect(p.operations.some((op) => op.kind === 'move')).toBe(true);
    expect(p.roots.home).toBeUndefined(); // continuum needs no home root
    expect(fs.existsSync(path.join(root, '.migrate-users/plans', `${p.id}.json`))).toBe(true);

    const preview = dryRun(p.id, { root });
    expect(preview.text).toContain('+export function getUserId(): string {');
    expect(preview.patch).toContain('diff --git a/src/config/settings.ts b/src/config/settings.ts');
    expect(snapshotTree(root)).toEqual(before);

    const applied = await apply(p.id, { root });
    expect(applied.applied).toBe(p.operations.length);
    expect(fs.existsSync(path.join(root, '.continuum/users/claude/data/longterm.db'))).toBe(true);
    expect((await plan({ root, save: false })).operations).toEqual([]); // idempotent: nothing left to do

    expect((await rollback(p.id, { root })).outcome).toBe('rolled-back');
    expect(snapshotTree(root)).toEqual(before);
  });

  it('plan({ save: false }) leaves no state behind; code-only plans touch no data', async () => {
    const root = tempDir('mu-api-');
    await materializeFixture('continuum-data', root);
    const p = await plan({ root, save: false, only: ['code'] });
    expect(p.operations).toEqual([]);
    expect(fs.existsSync(path.join(root, '.migrate-users'))).toBe(false);
  });

  it('a migrated project lints clean of static-user-id (the kept compatibility exports are no finding)', async () => {
    const root = tempDir('mu-api-');
    fs.cpSync(path.join(REPO, 'fixtures/ts-app'), root, { recursive: true });
    const beforeFindings = (await lint({ root })).findings.filter((f) => f.ruleId === 'static-user-id');
    expect(beforeFindings.length).toBeGreaterThan(3);
    const p = await plan({ root, only: ['code'] });
    await apply(p.id, { root });
    expect((await lint({ root })).findings.filter((f) => f.ruleId === 'static-user-id')).toEqual([]);
  });

  it('lint reports findings with rule ids and locations', async () => {
    const root = tempDir('mu-api-');
    fs.cpSync(path.join(REPO, 'fixtures/continuum-app'), root, { recursive: true });
    const result = await lint({ root });
    const rules = new Set(result.findings.map((f) => f.ruleId));
    expect([...rules].sort()).toEqual(expect.arrayContaining(['direct-db', 'legacy-user-path', 'manager-class', 'polling-timeout', 'static-user-id']));
    expect(result.findings.every((f) => f.line > 0 && !path.isAbsolute(f.file))).toBe(true);
  });
});
