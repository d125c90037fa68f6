// Kill the apply process with SIGKILL after every journal step N; then both `rollback` and a
// resumed `apply` must reach exactly the trees an uninterrupted run reaches.
import { describe, it } from 'vitest';
import { moveOp } from '../../plan/ops.js';
import { loc } from '../../plan/paths.js';
import { checkEveryKillPoint } from '../helpers/kill-points.js';
import { randomOperations, randomTree } from '../helpers/random-plan.js';
import { inlineSource } from '../helpers/sources.js';
import { writeTree } from '../helpers/tree.js';
import type { Operation, Roots } from '../../plan/types.js';

describe('crash safety: SIGKILL after every journal step', () => {
  it('a mixed plan of 30+ operations (edits, writes, mkdirs, copies, removals, renames)', async () => {
    const seed = 4242;
    await checkEveryKillPoint({ makeTree: (root) => randomTree(root, seed), sources: (roots) => [inlineSource(() => randomOperations(roots, seed, 30))] }, 62);
  }, 900_000);

  it('cross-filesystem moves (forced EXDEV copy path) of dirs, files and links', async () => {
    const spec: Record<string, string | null | { link: string }> = {};
    for (let u = 0; u < 12; u++) {
      spec[`personas/u${u}/data/state.db`] = `db of ${u}\n`.repeat(50);
      spec[`personas/u${u}/logs/a.log`] = `log ${u}\r\n`;
      spec[`personas/u${u}/empty`] = null;
    }
    spec['personas/u0/link'] = { link: '../u1/data/state.db' };
    const makeOps = (roots: Roots): Operation[] =>
      Array.from({ length: 12 }, (_, u) => moveOp(roots, { source: 't' }, loc('project', `personas/u${u}`), loc('project', `users/u${u}`)));
    await checkEveryKillPoint({ makeTree: (root) => writeTree(root, spec), sources: (roots) => [inlineSource(() => makeOps(roots))], env: { MIGRATE_USERS_TEST_FORCE_EXDEV: '1' } }, 30);
  }, 900_000);
});
