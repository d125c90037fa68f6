// Runs a command and measures it: wall time (in this process, to the millisecond), CPU time
// and peak RSS of the largest process in its tree (GNU time's %M, from wait4's rusage). Without
// GNU time, peak RSS is VmHWM of the command's own process, polled from /proc.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const GNU_TIME = '/usr/bin/time';
const hasGnuTime = () => fs.existsSync(GNU_TIME);

function pollPeakRss(pid, state) {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    if (m) state.peakKb = Math.max(state.peakKb, Number(m[1]));
  } catch {
    // the process is gone
  }
}

/**
 * Runs `command args` in `cwd`; resolves { ms, cpuMs, rssKb, code, stdout, stderr }. stdout is
 * kept only when `keepStdout` (some tools print megabytes).
 */
export function measure(command, args, { cwd, env, keepStdout = false } = {}) {
  return new Promise((resolve, reject) => {
    const report = path.join(os.tmpdir(), `bench-time-${process.pid}-${Math.random().toString(36).slice(2)}`);
    const gnu = hasGnuTime();
    const [cmd, argv] = gnu ? [GNU_TIME, ['-f', '%U %S %M', '-o', report, command, ...args]] : [command, args];
    const started = process.hrtime.bigint();
    const child = spawn(cmd, argv, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [];
    const err = [];
    child.stdout.on('data', (d) => keepStdout && out.push(d));
    child.stderr.on('data', (d) => err.push(d));
    const rss = { peakKb: 0 };
    const timer = gnu ? undefined : setInterval(() => pollPeakRss(child.pid, rss), 20);
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (timer) clearInterval(timer);
      let cpuMs;
      let rssKb = rss.peakKb;
      if (gnu) {
        const text = fs.readFileSync(report, 'utf8').trim().split('\n').pop();
        fs.rmSync(report, { force: true });
        const [user, sys, maxKb] = text.split(' ').map(Number);
        cpuMs = (user + sys) * 1000;
        rssKb = maxKb;
      }
      resolve({ ms, cpuMs, rssKb, code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
  });
}

export function median(values) {
  const sorted = values.filter((v) => v !== undefined && !Number.isNaN(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return undefined;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Runs `once()` `runs` times (after `before()` each time, untimed) and returns the medians.
 * `check(result)` throws when a run did not do its job, so a failing tool never yields a time.
 */
export async function repeat(runs, once, { before, check } = {}) {
  const results = [];
  for (let i = 0; i < runs; i++) {
    if (before) await before(i);
    const r = await once(i);
    if (check) check(r);
    results.push(r);
  }
  return {
    runs,
    ms: median(results.map((r) => r.ms)),
    cpuMs: median(results.map((r) => r.cpuMs)),
    rssKb: Math.max(...results.map((r) => r.rssKb ?? 0)),
    last: results[results.length - 1],
  };
}

/** Throws with the tool's own words when it exited with a code it should not have. */
export function expectExit(label, okCodes) {
  return (r) => {
    if (!okCodes.includes(r.code)) throw new Error(`${label} exited with ${r.code}: ${r.stderr.trim().split('\n').slice(-5).join('\n')}`);
  };
}
