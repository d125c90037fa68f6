// Lints the candidate files as the main thread finds them, on worker threads when it can. A
// worker starts with the first candidate, so that its loading of the TypeScript compiler and
// its first parses overlap the main thread's reading of the rest of the project. Every job is
// posted to every worker and taken by whichever thread claims it first (a shared array of
// claims), so no thread sits idle while another has a queue: workers take jobs in the order
// they were found, and the main thread, once it has read every file, takes them from the end
// when what is left outweighs its own loading of the compiler.
import { Worker } from 'node:worker_threads';
import { activateRules, lintText, type FileOutcome, type RuleSet } from './lint-file.js';
import type { FromWorker, ToWorker, WorkerSetup } from './worker.js';
import type { ProjectFacts } from '../types.js';
import { compiledSibling } from '../../plan/worker-script.js';

// Threads to lint with by default: the one decision every pool shares.
export { availableThreads } from '../../plan/worker-script.js';

export interface Job {
  file: string;
  text: string;
  /** The file's prefilter verdict: ids of the rules to run. */
  passing: string[];
}

/**
 * What is left when the main thread has read every file, in cost units (jobCost), past which
 * it joins the workers: about half a second of parsing, more than loading the compiler costs it.
 */
export const MAIN_JOINS_AT_COST = 400_000;

/** The compiled worker script; absent when running from TypeScript sources (tests), where we stay in-process. */
function workerScript(): URL | undefined {
  return compiledSibling('./worker.js', import.meta.url);
}

/**
 * About what parsing and checking the text costs: its length, except that long lines (a bundle
 * or a data table kept in one string literal) count as what a line of code holds, since the
 * parser takes a string literal in one token.
 */
export function jobCost(text: string): number {
  let lines = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines++;
  return Math.min(text.length, lines * 80);
}

const FREE = 0;
const TAKEN = 1;

/** Takes job `index` for the calling thread: false when another thread has it already. */
export function claim(claims: Int32Array, index: number): boolean {
  return Atomics.compareExchange(claims, index, FREE, TAKEN) === FREE;
}

interface WorkerState {
  worker: Worker;
  /** Settles once the worker has said it is done, or has failed or died. */
  finished: Promise<void>;
}

export class LintPool {
  private readonly jobs: Job[] = [];
  private readonly costs: number[] = [];
  private readonly outcomes: Array<FileOutcome | undefined> = [];
  private readonly claims: Int32Array;
  private readonly workers: WorkerState[] = [];
  private rules: RuleSet | undefined;
  private readonly script: URL | undefined;

  /** `capacity`: the most jobs there can be (the files to read); `threads`: the most threads to use. */
  constructor(
    private readonly setup: WorkerSetup,
    capacity: number,
    private readonly threads: number,
  ) {
    this.claims = new Int32Array(new SharedArrayBuffer(4 * Math.max(1, capacity)));
    this.script = threads > 1 ? workerScript() : undefined;
  }

  add(job: Job): void {
    const index = this.jobs.length;
    if (index >= this.claims.length) throw new Error('lint pool: more jobs than its capacity');
    this.jobs.push(job);
    this.costs.push(jobCost(job.text));
    if (this.script && this.workers.length === 0) for (let i = 1; i < this.threads; i++) this.workers.push(this.startWorker(this.script));
    const message: ToWorker = { type: 'job', index, job };
    for (const w of this.workers) w.worker.postMessage(message);
  }

  private startWorker(script: URL): WorkerState {
    const worker = new Worker(script, { workerData: { ...this.setup, claims: this.claims.buffer } });
    const finished = new Promise<void>((resolve) => {
      worker.on('message', (msg: FromWorker) => {
        if (msg.type === 'outcome') this.outcomes[msg.index] = msg.outcome;
        else resolve();
      });
      // A thread that cannot start or dies (resource limits) costs time, not results: its jobs are redone here.
      worker.once('error', () => resolve());
      worker.once('exit', () => resolve());
    });
    return { worker, finished };
  }

  /** The project's facts, once known: for the jobs added from now on (the ones added before do not depend on them). */
  setProject(project: ProjectFacts): void {
    this.setup.project = project;
    if (this.rules) this.rules.context.project = project;
    const message: ToWorker = { type: 'project', project };
    for (const w of this.workers) w.worker.postMessage(message);
  }

  private lint(index: number): Promise<FileOutcome> {
    const job = this.jobs[index]!;
    this.rules ??= activateRules(this.setup.enabled, this.setup.knownIds, this.setup.profile, this.setup.project);
    return lintText(job.file, job.text, this.rules, job.passing);
  }

  private unclaimedCost(): number {
    let cost = 0;
    for (let i = 0; i < this.jobs.length; i++) if (Atomics.load(this.claims, i) === FREE) cost += this.costs[i]!;
    return cost;
  }

  /** Lints, here, every job no thread has taken yet, in the order added. */
  async lintUnclaimed(): Promise<void> {
    for (let i = 0; i < this.jobs.length; i++) {
      if (claim(this.claims, i)) this.outcomes[i] = await this.lint(i);
    }
  }

  /** Lints what the workers have not taken (all of it without workers) and collects every outcome, in the order added. */
  async finish(): Promise<{ outcomes: FileOutcome[]; threads: number }> {
    for (const w of this.workers) w.worker.postMessage({ type: 'end' } satisfies ToWorker);
    if (this.workers.length === 0 || this.unclaimedCost() > MAIN_JOINS_AT_COST) {
      for (let i = this.jobs.length - 1; i >= 0; i--) {
        if (claim(this.claims, i)) this.outcomes[i] = await this.lint(i);
      }
    }
    await Promise.all(this.workers.map((w) => w.finished));
    for (const w of this.workers) void w.worker.terminate();
    for (let i = 0; i < this.jobs.length; i++) this.outcomes[i] ??= await this.lint(i);
    return { outcomes: this.outcomes as FileOutcome[], threads: 1 + this.workers.length };
  }
}
