import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { buildPlan } from '../../plan/build.js';
import { editOp, moveOp } from '../../plan/ops.js';
import type { OperationSource, Relocation } from '../../plan/types.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

it('hands the relocations of the other sources to a source that follows them, keeping the listed order of operations', async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'mu-reloc-'));
  dirs.push(root);
  fs.mkdirSync(path.join(root, 'old'));
  fs.writeFileSync(path.join(root, 'app.txt'), 'old\n');
  const roots = { project: root };
  const moved: Relocation = { source: 'mover', type: 'dir', from: { root: 'project', path: 'old' }, to: { root: 'project', path: 'new' } };
  const seen: Relocation[][] = [];
  const follower: OperationSource = {
    name: 'follower',
    category: 'code',
    followsRelocations: true,
    async plan(ctx) {
      seen.push([...(ctx.relocations ?? [])]);
      const to = ctx.relocations?.[0]?.to.path ?? 'old';
      return { operations: [editOp(roots, { source: 'follower' }, { root: 'project', path: 'app.txt' }, 'old\n', [{ start: 0, end: 3, text: to }])], warnings: [], errors: [] };
    },
  };
  const mover: OperationSource = {
    name: 'mover',
    category: 'fs',
    async plan(ctx) {
      expect(ctx.relocations ?? []).toEqual([]);
      return { operations: [moveOp(roots, { source: 'mover' }, moved.from, moved.to)], warnings: [], errors: [], relocations: [moved] };
    },
  };
  const plan = await buildPlan({ roots, sources: [follower, mover] });
  expect(seen).toEqual([[moved]]);
  expect(plan.operations.map((o) => o.kind)).toEqual(['edit', 'move']);
  expect(plan.operations[0]).toMatchObject({ diff: expect.stringContaining('+new') });
});
