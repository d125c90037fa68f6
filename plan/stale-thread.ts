// The check that a big plan's preconditions hold, shared with a thread of its own (stale-worker.ts).
// The caller hands over steps whose paths are ready to be looked at (every step as apply's scan
// finds its paths safe; each step as rollback is done with every path of it), the thread checks
// them in batches as they come while the caller goes on with its own work, and when the caller
// asks for the result it checks the batches the thread has not started itself: both take the
// next batch from one shared counter. Per batch, the check is `problemsAmong`, as in one thread.
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { DirVerdicts } from './listings.js';
import { StoredOps } from './op-file.js';
import { problemsAmong } from './preflight.js';
import type { OpList, Precondition, Roots } from './types.js';
import { compiledSibling } from './worker-script.js';

/** Below this many steps the thread's start (~40 ms) costs more than it takes over. */
export const CHECK_THREAD_MIN_STEPS = 2000;
/**
 * Steps per batch: enough that a batch's listing of a shared parent (`.continuum/users/`, read
 * afresh by each batch of a rollback) answers for many of them, and few enough that the thread
 * gets batches while the caller's pass still runs.
 */
const batchSize = (steps: number): number => Math.min(2048, Math.max(256, Math.ceil(steps / 16)));

export interface CheckThreadInput {
  file: string;
  offsets: Float64Array;
  roots: Roots;
  ignoreSuffix?: string;
  /** One Int32: the next batch to check, taken by either thread with an atomic add or exchange. */
  claims: Int32Array;
}

export type ToCheckThread = { steps: number[] };
/** A batch's problems, and the dirs its check found unchanged with their keys (the other thread need not look at them again). */
export type FromCheckThread = { batch: number; problems: Array<[string, string]>; unchangedDirs: string[]; unchangedKeys: string[] };

/**
 * The problems of the preconditions of `steps`, keyed by origin (`step:index` in its `pre`).
 * `verdicts` holds what earlier batches of this check found about dirs, and gains this one's: a
 * dir's verdict stays true because a batch only holds paths nothing changes any more (a plan
 * that removes a tree's top once its users moved has the keys of every dir below in one
 * precondition, which the users' own preconditions mostly checked already).
 */
export async function checkSteps(ops: OpList, roots: Roots, steps: readonly number[], ignoreSuffix: string | undefined, verdicts: DirVerdicts): Promise<Array<[string, string]>> {
  const pres: Precondition[] = [];
  const origins: string[] = [];
  // In the file's order: the operations are read in windows of the file (a rollback hands steps over from the last).
  for (const i of [...steps].sort((a, b) => a - b)) {
    ops.at(i)!.pre.forEach((pre, k) => {
      pres.push(pre);
      origins.push(`${i}:${k}`);
    });
  }
  const problems = await problemsAmong(roots, pres, ignoreSuffix === undefined ? undefined : (name) => name.endsWith(ignoreSuffix), verdicts);
  return pres.flatMap((pre, n): Array<[string, string]> => {
    const p = problems.get(pre);
    return p === undefined ? [] : [[origins[n]!, p]];
  });
}

export class ThreadedCheck {
  private readonly batches: number[][] = [];
  private filling: number[] = [];
  private readonly results = new Map<number, Array<[string, string]>>();
  private readonly verdicts: DirVerdicts = new Map();
  private readonly claims = new Int32Array(new SharedArrayBuffer(4));
  private readonly worker: Worker;
  /** Settles when the thread reported every batch it took, or stopped. */
  private threadIdle: (() => void) | undefined;
  private threadGone = false;
  private closed = false;
  private readonly batch: number;
  /** Batches the thread checked (tests see that it took part). */
  checkedByThread = 0;

  /**
   * A check shared with a thread for a plan big enough, on a machine with a second core, when the
   * compiled thread script exists (not when running from sources); otherwise undefined, and the
   * caller checks in its own thread.
   */
  static start(ops: OpList, roots: Roots, ignoreSuffix?: string): ThreadedCheck | undefined {
    if (!(ops instanceof StoredOps) || ops.length < CHECK_THREAD_MIN_STEPS || os.availableParallelism() < 2) return undefined;
    const script = compiledSibling('./stale-worker.js', import.meta.url);
    try {
      return script && new ThreadedCheck(script, ops, roots, ignoreSuffix);
    } catch {
      return undefined; // no thread to be had (resource limits): the caller checks alone
    }
  }

  private constructor(
    script: URL,
    private readonly ops: StoredOps,
    private readonly roots: Roots,
    private readonly ignoreSuffix: string | undefined,
  ) {
    this.batch = batchSize(ops.length);
    const input: CheckThreadInput = { file: ops.file, offsets: ops.shared().offsets, roots, ignoreSuffix, claims: this.claims };
    this.worker = new Worker(script, { workerData: input });
    this.worker.on('message', (msg: FromCheckThread) => {
      this.results.set(msg.batch, msg.problems);
      msg.unchangedDirs.forEach((dir, n) => {
        if (!this.verdicts.has(dir)) this.verdicts.set(dir, { keys: msg.unchangedKeys[n]!, ok: true });
      });
      this.checkedByThread++;
      if (this.results.size === this.batches.length) this.threadIdle?.();
    });
    const gone = (): void => {
      this.threadGone = true;
      this.threadIdle?.();
    };
    this.worker.once('error', gone);
    this.worker.once('exit', gone);
  }

  /** Step i's paths are ready: nothing this run does later changes them. */
  add(i: number): void {
    if (this.closed) return;
    this.filling.push(i);
    if (this.filling.length >= this.batch) this.flush();
  }

  private flush(): void {
    if (this.filling.length === 0) return;
    this.batches.push(this.filling);
    this.worker.postMessage({ steps: this.filling } satisfies ToCheckThread);
    this.filling = [];
  }

  /** Every problem of the steps added, by origin; checks here what the thread has not taken. */
  async problems(): Promise<Map<string, string>> {
    this.flush();
    for (let b = Atomics.add(this.claims, 0, 1); b < this.batches.length; b = Atomics.add(this.claims, 0, 1)) {
      this.results.set(b, await checkSteps(this.ops, this.roots, this.batches[b]!, this.ignoreSuffix, this.verdicts));
    }
    if (this.results.size < this.batches.length && !this.threadGone) await new Promise<void>((resolve) => (this.threadIdle = resolve));
    // A thread that failed leaves the batches it took to this one.
    for (let b = 0; b < this.batches.length; b++) {
      if (!this.results.has(b)) this.results.set(b, await checkSteps(this.ops, this.roots, this.batches[b]!, this.ignoreSuffix, this.verdicts));
    }
    this.close();
    return new Map([...this.results.values()].flat());
  }

  close(): void {
    this.closed = true;
    void this.worker.terminate();
  }
}
