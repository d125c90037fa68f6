// Worker-thread entry: lints the jobs it is sent that no other thread has claimed yet, in the
// order they come, posting each outcome back (engine/pool.ts).
import { parentPort, workerData } from 'node:worker_threads';
import type { EnabledRule, LintProfile, ProjectFacts } from '../types.js';
import { activateRules, lintText, type FileOutcome } from './lint-file.js';
import { claim, type Job } from './pool.js';

export interface WorkerSetup {
  enabled: EnabledRule[];
  knownIds: string[];
  profile: LintProfile;
  project?: ProjectFacts;
}

export type ToWorker = { type: 'job'; index: number; job: Job } | { type: 'project'; project: ProjectFacts } | { type: 'end' };
export type FromWorker = { type: 'outcome'; index: number; outcome: FileOutcome } | { type: 'done' } | { type: 'failed'; error: string };

const setup = workerData as WorkerSetup & { claims: SharedArrayBuffer };
const claims = new Int32Array(setup.claims);
const rules = activateRules(setup.enabled, setup.knownIds, setup.profile, setup.project);
const post = (msg: FromWorker): void => parentPort!.postMessage(msg);

let failed = false;
async function handle(msg: ToWorker): Promise<void> {
  if (failed) return;
  if (msg.type === 'end') return post({ type: 'done' });
  if (msg.type === 'project') return void (rules.context.project = msg.project);
  if (!claim(claims, msg.index)) return;
  try {
    post({ type: 'outcome', index: msg.index, outcome: await lintText(msg.job.file, msg.job.text, rules, msg.job.passing) });
  } catch (e) {
    // The main thread lints what has no outcome again, and reports the error there.
    failed = true;
    post({ type: 'failed', error: (e as Error).stack ?? String(e) });
  }
}

// One job at a time, in order, even when linting one waits (Python's parser loads asynchronously).
let queue = Promise.resolve();
parentPort!.on('message', (msg: ToWorker) => {
  queue = queue.then(() => handle(msg));
});
