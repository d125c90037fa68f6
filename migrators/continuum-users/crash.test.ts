// SIGKILL during apply of the continuum sample, around the db-merge step (the engine's own
// suite kills at every step of generic plans): rollback must restore every byte, a resumed
// apply must reach the tree of an uninterrupted one. Runs the built CLI (`npm test` builds
// dist/ first).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../plan/build.js';
import { StateDir } from '../../plan/state-dir.js';
import { loadPlan, savePlan } from '../../plan/store.js';
import { applyPlan } from '../../plan/apply.js';
import { registerOperationKind } from '../../plan/kinds.js';
import { rollbackPlan } from '../../plan/rollback.js';
import { pool, runCliAsync } from '../../tests/helpers/cli.js';
import { materializeFixture } from '../../tests/helpers/materialize-fixture.js';
import { snapshotTree } from '../../tests/helpers/plan-cycle.js';
import { dbMergeHandler, type DbMergeData } from './db-merge.js';
import { continuumUsersSource } from './index.js';

async function freshPlan(): Promise<{ root: string; id: string; before: string[] }> {
  const root = await materializeFixture('continuum-data');
  const config = JSON.parse(fs.readFileSync(path.join(root, 'migrate-users.config.json'), 'utf8')) as Record<string, unknown>;
  const plan = await buildPlan({ roots: { project: root }, sources: [continuumUsersSource], config });
  savePlan(new StateDir(root), plan);
  return { root, id: plan.id, before: snapshotTree(root, ['.migrate-users']) };
}

describe('continuum-users crash safety', () => {
  it('rolls back or resumes exactly after a kill before, inside and after the db-merge', async () => {
    const reference = await freshPlan();
    const ok = await runCliAsync(['apply', reference.id, '--root', reference.root]);
    expect(ok.status, ok.stderr).toBe(0);
    const after = snapshotTree(reference.root, ['.migrate-users']);
    const merge = [...loadPlan(new StateDir(reference.root), reference.id).operations].findIndex((o) => o.kind === 'db-merge');
    expect(merge).toBeGreaterThan(0);
    const journal = fs.readFileSync(new StateDir(reference.root).journalFile(reference.id), 'utf8').trim().split('\n');
    const lines = journal.flatMap((l, n) => ((JSON.parse(l) as { i?: number }).i === merge ? [n + 1] : []));
    const killPoints = [...new Set([lines[0]! - 1, ...lines, lines.at(-1)! + 1])];

    const failures: string[] = [];
    await pool(killPoints, 4, async (n) => {
      for (const mode of ['rollback', 'resume'] as const) {
        const t = await freshPlan();
        const killed = await runCliAsync(['apply', t.id, '--root', t.root], { env: { MIGRATE_USERS_TEST_KILL_AFTER_STEP: String(n) } });
        if (killed.signal !== 'SIGKILL') failures.push(`step ${n}: not killed (${killed.status}) ${killed.stderr}`);
        const next = await runCliAsync(mode === 'rollback' ? ['rollback', t.id, '--root', t.root] : ['apply', t.id, '--root', t.root]);
        if (next.status !== 0) failures.push(`step ${n} ${mode}: exit ${next.status}: ${next.stderr}`);
        const got = snapshotTree(t.root, ['.migrate-users']);
        const want = mode === 'rollback' ? t.before : after;
        const diff = [...got.filter((l) => !want.includes(l)), ...want.filter((l) => !got.includes(l)).map((l) => `missing ${l}`)];
        if (diff.length) failures.push(`step ${n} ${mode}: ${diff.slice(0, 4).join('; ')}`);
        fs.rmSync(t.root, { recursive: true, force: true });
      }
    });
    expect(failures).toEqual([]);
  }, 300_000);

  it('recovers from a merge that died half way through writing its database', async () => {
    const uninterrupted = await freshPlan();
    await applyPlan(uninterrupted.root, uninterrupted.id);
    const after = snapshotTree(uninterrupted.root, ['.migrate-users']);

    for (const mode of ['rollback', 'resume'] as const) {
      const t = await freshPlan();
      // A handler that leaves a torn database and a temp file behind, like a power cut would.
      registerOperationKind({
        kind: dbMergeHandler.kind,
        async apply(op, ctx) {
          const target = ctx.abs((op.data as DbMergeData).target);
          fs.writeFileSync(target, 'SQLite format 3\0torn');
          fs.writeFileSync(path.join(path.dirname(target), `.${path.basename(target)}.migrate-users-tmp-dead`), 'partial');
          throw new Error('power cut');
        },
      });
      try {
        await expect(applyPlan(t.root, t.id)).rejects.toThrow(/power cut/);
      } finally {
        registerOperationKind(dbMergeHandler);
      }
      if (mode === 'rollback') {
        expect((await rollbackPlan(t.root, t.id)).outcome).toBe('rolled-back');
        expect(snapshotTree(t.root, ['.migrate-users'])).toEqual(t.before);
      } else {
        await applyPlan(t.root, t.id);
        expect(snapshotTree(t.root, ['.migrate-users'])).toEqual(after);
      }
    }
  });
});
