// `migrate-users lint` against ESLint with equivalent selectors (one thread, and
// --concurrency=N when this ESLint has it) and ripgrep over the rules' text patterns.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expectExit, measure, repeat } from './measure.mjs';
import { ESLINT, ESLINT_CONFIG, OURS } from './tools.mjs';
import { LINTED_GLOB, RULES } from '../patterns.mjs';

/**
 * Every rule on, whatever profile the corpus looks like: the ESLint config reports all of
 * them too. Written once into the corpus (the other tools skip .json files).
 */
function enableEveryRule(dir) {
  const rules = Object.fromEntries(RULES.map((r) => [r.id, 'warn']));
  fs.writeFileSync(path.join(dir, 'migrate-users.config.json'), `${JSON.stringify({ lint: { rules } }, null, 2)}\n`);
}

export async function benchOurLint(dir, runs) {
  enableEveryRule(dir);
  let findings;
  const timed = await repeat(runs, () => measure(process.execPath, [OURS, 'lint', '--root', dir, '--format', 'json'], { keepStdout: true }), {
    check: (r) => {
      expectExit('migrate-users lint', [0, 1])(r);
      findings = JSON.parse(r.stdout).findings.length;
    },
  });
  return { ...timed, findings };
}

export async function benchEslint(dir, runs, concurrency) {
  const out = path.join(os.tmpdir(), `bench-eslint-${process.pid}.json`);
  const args = [ESLINT, '-c', ESLINT_CONFIG, '--format', 'json', '-o', out, ...(concurrency ? [`--concurrency=${concurrency}`] : []), '.'];
  let findings;
  const timed = await repeat(runs, () => measure(process.execPath, args, { cwd: dir }), {
    check: (r) => {
      expectExit('eslint', [0, 1])(r);
      findings = JSON.parse(fs.readFileSync(out, 'utf8')).reduce((n, f) => n + f.messages.length, 0);
      fs.rmSync(out, { force: true });
    },
  });
  return { ...timed, findings };
}

export async function benchRipgrep(rg, dir, runs) {
  // The rules' prefilters are JavaScript regexes, whose \b is an ASCII word boundary; rg's
  // default Unicode \b would match the same here but runs about 8x slower.
  const args = ['-n', '--no-heading', '--no-unicode', '-g', LINTED_GLOB, ...RULES.flatMap((r) => r.rg.flatMap((p) => ['-e', p])), dir];
  let findings;
  const timed = await repeat(runs, () => measure(rg, args, { keepStdout: true }), {
    check: (r) => {
      expectExit('rg', [0, 1])(r);
      findings = r.stdout.split('\n').filter(Boolean).length;
    },
  });
  return { ...timed, findings };
}
