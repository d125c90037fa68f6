// Worker threads start compiled modules only: run from the TypeScript sources (as the tests do
// through vitest) there is no script to start, and the caller does the work in its own thread.
// How many threads a pool may use is decided here too, the same for every pool (lint, transforms).
import fs from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';

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
