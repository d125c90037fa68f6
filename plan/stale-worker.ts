// Check-thread entry (stale-thread.ts): takes the batches of steps posted to it, one at a time
// from the counter it shares with the caller's thread, and posts each batch's problems.
import { parentPort, workerData } from 'node:worker_threads';
import type { DirVerdicts } from './listings.js';
import { StoredOps } from './op-file.js';
import { checkSteps, type CheckThreadInput, type FromCheckThread, type ToCheckThread } from './stale-thread.js';

const input = workerData as CheckThreadInput;
const ops = new StoredOps(input.file, { offsets: input.offsets });
const received: number[][] = [];
const verdicts: DirVerdicts = new Map();
let checking = false;

async function checkWhatIsFree(): Promise<void> {
  if (checking) return;
  checking = true;
  for (;;) {
    const b = Atomics.load(input.claims, 0);
    if (b >= received.length) break;
    if (Atomics.compareExchange(input.claims, 0, b, b + 1) !== b) continue; // the caller took it
    const known = verdicts.size;
    const problems = await checkSteps(ops, input.roots, received[b]!, input.ignoreSuffix, verdicts);
    // A Map keeps its order of insertion: what this batch found comes after what was known.
    const unchangedDirs: string[] = [];
    const unchangedKeys: string[] = [];
    let n = 0;
    for (const [dir, { keys, ok }] of verdicts) {
      if (n++ < known || !ok) continue;
      unchangedDirs.push(dir);
      unchangedKeys.push(keys);
    }
    parentPort!.postMessage({ batch: b, problems, unchangedDirs, unchangedKeys } satisfies FromCheckThread);
  }
  checking = false;
}

parentPort!.on('message', (msg: ToCheckThread) => {
  received.push(msg.steps);
  void checkWhatIsFree();
});
