// Scan-thread entry (byte-scan.ts): reads the project's files and posts which ones hold a
// needle, in batches; the caller's thread reads those again itself.
import { parentPort, workerData } from 'node:worker_threads';
import { batchEnds, scanHere, type FromScanThread, type ScanInput } from './byte-scan.js';

const input = workerData as ScanInput;
let hits: number[] = [];
scanHere(
  input,
  0,
  (i) => hits.push(i),
  (upTo) => {
    if (!batchEnds(upTo, input.files.length)) return;
    parentPort!.postMessage({ upTo, hits } satisfies FromScanThread);
    hits = [];
  },
);
