// Many runs of one plan started at once: the lock appears whole (written, then linked), so
// exactly one proceeds and every other is refused with a clear line, in every trial.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { mkdirOp } from '../../plan/ops.js';
import { loc } from '../../plan/paths.js';
import { StateDir } from '../../plan/state-dir.js';
import { runCliAsync, type CliResult } from '../helpers/cli.js';
import { savedPlan } from '../helpers/plans.js';
import { tempDir } from '../helpers/tree.js';

async function race(runs: number, staleLock: boolean): Promise<{ results: CliResult[]; root: string; id: string }> {
  const root = tempDir('mu-lock-');
  const plan = await savedPlan({ project: root }, (r) => Array.from({ length: 30 }, (_, i) => mkdirOp(r, { source: 't' }, loc('project', `d${i}`))));
  if (staleLock) {
    const gone = spawnSync('true').pid;
    fs.writeFileSync(new StateDir(root).lockFile, JSON.stringify({ pid: gone, host: os.hostname(), command: 'apply old', startedAt: '2026-11-21T00:00:00Z' }));
  }
  const results = await Promise.all(Array.from({ length: runs }, () => runCliAsync(['apply', plan.id, '--root', root])));
  return { results, root, id: plan.id };
}

function checkOneWinner({ results, root, id }: { results: CliResult[]; root: string; id: string }): void {
  const winners = results.filter((r) => r.status === 0);
  expect(winners).toHaveLength(1);
  for (const r of results.filter((x) => x.status !== 0)) {
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/another migrate-users is working on this tree|already applied/);
    expect(r.stderr).not.toMatch(/internal error|ENOENT/);
  }
  const journal = fs.readFileSync(new StateDir(root).journalFile(id), 'utf8');
  expect(journal.match(/"t":"apply-start"/g)).toHaveLength(1);
  expect(fs.readdirSync(root).filter((n) => n.startsWith('d'))).toHaveLength(30);
  expect(fs.readdirSync(new StateDir(root).dir).filter((n) => n.startsWith('lock') || n.startsWith('.lock'))).toEqual([]);
}

describe('the lock under concurrent runs', () => {
  it('12 applies of one plan started together, 3 trials: one applies, the others are refused', async () => {
    for (let trial = 0; trial < 3; trial++) checkOneWinner(await race(12, false));
  }, 300_000);

  it('8 applies racing to take over a dead owner\'s lock: one takes it over, once', async () => {
    const outcome = await race(8, true);
    checkOneWinner(outcome);
    expect(outcome.results.filter((r) => r.stderr.includes('taking over a stale lock'))).toHaveLength(1);
  }, 300_000);
});
