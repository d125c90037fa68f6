#!/usr/bin/env node
// `npm run bench`: generates the corpora (seeded) under a temp dir, measures migrate-users
// against jscodeshift, ESLint and ripgrep in one run, and prints one table with the ratios and
// the targets of issues #7 and #16 (SPEC §9). Nothing here is asserted by the test suite.
//
// Environment: BENCH_RUNS (default 3) runs per figure, medians reported (BENCH_ESLINT_RUNS for
// the two ESLint figures, default BENCH_RUNS); BENCH_SCALE (default 1)
// shrinks every corpus for a quick look (0.1 = 1,000 files / 1,000 users); BENCH_KEEP=1 keeps
// the temp dir; BENCH_DIR chooses where it goes (default: the OS temp dir); BENCH_ONLY (default
// `generated,real,data`) picks the corpora.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { benchCodemod, benchPlanMemory, checkAgreement } from './lib/codemod-bench.mjs';
import { benchDataTree } from './lib/data-bench.mjs';
import { generateDataTree } from './lib/data-tree.mjs';
import { benchEslint, benchOurLint, benchRipgrep } from './lib/lint-bench.mjs';
import { megabytes, ratio, seconds, Table, times } from './lib/table.mjs';
import { eslintHasConcurrency, ensureRipgrep, machine, REPO, ripgrepVersion, versionOf } from './lib/tools.mjs';
import { generateRealCorpus, REAL_PACKAGES, realSources } from './lib/real-corpus.mjs';
import { generateTsCorpus } from './lib/ts-corpus.mjs';

const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 3));
// ESLint is by far the slowest tool here; BENCH_ESLINT_RUNS can trade its precision for time.
const ESLINT_RUNS = Math.max(1, Number(process.env.BENCH_ESLINT_RUNS ?? RUNS));
const SCALE = Number(process.env.BENCH_SCALE ?? 1);
const SEED = 20261121;
const RSS_LIMIT_KB = 500 * 1024;
const n = (count) => Math.max(50, Math.round(count * SCALE));
const ONLY = new Set((process.env.BENCH_ONLY ?? 'generated,real,memory,data').split(','));

const log = (msg) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);

