import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../plan/errors.js';
import { ProjectFiles } from '../../plan/files.js';
import type { PlanContext } from '../../plan/types.js';
import { formatResult, planApplyRollback } from '../../tests/helpers/plan-cycle.js';
import { movesSource } from './index.js';
import { runSource } from '../../tests/helpers/sources.js';

function tempProject(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'moves-'));
}

function write(root: string, rel: string, content = `${rel}\n`): void {
  const p = path.join(root, rel);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, content);
}

function ctxFor(root: string, config: Record<string, unknown>): Omit<PlanContext, 'emit'> {
  return { roots: { project: root }, config, options: {}, files: new ProjectFiles(root), paths: [] };
}

const RULE = { moves: [{ from: 'legacy/{userId}', to: 'home/users/{userId}' }] };

describe('moves', () => {
  it('moves every matching entry, then the emptied legacy dir, and rolls back', async () => {
    const root = tempProject();
    write(root, 'legacy/ann/profile.json');
    write(root, 'legacy/ann/cache/a.bin');
    write(root, 'legacy/bob.txt');
    const res = await runSource(movesSource, ctxFor(root, RULE));
    expect(formatResult(res)).toBe(
      [
        'mkdir home',
        'mkdir home/users',
        'move legacy/ann -> home/users/ann',
        'move legacy/bob.txt -> home/users/bob.txt',
        'delete-empty-dir legacy',
        '',
      ].join('\n'),
    );
    const cycle = await planApplyRollback({ roots: { project: root }, sources: [movesSource], config: RULE });
    expect(cycle.applied.map((l) => l.replace(/ [0-9a-f]{16}$/, ''))).toEqual([
      'project: d 0755 home/',
      'project: d 0755 home/users/',
      'project: d 0755 home/users/ann/',
      'project: d 0755 home/users/ann/cache/',
      'project: f 0644 home/users/ann/cache/a.bin',
      'project: f 0644 home/users/ann/profile.json',
      'project: f 0644 home/users/bob.txt',
    ]);
    expect(cycle.rolledBack).toEqual(cycle.before);
  });

  it('matches a segment with a prefix and suffix and keeps the rest of the path', async () => {
    const root = tempProject();
    write(root, 'data/user-ann.db');
    write(root, 'data/user-bob.db');
    write(root, 'data/shared.db');
    write(root, 'old/cy/settings/app.json');
    write(root, 'old/cy/other.txt');
    const res = await runSource(movesSource, 
      ctxFor(root, {
        moves: [
          { from: 'data/user-{userId}.db', to: 'users/{userId}/data/{userId}.db' },
          { from: 'old/{userId}/settings', to: 'users/{userId}/config' },
        ],
      }),
    );
    expect(formatResult(res)).toBe(
      [
        'mkdir users',
        'mkdir users/ann',
        'mkdir users/ann/data',
        'move data/user-ann.db -> users/ann/data/ann.db',
        'mkdir users/bob',
        'mkdir users/bob/data',
        'move data/user-bob.db -> users/bob/data/bob.db',
        'mkdir users/cy',
        'move old/cy/settings -> users/cy/config',
        '',
      ].join('\n'),
    );
  });

  it('reports collisions naming both paths and skips them', async () => {
    const root = tempProject();
    write(root, 'legacy/ann/a.txt');
    write(root, 'home/users/ann/b.txt');
    const res = await runSource(movesSource, ctxFor(root, RULE));
    expect(res.operations).toEqual([]);
    expect(res.errors).toEqual([expect.objectContaining({ code: 'collision', paths: ['legacy/ann', 'home/users/ann'] })]);
  });

  it('reports and skips invalid ids and entries that leave the root through a symlink', async () => {
    const root = tempProject();
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'outside-'));
    write(root, 'legacy/ok/a.txt');
    write(root, 'legacy/tab\tname/a.txt');
    fs.symlinkSync(outside, path.join(root, 'legacy/evil'));
    const res = await runSource(movesSource, ctxFor(root, RULE));
    expect(res.errors.map((e) => e.code)).toEqual(['invalid-user-id', 'invalid-user-id']);
    expect(res.operations.filter((o) => o.kind === 'move').map((o) => o.group)).toEqual(['ok']);
    expect(res.operations.some((o) => o.kind === 'delete-empty-dir')).toBe(false);
  });

  it('rejects malformed rules as usage errors', async () => {
    const root = tempProject();
    for (const moves of [
      [{ from: 'legacy/users', to: 'home/{userId}' }],
      [{ from: 'legacy/{userId}', to: 'home/all' }],
      [{ from: '../{userId}', to: 'home/{userId}' }],
      [{ from: 'legacy/{userId}/{userId}', to: 'home/{userId}' }],
      [{ from: 'legacy/{userId}' }],
      'legacy/{userId}',
    ]) {
      await expect(runSource(movesSource, ctxFor(root, { moves })), JSON.stringify(moves)).rejects.toBeInstanceOf(UsageError);
    }
  });

  it('plans nothing without rules', async () => {
    const res = await runSource(movesSource, ctxFor(tempProject(), {}));
    expect(res).toEqual({ operations: [], warnings: [], errors: [] });
  });
});
