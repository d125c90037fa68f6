// Worker-thread entry: lints its share of the candidate files and posts the outcomes back.
import { parentPort, workerData } from 'node:worker_threads';
import { activateRules, lintText, type FileOutcome } from './lint-file.js';
import type { EnabledRule, LintProfile } from '../types.js';

export interface WorkerInput {
  enabled: EnabledRule[];
  knownIds: string[];
  profile: LintProfile;
  jobs: Array<{ file: string; text: string }>;
}

export type WorkerOutput = { ok: true; outcomes: FileOutcome[] } | { ok: false; error: string };

async function run(input: WorkerInput): Promise<WorkerOutput> {
  try {
    const rules = activateRules(input.enabled, input.knownIds, input.profile);
    const outcomes: FileOutcome[] = [];
    for (const job of input.jobs) outcomes.push(await lintText(job.file, job.text, rules));
    return { ok: true, outcomes };
  } catch (e) {
    return { ok: false, error: (e as Error).stack ?? String(e) };
  }
}

parentPort?.postMessage(await run(workerData as WorkerInput));