async function step(label, work) {
  log(`${label}…`);
  const started = performance.now();
  const result = await work();
  log(`${label}: done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return result;
}

const fmtInt = (x) => x.toLocaleString('en-US');

/** The code corpora, each { label, dir, files, mentioning, real?, bytes?, lint }; `lint` marks the ones linted. */
async function codeCorpora(base) {
  const corpora = [];
  const add = async (label, name, generate, extra) => {
    const dir = path.join(base, name);
    corpora.push({ label, dir, ...extra, ...(await step(`generate ${label}`, () => generate(dir))) });
  };
  if (ONLY.has('generated')) {
    await add('generated TS corpus (1%)', 'ts-1pct', (dir) => generateTsCorpus(dir, { count: n(10_000), mentionRate: 0.01, seed: SEED }), { lint: true });
    await add('generated TS corpus (all)', 'ts-all', (dir) => generateTsCorpus(dir, { count: n(2_000), mentionRate: 1, seed: SEED + 1, lintExtras: false }), { lint: false });
  }
  if (ONLY.has('real')) {
    // BENCH_SCALE does not shrink real code: the corpus is what the packages ship.
    const sources = realSources().length;
    await add('real TS code (1%)', 'real-1pct', (dir) => generateRealCorpus(dir, { mentionCount: Math.round(sources * 0.01), seed: SEED + 2 }), { lint: true, real: true });
    await add('real TS code (2,000)', 'real-2000', (dir) => generateRealCorpus(dir, { mentionCount: Math.min(2_000, sources), seed: SEED + 3 }), { lint: false, real: true });
  }
  return corpora;
}

const describe = (c) => `${c.real ? `${REAL_PACKAGES.join(' + ')} sources` : 'generated'}: ${fmtInt(c.files.length)} TS files${c.bytes ? ` (${megabytes(c.bytes / 1024)})` : ''}`;

async function benchCodemods(table, corpora, base) {
  for (const corpus of corpora) {
    const sparse = corpus.mentioning.length < corpus.files.length / 2;
    const target = sparse ? 3 : 5;
    const what = `${describe(corpus)}, ${fmtInt(corpus.mentioning.length)} mention USER_ID`;
    const { ours, theirs } = await step(`codemod on ${what}`, () => benchCodemod(corpus, RUNS));
    table.section(`codemod, ${what}`);
    table.measured('migrate-users plan --only code --profile generic', ours, `${fmtInt(corpus.mentioning.length)} edits`);
    table.measured('jscodeshift --dry -s --parser=tsx (equivalent transform)', theirs);
    const r = ratio(theirs.ms, ours.ms);
    table.target('speed-up vs jscodeshift (wall)', times(r), `>= ${target}x`, r >= target, `CPU: ${times(ratio(theirs.cpuMs, ours.cpuMs))}`);
    table.target('peak RSS of plan on this corpus', megabytes(ours.rssKb), '< 500 MB', ours.rssKb < RSS_LIMIT_KB);
    if (sparse) continue;
    const agreement = await step(`same rewritten files (ours vs jscodeshift) on a sample of ${corpus.label}`, () => checkAgreement(corpus, path.join(base, `agreement-${path.basename(corpus.dir)}`), 8));
    const same = `same output as jscodeshift on a sample (${fmtInt(agreement.files)} files, ${fmtInt(agreement.changed)} rewritten)`;
    const figure = `${fmtInt(agreement.files - agreement.differing.length)}/${fmtInt(agreement.files)} identical`;
    // On real code recast reprints the nodes it replaces in its own style: the count is information.
    if (corpus.real) table.info(same, `${figure}${agreement.differing.length ? `; e.g. ${agreement.differing.slice(0, 2).join(', ')}` : ''}`);
    else table.target(same, figure, 'all identical', agreement.differing.length === 0, agreement.differing.slice(0, 3).join(', '));
  }
}

async function benchLints(table, corpora, rg, concurrency) {
  for (const corpus of corpora.filter((c) => c.lint)) {
    const ours = await step(`migrate-users lint on ${corpus.label}`, () => benchOurLint(corpus.dir, RUNS));
    const eslint = await step('eslint (one thread)', () => benchEslint(corpus.dir, ESLINT_RUNS));
    const eslintParallel = concurrency ? await step(`eslint --concurrency=${concurrency}`, () => benchEslint(corpus.dir, ESLINT_RUNS, concurrency)) : undefined;
    const ripgrep = await step('ripgrep', () => benchRipgrep(rg, corpus.dir, Math.max(RUNS, 5)));
    table.section(`lint, ${describe(corpus)}`);
    table.measured('migrate-users lint --format json', ours, `${fmtInt(ours.findings)} findings`);
    table.measured('eslint 9 + @typescript-eslint/parser, equivalent selectors', eslint, `${fmtInt(eslint.findings)} findings`);
    if (eslintParallel) table.measured(`eslint --concurrency=${concurrency}`, eslintParallel, `${fmtInt(eslintParallel.findings)} findings`);
    else table.info('eslint --concurrency', 'not supported by the installed ESLint');
    table.measured("rg, the rules' text patterns (floor)", ripgrep, `${fmtInt(ripgrep.findings)} matching lines`);
    const vsEslint = ratio(eslint.ms, ours.ms);
    table.target('speed-up vs eslint (wall)', times(vsEslint), '>= 20x', vsEslint >= 20, `CPU: ${times(ratio(eslint.cpuMs, ours.cpuMs))}`);
    if (eslintParallel) table.info(`speed-up vs eslint --concurrency=${concurrency} (wall)`, times(ratio(eslintParallel.ms, ours.ms)));
    const vsRg = ratio(ours.ms, ripgrep.ms);
    table.target('lint time / ripgrep time (wall)', times(vsRg), '<= 10x', vsRg <= 10, `CPU: ${times(ratio(ours.cpuMs, ripgrep.cpuMs))}`);
    table.target('peak RSS of lint on this corpus', megabytes(ours.rssKb), '< 500 MB', ours.rssKb < RSS_LIMIT_KB);
  }
}

/** Plan memory as edits grow tenfold: every file of a 2,000- and a 20,000-file corpus is edited. */
async function benchMemory(table, base) {
  const corpus = async (count, seed) => {
    const dir = path.join(base, `ts-all-${count}`);
    return { dir, ...(await step(`generate ${fmtInt(count)} files that all mention USER_ID`, () => generateTsCorpus(dir, { count, mentionRate: 1, seed, lintExtras: false }))) };
  };
  const small = await corpus(n(2_000), SEED + 4);
  const large = await corpus(n(20_000), SEED + 5);
  const m = await step('plan memory at 2,000 and 20,000 edits', () => benchPlanMemory(small, large));
  table.section('plan memory as edits grow (generated, every file edited; one run each)');
  table.measured('migrate-users plan --only code --profile generic', m.small, `${fmtInt(m.small.edits)} edits`);
  table.measured('migrate-users plan --only code --profile generic', m.large, `${fmtInt(m.large.edits)} edits`);
  const r = ratio(m.large.rssKb, m.small.rssKb);
  table.target(`peak RSS, ${fmtInt(m.large.edits)} / ${fmtInt(m.small.edits)} edits`, times(r), '<= 1.25x (flat)', r <= 1.25);
  table.target(`peak RSS of plan at ${fmtInt(m.large.edits)} edits`, megabytes(m.large.rssKb), '< 500 MB', m.large.rssKb < RSS_LIMIT_KB);
  for (const c of [small, large]) fs.rmSync(c.dir, { recursive: true, force: true });
}

async function benchDataTrees(table, base) {
  const users = n(10_000);
  const data1 = path.join(base, 'data-1x');
  const data10 = path.join(base, 'data-10x');
  const tree1 = await step('generate data tree (1x bytes)', () => generateDataTree(data1, { users, seed: SEED, scale: 1 }));
  const tree10 = await step('generate data tree (10x bytes)', () => generateDataTree(data10, { users, seed: SEED, scale: 10 }));
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
}

async function main() {
  const rg = ensureRipgrep(log);
  const concurrency = eslintHasConcurrency() ? os.availableParallelism() : undefined;
  const base = fs.mkdtempSync(path.join(process.env.BENCH_DIR ?? os.tmpdir(), 'migrate-users-bench-'));
  const host = machine();
  log(`work dir ${base}; ${host.nproc} cores, load ${host.load}; ${RUNS} run(s) per figure, scale ${SCALE}, corpora ${[...ONLY].join(',')}`);
  const table = new Table();
  try {
    const corpora = await codeCorpora(base);
    await benchCodemods(table, corpora, base);
    await benchLints(table, corpora, rg, concurrency);
    if (ONLY.has('memory')) await benchMemory(table, base);
    if (ONLY.has('data')) await benchDataTrees(table, base);

    const after = machine();
    process.stdout.write(`${table.render()}\n\n`);
    process.stdout.write(
      [
        `Machine: ${host.nproc} cores (${host.cpu}), node ${host.node}; load average ${host.load} at start, ${after.load} at end.`,
        `Tools: migrate-users ${JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')).version}, jscodeshift ${versionOf('jscodeshift')}, eslint ${versionOf('eslint')}, @typescript-eslint/parser ${versionOf('@typescript-eslint/parser')}, ${ripgrepVersion(rg)}; real code from ${REAL_PACKAGES.map((p) => `${p} ${versionOf(p)}`).join(', ')}.`,
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
