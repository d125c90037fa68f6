// Worker threads start compiled modules only: run from the TypeScript sources (as the tests do
// through vitest) there is no script to start, and the caller does the work in its own thread.
// How many threads a pool may use is decided here too, the same for every pool (lint, transforms).
import fs from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Worker } from 'node:worker_threads';

/** The compiled module `name` (e.g. `./worker.js`) beside the module at `moduleUrl`; undefined when running from sources. */
export function compiledSibling(name: string, moduleUrl: string): URL | undefined {
  const url = new URL(name, moduleUrl);
  return url.protocol === 'file:' && moduleUrl.endsWith('.js') && fs.existsSync(fileURLToPath(url)) ? url : undefined;
}

/**
 * The most threads a pool uses, the main one included: one core fewer than the machine has, at
 * most 8. While a parser warms up, V8 compiles it and collects garbage on background threads
 * that keep about one core busy, and a worker is one more isolate that loads and compiles its
 * modules again (measured on 2 cores: lint of the generated 10,000-file corpus took 4.1-4.6 s of
 * CPU in one thread, 5.1-6.3 s with a worker, and no shorter wall time), so on 2 cores
 * everything stays in one. A pool starts fewer when its work does not pay for their start.
 */
export function availableThreads(cores: number = os.availableParallelism()): number {
  return Math.max(1, Math.min(cores - 1, 8));
}

/**
 * What `worker` posts, in order, until it exits or fails (then the iteration ends: the caller
 * sees how far the messages got). Listens from this call on, so that nothing posted meanwhile
 * (while the caller loads a compiler, say) is missed.
 */
export function messagesFrom<T>(worker: Worker): AsyncIterable<T> {
  const queue: T[] = [];
  let ended = false;
  let wake: (() => void) | undefined;
  worker.on('message', (msg: T) => {
    queue.push(msg);
    wake?.();
  });
  const end = (): void => {
    ended = true;
    wake?.();
  };
  worker.once('error', end);
  worker.once('exit', end);
  return {
    async *[Symbol.asyncIterator]() {
      for (;;) {
        if (queue.length > 0) {
          yield queue.shift()!;
          continue;
        }
        if (ended) return;
        await new Promise<void>((resolve) => (wake = resolve));
        wake = undefined;
      }
    },
  };
}
