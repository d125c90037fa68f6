#!/usr/bin/env node
// `npm run bench`: generates the corpora (seeded) under a temp dir, measures migrate-users
// against jscodeshift, ESLint and ripgrep in one run, and prints one table with the ratios and
// the targets of issue #7 (SPEC §9). Nothing here is asserted by the test suite.
//
// Environment: BENCH_RUNS (default 3) runs per figure, medians reported (BENCH_ESLINT_RUNS for
// the two ESLint figures, default BENCH_RUNS); BENCH_SCALE (default 1)
// shrinks every corpus for a quick look (0.1 = 1,000 files / 1,000 users); BENCH_KEEP=1 keeps
// the temp dir; BENCH_DIR chooses where it goes (default: the OS temp dir).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { benchCodemod, checkAgreement } from './lib/codemod-bench.mjs';
import { benchDataTree } from './lib/data-bench.mjs';
import { generateDataTree } from './lib/data-tree.mjs';
import { benchEslint, benchOurLint, benchRipgrep } from './lib/lint-bench.mjs';
import { megabytes, ratio, seconds, Table, times } from './lib/table.mjs';
import { eslintHasConcurrency, ensureRipgrep, machine, REPO, ripgrepVersion, versionOf } from './lib/tools.mjs';
import { generateTsCorpus } from './lib/ts-corpus.mjs';

const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 3));
// ESLint is by far the slowest tool here; BENCH_ESLINT_RUNS can trade its precision for time.
const ESLINT_RUNS = Math.max(1, Number(process.env.BENCH_ESLINT_RUNS ?? RUNS));
const SCALE = Number(process.env.BENCH_SCALE ?? 1);
const SEED = 20261121;
const RSS_LIMIT_KB = 500 * 1024;
const n = (count) => Math.max(50, Math.round(count * SCALE));

const log = (msg) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);

