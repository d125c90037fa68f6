// plan --only code (the TS user-id codemod) against jscodeshift running the equivalent
// transform, and a check on a sample that both rewrite the files identically.
import fs from 'node:fs';
import path from 'node:path';
import { expectExit, measure, repeat } from './measure.mjs';
import { JSCODESHIFT, JSCODESHIFT_TRANSFORM, OURS } from './tools.mjs';
import { SETTINGS_MODULE } from './ts-corpus.mjs';

const dropState = (dir) => fs.rmSync(path.join(dir, '.migrate-users'), { recursive: true, force: true });

const planArgs = (dir) => [OURS, 'plan', '--root', dir, '--profile', 'generic', '--only', 'code', '--json'];
const jscodeshiftArgs = (dir, dry) => [JSCODESHIFT, ...(dry ? ['--dry'] : []), '-s', '--parser=tsx', '--extensions=ts,tsx,mts,cts', '-t', JSCODESHIFT_TRANSFORM, dir];

function planJson(r) {
  try {
    return JSON.parse(r.stdout);
  } catch {
    throw new Error(`plan printed no JSON: ${r.stderr.trim().slice(-400)}`);
  }
}

/** Times ours and jscodeshift on one corpus; `expectedEdits` guards against a plan that did nothing. */
export async function benchCodemod(corpus, runs) {
  const ours = await repeat(runs, () => measure(process.execPath, planArgs(corpus.dir), { keepStdout: true }), {
    before: () => dropState(corpus.dir),
    check: (r) => {
      expectExit('migrate-users plan', [0])(r);
      const edits = planJson(r).summary?.byKind?.edit ?? 0;
      if (edits !== corpus.mentioning.length) throw new Error(`plan made ${edits} edits, expected ${corpus.mentioning.length}`);
    },
  });
  dropState(corpus.dir);
  const theirs = await repeat(runs, () => measure(process.execPath, jscodeshiftArgs(corpus.dir, true)), { check: expectExit('jscodeshift', [0]) });
  return { ours, theirs };
}

function copyFiles(fromDir, toDir, files) {
  for (const f of files) {
    fs.mkdirSync(path.dirname(path.join(toDir, f)), { recursive: true });
    fs.copyFileSync(path.join(fromDir, f), path.join(toDir, f));
  }
}

function listFiles(dir, rel = '') {
  return fs.readdirSync(path.join(dir, rel), { withFileTypes: true }).flatMap((e) => {
    if (e.name === '.migrate-users') return [];
    const child = rel ? `${rel}/${e.name}` : e.name;
    return e.isDirectory() ? listFiles(dir, child) : [child];
  });
}

/**
 * Applies our plan to one copy of a sample and runs jscodeshift (without --dry) on another;
 * the sample agrees when every file is byte-identical afterwards.
 */
export async function checkAgreement(corpus, workDir, every) {
  const sample = corpus.files.filter((f, i) => f === SETTINGS_MODULE || !corpus.mentioning.includes(f) || i % every === 0);
  const oursDir = path.join(workDir, 'ours');
  const theirsDir = path.join(workDir, 'jscodeshift');
  for (const d of [oursDir, theirsDir]) {
    fs.rmSync(d, { recursive: true, force: true });
    copyFiles(corpus.dir, d, sample);
  }
  const planned = await measure(process.execPath, planArgs(oursDir), { keepStdout: true });
  expectExit('migrate-users plan', [0])(planned);
  const applied = await measure(process.execPath, [OURS, 'apply', planJson(planned).planId, '--root', oursDir]);
  expectExit('migrate-users apply', [0])(applied);
  expectExit('jscodeshift', [0])(await measure(process.execPath, jscodeshiftArgs(theirsDir, false)));
  const files = listFiles(oursDir).sort();
  const differing = files.filter((f) => !fs.readFileSync(path.join(oursDir, f)).equals(fs.readFileSync(path.join(theirsDir, f))));
  const changed = files.filter((f) => !fs.readFileSync(path.join(oursDir, f)).equals(fs.readFileSync(path.join(corpus.dir, f)))).length;
  const onlyTheirs = listFiles(theirsDir).filter((f) => !files.includes(f));
  return { files: files.length, changed, differing: [...differing, ...onlyTheirs] };
}

/**
 * Peak RSS of `plan` where every file is edited, at two sizes (one run each: memory, not time,
 * is the figure). A plan that streams its edits to disk stays flat as the edits grow tenfold.
 */
export async function benchPlanMemory(small, large) {
  const once = async (corpus) => {
    dropState(corpus.dir);
    const r = await measure(process.execPath, planArgs(corpus.dir), { keepStdout: true });
    expectExit('migrate-users plan', [0])(r);
    const edits = planJson(r).summary?.byKind?.edit ?? 0;
    if (edits !== corpus.mentioning.length) throw new Error(`plan made ${edits} edits, expected ${corpus.mentioning.length}`);
    dropState(corpus.dir);
    return { ...r, edits, runs: 1 };
  };
  return { small: await once(small), large: await once(large) };
}
