// Worker threads start compiled modules only: run from the TypeScript sources (as the tests do
// through vitest) there is no script to start, and the caller does the work in its own thread.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The compiled module `name` (e.g. `./worker.js`) beside the module at `moduleUrl`; undefined when running from sources. */
export function compiledSibling(name: string, moduleUrl: string): URL | undefined {
  const url = new URL(name, moduleUrl);
  return url.protocol === 'file:' && moduleUrl.endsWith('.js') && fs.existsSync(fileURLToPath(url)) ? url : undefined;
}
