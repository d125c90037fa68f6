// Plan -> apply -> rollback on a real temp tree: the data lands where it should, and the
// rollback gives back the tree byte for byte.
import { describe, expect, it } from 'vitest';
import { formatResult, planApplyRollback } from '../../tests/helpers/plan-cycle.js';
import { tempDir, writeTree } from '../../tests/helpers/tree.js';
import { __camel__Source } from './index.js';

describe('__name__', () => {
  it('moves each user dir and rolls back byte for byte', async () => {
    const root = tempDir('mu-__name__-');
    writeTree(root, { 'legacy-users/alice/notes.txt': 'a\n', 'legacy-users/bob/db/state.sqlite': 'b', 'src/app.ts': 'export {};\n' });
    const cycle = await planApplyRollback({ roots: { project: root }, sources: [__camel__Source], config: {} });
    expect(formatResult(cycle.plan)).toBe('mkdir users\nmove legacy-users/alice -> users/alice\nmove legacy-users/bob -> users/bob\n');
    expect(cycle.applied).toEqual(expect.arrayContaining([expect.stringMatching(/^project: f 0644 users\/alice\/notes\.txt /), expect.stringMatching(/^project: f 0644 users\/bob\/db\/state\.sqlite /)]));
    expect(cycle.applied.some((l) => l.includes('legacy-users/alice/'))).toBe(false);
    expect(cycle.rolledBack).toEqual(cycle.before);
  });

  it('leaves a user whose target exists where it is, and says so', async () => {
    const root = tempDir('mu-__name__-');
    writeTree(root, { 'legacy-users/alice/a.txt': 'a', 'legacy-users/bob/b.txt': 'b', 'users/alice/old.txt': 'x' });
    const cycle = await planApplyRollback({ roots: { project: root }, sources: [__camel__Source], config: {} });
    expect(formatResult(cycle.plan)).toBe('move legacy-users/bob -> users/bob\nerror collision: cannot move legacy-users/alice to users/alice: it already exists; skipped\n');
    expect(cycle.rolledBack).toEqual(cycle.before);
  });
});
