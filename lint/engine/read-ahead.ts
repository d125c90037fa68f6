// Large projects are read and prefiltered on a thread of their own (engine/reader.ts) while
// the main thread loads the TypeScript compiler, then parses the candidates as they come: the
// compiler's load (~0.3 s of CPU) no longer adds to the reading, and only one thread loads it.
import { Worker } from 'node:worker_threads';
import { loadTypeScript } from '../../parse/ts-api.js';
import type { LintPool } from './pool.js';
import type { FromReader, ReaderInput } from './reader.js';
import type { Scanned } from './scan.js';
import { compiledSibling, messagesFrom } from '../../plan/worker-script.js';

/**
 * Below this many files, reading them takes less than loading the compiler, which a project
 * without candidates would then load for nothing: they are read in the main thread.
 */
export const READER_MIN_FILES = 2000;

/** The compiled reader script; absent when running from TypeScript sources (tests), where the main thread reads. */
export function readerScript(): URL | undefined {
  return compiledSibling('./reader.js', import.meta.url);
}

/**
 * Reads `input.files` on a reader thread, handing each file's scan to `record` and linting the
 * candidates in this thread as they come. Returns how many files were read: all of them, or
 * fewer when the thread failed or died, the rest being left to the caller.
 */
export async function readInThread(script: URL, input: ReaderInput, record: (file: string, scanned: Scanned) => void, pool: LintPool): Promise<number> {
  const worker = new Worker(script, { workerData: input });
  const batches = messagesFrom<FromReader>(worker);
  loadTypeScript();
  let upTo = 0;
  try {
    for await (const batch of batches) {
      if (batch.type === 'failed') break;
      for (const scanned of batch.found) record('job' in scanned ? scanned.job.file : scanned.failure.file, scanned);
      upTo = batch.upTo;
      await pool.lintUnclaimed();
      if (upTo === input.files.length) break;
    }
  } finally {
    void worker.terminate();
  }
  return upTo;
}
