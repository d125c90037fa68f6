// apply and rollback of the continuum-users migration on a generated data tree. Each run
// plans afresh (a rolled-back plan cannot be applied again), applies, and rolls back; the tree
// must come back with the same entries and sizes.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { expectExit, measure, median } from './measure.mjs';
import { OURS } from './tools.mjs';

/** Digest of every entry's path, type and size: cheap, and enough to see a lost or moved file. */
export function treeDigest(dir) {
  const h = crypto.createHash('sha256');
  let entries = 0;
  const walk = (rel) => {
    for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (e.name === '.migrate-users') continue;
      const child = rel ? `${rel}/${e.name}` : e.name;
      entries++;
      if (e.isDirectory()) {
        h.update(`d ${child}\n`);
        walk(child);
      } else h.update(`f ${child} ${fs.lstatSync(path.join(dir, child)).size}\n`);
    }
  };
  walk('');
  return { entries, digest: h.digest('hex') };
}

const summarise = (results, key) => ({
  runs: results.length,
  ms: median(results.map((r) => r[key].ms)),
  cpuMs: median(results.map((r) => r[key].cpuMs)),
  rssKb: Math.max(...results.map((r) => r[key].rssKb)),
});

export async function benchDataTree(dir, runs) {
  const before = treeDigest(dir);
  const results = [];
  let operations;
  for (let i = 0; i < runs; i++) {
    fs.rmSync(path.join(dir, '.migrate-users'), { recursive: true, force: true });
    const plan = await measure(process.execPath, [OURS, 'plan', '--root', dir, '--profile', 'continuum', '--only', 'fs', '--json'], { keepStdout: true });
    expectExit('migrate-users plan', [0])(plan);
    const parsed = JSON.parse(plan.stdout);
    if (!parsed.planId || parsed.errors.length) throw new Error(`plan of ${dir} failed: ${JSON.stringify(parsed.errors).slice(0, 400)}`);
    operations = parsed.summary.operations;
    const apply = await measure(process.execPath, [OURS, 'apply', parsed.planId, '--root', dir]);
    expectExit('migrate-users apply', [0])(apply);
    const rollback = await measure(process.execPath, [OURS, 'rollback', parsed.planId, '--root', dir]);
    expectExit('migrate-users rollback', [0])(rollback);
    results.push({ plan, apply, rollback });
  }
  const after = treeDigest(dir);
  return {
    operations,
    entries: before.entries,
    restored: before.digest === after.digest,
    plan: summarise(results, 'plan'),
    apply: summarise(results, 'apply'),
    rollback: summarise(results, 'rollback'),
  };
}
