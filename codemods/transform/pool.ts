// Spreads the files over worker threads when there are enough of them to pay for each thread
// loading jscodeshift, babel and the transforms again. The main thread takes a share too.
import { Worker } from 'node:worker_threads';
import type { Roots } from '../../plan/types.js';
import type { TransformSpec } from './load.js';
import { transformShare, type RunSettings, type ShareResult } from './share.js';
import type { WorkerInput, WorkerMessage } from './worker.js';
import { availableThreads, compiledSibling } from '../../plan/worker-script.js';

/**
 * Each thread, the main one included, gets more than this many files: a thread loading
 * jscodeshift, babel and the transforms again (0.2-0.4 s) costs more than a smaller share saves
 * (measured: two threads break even at 200 files, README "Many files").
 */
export const FILES_PER_THREAD = 100;

/** The compiled worker script; absent when running from TypeScript sources (tests), where we stay in-process. */
function workerScript(): URL | undefined {
  return compiledSibling('./worker.js', import.meta.url);
}

/** Threads for `files` files on `cores` cores: as many as the files pay for, within the pools' shared limit. */
export function defaultThreads(files: number, cores?: number): number {
  return Math.max(1, Math.min(availableThreads(cores), Math.ceil(files / FILES_PER_THREAD) - 1));
}

function runWorker(script: URL, input: WorkerInput, onFile: () => void): Promise<ShareResult> {
  return new Promise((resolve, reject) => {
    // A transform's console output goes to stderr, as in the main thread, so stdout stays the tool's.
    const worker = new Worker(script, { workerData: input, stdout: true });
    worker.stdout.pipe(process.stderr, { end: false });
    worker.on('message', (msg: WorkerMessage) => {
      if (msg.type === 'file') return onFile();
      void worker.terminate();
      if (msg.type === 'done') resolve(msg.result);
      else reject(new Error(`transform worker failed: ${msg.error}`));
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`transform worker exited with code ${code}`));
    });
  });
}

/** Round-robin over the sorted list, so each share gets a similar mix of directories. */
function shares(files: readonly string[], n: number): string[][] {
  const out: string[][] = Array.from({ length: n }, () => []);
  files.forEach((f, i) => out[i % n]!.push(f));
  return out;
}

export async function transformFiles(
  specs: readonly TransformSpec[],
  roots: Roots,
  files: readonly string[],
  threads: number,
  settings: RunSettings,
  onFile: () => void = () => {},
): Promise<ShareResult & { threads: number }> {
  const script = workerScript();
  if (threads <= 1 || !script || files.length < threads) return { ...(await transformShare(specs, roots, files, settings, onFile)), threads: 1 };
  const [own, ...others] = shares(files, threads);
  // Start the workers before the main thread takes on its own share.
  const pending = Promise.allSettled(others.map((share) => runWorker(script, { specs: [...specs], roots, files: share, settings }, onFile)));
  const mine = await transformShare(specs, roots, own!, settings, onFile);
  const theirs = (await pending).map((r) => {
    if (r.status === 'rejected') throw r.reason;
    return r.value;
  });
  return {
    outcomes: [mine, ...theirs].flatMap((r) => r.outcomes),
    warnings: [mine, ...theirs].flatMap((r) => r.warnings),
    threads,
  };
}
