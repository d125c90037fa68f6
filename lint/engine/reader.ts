// Reader-thread entry: reads and prefilters the project's files (engine/scan.ts) while the
// main thread loads the TypeScript compiler, and posts what it finds in batches.
import { parentPort, workerData } from 'node:worker_threads';
import path from 'node:path';
import { FileReader } from '../../plan/file-reader.js';
import { activateRules } from './lint-file.js';
import { scanBytes, unreadable, type Scanned } from './scan.js';
import type { WorkerSetup } from './worker.js';

export interface ReaderInput extends WorkerSetup {
  root: string;
  files: string[];
}

/** `upTo`: files[0, upTo) are read and `found` holds what they gave; the last batch has upTo = files.length. */
export type FromReader = { type: 'scanned'; upTo: number; found: Array<NonNullable<Scanned>> } | { type: 'failed'; error: string };

/** Files per batch when none is a candidate: a candidate is posted at once, for the main thread to parse. */
const BATCH = 256;

const input = workerData as ReaderInput;
const post = (msg: FromReader): void => parentPort!.postMessage(msg);
try {
  const rules = activateRules(input.enabled, input.knownIds, input.profile, input.project);
  const reader = new FileReader();
  let found: Array<NonNullable<Scanned>> = [];
  let since = 0;
  input.files.forEach((file, i) => {
    let bytes: Buffer | undefined;
    try {
      bytes = reader.read(path.join(input.root, file));
    } catch (e) {
      bytes = undefined;
      found.push({ failure: unreadable(file, e) });
    }
    const scanned = bytes && scanBytes(file, bytes, rules);
    if (scanned) found.push(scanned);
    if ((scanned && 'job' in scanned) || ++since === BATCH || i === input.files.length - 1) {
      post({ type: 'scanned', upTo: i + 1, found });
      found = [];
      since = 0;
    }
  });
} catch (e) {
  post({ type: 'failed', error: (e as Error).stack ?? String(e) });
}
