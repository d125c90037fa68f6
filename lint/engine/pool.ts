// Spreads candidate files over worker threads when there are enough of them to pay for the
// start-up (each thread loads the TypeScript compiler). The main thread takes a share too.
import fs from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { EnabledRule, LintProfile } from '../types.js';
import { activateRules, lintText, type FileOutcome } from './lint-file.js';
import type { WorkerInput, WorkerOutput } from './worker.js';

export interface Job {
  file: string;
  text: string;
}

/** The compiled worker script; absent when running from TypeScript sources (tests), where we stay in-process. */
function workerScript(): URL | undefined {
  const url = new URL('./worker.js', import.meta.url);
  return url.protocol === 'file:' && import.meta.url.endsWith('.js') && fs.existsSync(fileURLToPath(url)) ? url : undefined;
}

export function availableThreads(): number {
  return Math.max(1, Math.min(os.availableParallelism(), 8));
}

/** Splits jobs into `n` shares of about equal text size (largest first, onto the lightest share). */
function shares(jobs: readonly Job[], n: number): Job[][] {
  const out: Job[][] = Array.from({ length: n }, () => []);
  const load = new Array<number>(n).fill(0);
  for (const job of [...jobs].sort((a, b) => b.text.length - a.text.length)) {
    const i = load.indexOf(Math.min(...load));
    out[i]!.push(job);
    load[i]! += job.text.length;
  }
  return out;
}

function runWorker(script: URL, input: WorkerInput): Promise<FileOutcome[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(script, { workerData: input });
    worker.once('message', (msg: WorkerOutput) => {
      void worker.terminate();
      if (msg.ok) resolve(msg.outcomes);
      else reject(new Error(`lint worker failed: ${msg.error}`));
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`lint worker exited with code ${code}`));
    });
  });
}

async function inProcess(jobs: readonly Job[], enabled: EnabledRule[], knownIds: string[], profile: LintProfile): Promise<FileOutcome[]> {
  const rules = activateRules(enabled, knownIds, profile);
  const out: FileOutcome[] = [];
  for (const job of jobs) out.push(await lintText(job.file, job.text, rules));
  return out;
}

/** Lints every job; `threads` > 1 uses worker threads when the compiled worker is available. */
export async function lintJobs(jobs: readonly Job[], enabled: EnabledRule[], knownIds: string[], profile: LintProfile, threads: number): Promise<{ outcomes: FileOutcome[]; threads: number }> {
  const script = workerScript();
  if (threads <= 1 || !script || jobs.length < threads) return { outcomes: await inProcess(jobs, enabled, knownIds, profile), threads: 1 };
  const [own, ...others] = shares(jobs, threads);
  // Start the workers before the main thread takes on its own share.
  // A thread that cannot start or dies (resource limits) costs time, not results: redo its share here.
  const pending = Promise.all(
    others.map((share) => runWorker(script, { enabled, knownIds, profile, jobs: share }).catch(() => inProcess(share, enabled, knownIds, profile))),
  );
  const mine = await inProcess(own!, enabled, knownIds, profile);
  return { outcomes: [...mine, ...(await pending).flat()], threads };
}
