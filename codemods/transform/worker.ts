// Worker-thread entry: transforms its share of the files and posts the outcomes back, with a
// progress message per file so the main thread's progress bar keeps moving.
import { parentPort, workerData } from 'node:worker_threads';
import type { Roots } from '../../plan/types.js';
import type { TransformSpec } from './load.js';
import { transformShare, type RunSettings, type ShareResult } from './share.js';

export interface WorkerInput {
  specs: TransformSpec[];
  roots: Roots;
  files: string[];
  settings: RunSettings;
}

export type WorkerMessage = { type: 'file' } | { type: 'done'; result: ShareResult } | { type: 'failed'; error: string };

async function run(input: WorkerInput): Promise<WorkerMessage> {
  try {
    return { type: 'done', result: await transformShare(input.specs, input.roots, input.files, input.settings, () => parentPort?.postMessage({ type: 'file' })) };
  } catch (e) {
    return { type: 'failed', error: e instanceof Error ? e.message : String(e) };
  }
}

parentPort?.postMessage(await run(workerData as WorkerInput));
