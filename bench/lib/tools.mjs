// The programs the benchmark compares: our CLI, jscodeshift and ESLint from node_modules, and
// ripgrep from the Debian package (installed here when missing, so one command suffices).
import { execFileSync, execSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BENCH = path.join(REPO, 'bench');
const require = createRequire(path.join(REPO, 'package.json'));

export const OURS = path.join(REPO, 'bin/migrate-users.js');
export const JSCODESHIFT = path.join(path.dirname(require.resolve('jscodeshift/package.json')), 'bin/jscodeshift.js');
export const ESLINT = path.join(path.dirname(require.resolve('eslint/package.json')), 'bin/eslint.js');
export const JSCODESHIFT_TRANSFORM = path.join(BENCH, 'jscodeshift-user-id.cjs');
export const ESLINT_CONFIG = path.join(BENCH, 'eslint.config.mjs');

export const versionOf = (pkg) => require(`${pkg}/package.json`).version;

const onPath = (cmd) => {
  try {
    execSync(`command -v ${cmd}`, { stdio: 'ignore', shell: '/bin/sh' });
    return true;
  } catch {
    return false;
  }
};

/** ripgrep's path, installing Debian's `ripgrep` when it is missing (needs root or sudo). */
export function ensureRipgrep(log) {
  if (!onPath('rg')) {
    log('installing ripgrep from Debian (apt-get install ripgrep)…');
    const sudo = process.getuid?.() === 0 ? '' : 'sudo ';
    execSync(`${sudo}apt-get update -qq && ${sudo}apt-get install -y -qq ripgrep`, { stdio: 'inherit', shell: '/bin/sh' });
  }
  return execSync('command -v rg', { shell: '/bin/sh' }).toString().trim();
}

export const ripgrepVersion = (rg) => execFileSync(rg, ['--version']).toString().split('\n')[0];

/** Whether this ESLint knows `--concurrency` (ESLint >= 9.34). */
export function eslintHasConcurrency() {
  return execFileSync(process.execPath, [ESLINT, '--help']).toString().includes('--concurrency');
}

export function machine() {
  const free = onPath('free') ? execSync('free -h', { shell: '/bin/sh' }).toString().trim() : '';
  const nproc = onPath('nproc') ? execSync('nproc', { shell: '/bin/sh' }).toString().trim() : '';
  const cpu = fs.existsSync('/proc/cpuinfo') ? (/model name\s*:\s*(.+)/.exec(fs.readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? '') : '';
  return { nproc, cpu, free, node: process.version, load: fs.existsSync('/proc/loadavg') ? fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ') : '' };
}