async function step(label, work) {
  log(`${label}…`);
  const started = performance.now();
  const result = await work();
  log(`${label}: done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return result;
}

const fmtInt = (x) => x.toLocaleString('en-US');

async function main() {
  const rg = ensureRipgrep(log);
  const concurrency = eslintHasConcurrency() ? os.availableParallelism() : undefined;
  const base = fs.mkdtempSync(path.join(process.env.BENCH_DIR ?? os.tmpdir(), 'migrate-users-bench-'));
  const host = machine();
  log(`work dir ${base}; ${host.nproc} cores, load ${host.load}; ${RUNS} run(s) per figure, scale ${SCALE}`);
  const table = new Table();
  try {
    // --- corpora ------------------------------------------------------------------------
    const sparse = { dir: path.join(base, 'ts-1pct'), ...(await step('generate TS corpus (1%)', () => generateTsCorpus(path.join(base, 'ts-1pct'), { count: n(10_000), mentionRate: 0.01, seed: SEED }))) };
    const dense = { dir: path.join(base, 'ts-all'), ...(await step('generate TS corpus (all)', () => generateTsCorpus(path.join(base, 'ts-all'), { count: n(2_000), mentionRate: 1, seed: SEED + 1, lintExtras: false }))) };
    const users = n(10_000);
    const data1 = path.join(base, 'data-1x');
    const data10 = path.join(base, 'data-10x');
    const tree1 = await step('generate data tree (1x bytes)', () => generateDataTree(data1, { users, seed: SEED, scale: 1 }));
    const tree10 = await step('generate data tree (10x bytes)', () => generateDataTree(data10, { users, seed: SEED, scale: 10 }));

    // --- codemod ------------------------------------------------------------------------
    for (const [corpus, what, target] of [
      [sparse, `${fmtInt(sparse.files.length)} TS files, ${fmtInt(sparse.mentioning.length)} mention USER_ID`, 3],
      [dense, `${fmtInt(dense.files.length)} TS files, ${fmtInt(dense.mentioning.length)} mention USER_ID`, 5],
    ]) {
      const { ours, theirs } = await step(`codemod on ${what}`, () => benchCodemod(corpus, RUNS));
      table.section(`codemod: ${what}`);
      table.measured('migrate-users plan --only code --profile generic', ours, `${fmtInt(corpus.mentioning.length)} edits`);
      table.measured('jscodeshift --dry -s --parser=tsx (equivalent transform)', theirs);
      const r = ratio(theirs.ms, ours.ms);
      table.target('speed-up vs jscodeshift (wall)', times(r), `>= ${target}x`, r >= target, `CPU: ${times(ratio(theirs.cpuMs, ours.cpuMs))}`);
      if (corpus === sparse) table.target('peak RSS of plan on this corpus', megabytes(ours.rssKb), '< 500 MB', ours.rssKb < RSS_LIMIT_KB);
    }
    const agreement = await step('same rewritten files (ours vs jscodeshift) on a sample', () => checkAgreement(dense, path.join(base, 'agreement'), 8));
    table.target(
      `same output as jscodeshift on a sample (${fmtInt(agreement.files)} files, ${fmtInt(agreement.changed)} rewritten)`,
      `${fmtInt(agreement.files - agreement.differing.length)}/${fmtInt(agreement.files)} identical`,
      'all identical',
      agreement.differing.length === 0,
      agreement.differing.slice(0, 3).join(', '),
    );

    // --- lint ---------------------------------------------------------------------------
    const ours = await step('migrate-users lint', () => benchOurLint(sparse.dir, RUNS));
    const eslint = await step('eslint (one thread)', () => benchEslint(sparse.dir, ESLINT_RUNS));
    const eslintParallel = concurrency ? await step(`eslint --concurrency=${concurrency}`, () => benchEslint(sparse.dir, ESLINT_RUNS, concurrency)) : undefined;
    const ripgrep = await step('ripgrep', () => benchRipgrep(rg, sparse.dir, Math.max(RUNS, 5)));
    table.section(`lint: ${fmtInt(sparse.files.length)} TS files`);
    table.measured('migrate-users lint --format json', ours, `${fmtInt(ours.findings)} findings`);
    table.measured('eslint 9 + @typescript-eslint/parser, equivalent selectors', eslint, `${fmtInt(eslint.findings)} findings`);
    if (eslintParallel) table.measured(`eslint --concurrency=${concurrency}`, eslintParallel, `${fmtInt(eslintParallel.findings)} findings`);
    else table.info('eslint --concurrency', 'not supported by the installed ESLint');
    table.measured('rg, the rules\' text patterns (floor)', ripgrep, `${fmtInt(ripgrep.findings)} matching lines`);
    const vsEslint = ratio(eslint.ms, ours.ms);
    table.target('speed-up vs eslint (wall)', times(vsEslint), '>= 20x', vsEslint >= 20, `CPU: ${times(ratio(eslint.cpuMs, ours.cpuMs))}`);
    if (eslintParallel) table.info(`speed-up vs eslint --concurrency=${concurrency} (wall)`, times(ratio(eslintParallel.ms, ours.ms)));
    const vsRg = ratio(ours.ms, ripgrep.ms);
    table.target('lint time / ripgrep time (wall)', times(vsRg), '<= 5x', vsRg <= 5);
    table.target('peak RSS of lint on this corpus', megabytes(ours.rssKb), '< 500 MB', ours.rssKb < RSS_LIMIT_KB);

    // --- data trees ---------------------------------------------------------------------
    const bench1 = await step('apply/rollback, 1x bytes', () => benchDataTree(data1, RUNS));
    const bench10 = await step('apply/rollback, 10x bytes', () => benchDataTree(data10, RUNS));
    for (const [tree, b, label] of [[tree1, bench1, '1x'], [tree10, bench10, '10x']]) {
      table.section(`continuum data tree (${label} bytes): ${fmtInt(tree.users)} users, ${fmtInt(tree.files)} files, ${megabytes(tree.bytes / 1024)}`);
      table.measured('migrate-users plan --profile continuum --only fs', b.plan, `${fmtInt(b.operations)} operations`);
      table.measured('migrate-users apply', b.apply);
      table.measured('migrate-users rollback', b.rollback, b.restored ? 'tree restored (entries and sizes)' : '**tree NOT restored**');
    }
    table.section('data-tree targets');
    table.target('apply, 1x tree', seconds(bench1.apply.ms), '< 3 s', bench1.apply.ms < 3000);
    table.target('rollback, 1x tree', seconds(bench1.rollback.ms), '< 3 s', bench1.rollback.ms < 3000);
    for (const key of ['apply', 'rollback', 'plan']) {
      const r = ratio(bench10[key].ms, bench1[key].ms);
      if (key === 'plan') table.info('plan, 10x / 1x tree (wall)', times(r));
      else table.target(`${key}, 10x / 1x tree (wall)`, times(r), '<= 1.3x', r <= 1.3, `CPU: ${times(ratio(bench10[key].cpuMs, bench1[key].cpuMs))}`);
    }
    table.target('every rollback restored the tree', bench1.restored && bench10.restored ? 'yes' : 'no', 'yes', bench1.restored && bench10.restored);

    const after = machine();
    process.stdout.write(`${table.render()}\n\n`);
    process.stdout.write(
      [
        `Machine: ${host.nproc} cores (${host.cpu}), node ${host.node}; load average ${host.load} at start, ${after.load} at end.`,
        `Tools: migrate-users ${JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')).version}, jscodeshift ${versionOf('jscodeshift')}, eslint ${versionOf('eslint')}, @typescript-eslint/parser ${versionOf('@typescript-eslint/parser')}, ${ripgrepVersion(rg)}.`,
        `Each figure: median of ${RUNS} run(s) (ESLint: ${ESLINT_RUNS}, ripgrep: ${Math.max(RUNS, 5)}); peak RSS: the largest process, the highest over the runs. Seed ${SEED}, scale ${SCALE}.`,
      ].join('\n') + '\n',
    );
  } finally {
    if (process.env.BENCH_KEEP === '1') log(`kept ${base}`);
    else fs.rmSync(base, { recursive: true, force: true });
  }
}

main().catch((e) => {
  process.stderr.write(`bench failed: ${e.stack ?? e.message}\n`);
  process.exitCode = 1;
});
