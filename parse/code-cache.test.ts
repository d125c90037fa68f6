// The V8 code cache behind the TypeScript loader, across real processes (the cache is written
// when a process exits): the compiled dist module loads a CommonJS file the way the CLI does.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { REPO } from '../tests/helpers/cli.js';
import { tempDir } from '../tests/helpers/tree.js';

const LOADER = pathToFileURL(path.join(REPO, 'dist/parse/code-cache.js')).href;

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function scratch(): string {
  const d = tempDir('mu-code-cache-');
  dirs.push(d);
  return d;
}

/** A CommonJS module in the shape of a library: functions that run when it loads and later. */
function writeLibrary(file: string, version: string): void {
  const body = Array.from({ length: 200 }, (_, i) => `function f${i}(n) { return n + ${i}; }`).join('\n');
  fs.writeFileSync(file, `'use strict';\n${body}\nexports.version = '${version}';\nexports.sum = [${Array.from({ length: 200 }, (_, i) => `f${i}(1)`).join(', ')}].reduce((a, b) => a + b, 0);\n`);
}

const TUNING = pathToFileURL(path.join(REPO, 'dist/parse/v8-tuning.js')).href;

/** Loads the file in a new process; `tuned`: with lint's V8 tuning (parse/v8-tuning.ts) set first, as `migrate-users lint` does. */
function load(file: string, cacheSetting: string, tuned = false): { cache: string; version: string; sum: number } {
  const tune = tuned ? `import { tuneForShortRun } from '${TUNING}';\ntuneForShortRun();\n` : '';
  const script = `${tune}import { requireWithCodeCache } from '${LOADER}';\nconst r = requireWithCodeCache(${JSON.stringify(file)});\nprocess.stdout.write(JSON.stringify({ cache: r.cache, version: r.exports.version, sum: r.exports.sum }));`;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', env: { ...process.env, MIGRATE_USERS_CODE_CACHE: cacheSetting } });
  expect(run.status, run.stderr).toBe(0);
  return JSON.parse(run.stdout);
}

const entries = (dir: string): string[] => (fs.existsSync(dir) ? fs.readdirSync(dir).sort() : []);
const SUM = Array.from({ length: 200 }, (_, i) => 1 + i).reduce((a, b) => a + b, 0);

describe('requireWithCodeCache', () => {
  it('compiles and saves on the first run, reads the saved code on the next, with the same exports', () => {
    const dir = scratch();
    const lib = path.join(dir, 'lib.js');
    const cache = path.join(dir, 'cache');
    writeLibrary(lib, '1.0.0');
    expect(load(lib, cache)).toEqual({ cache: 'created', version: '1.0.0', sum: SUM });
    expect(entries(cache)).toEqual([expect.stringMatching(/^lib\.js-[0-9a-f]{12}-[0-9a-f]{12}\.v8$/)]);
    expect(load(lib, cache)).toEqual({ cache: 'used', version: '1.0.0', sum: SUM });
  });

  it('a UTF-8 file with a byte order mark loads as require() would read it, from the cache too', () => {
    const dir = scratch();
    const lib = path.join(dir, 'lib.js');
    const cache = path.join(dir, 'cache');
    fs.writeFileSync(lib, `\uFEFF'use strict';\nexports.version = 'caf\u00e9 ' + require('node:path').basename(__filename);\nexports.sum = ${SUM};\n`);
    expect(load(lib, cache)).toEqual({ cache: 'created', version: 'caf\u00e9 lib.js', sum: SUM });
    expect(load(lib, cache)).toEqual({ cache: 'used', version: 'caf\u00e9 lib.js', sum: SUM });
  });

  it('a new version of the file gets a new entry and the old one is removed', () => {
    const dir = scratch();
    const lib = path.join(dir, 'lib.js');
    const cache = path.join(dir, 'cache');
    writeLibrary(lib, '1.0.0');
    load(lib, cache);
    const [first] = entries(cache);
    writeLibrary(lib, '2.0.0-beta');
    expect(load(lib, cache)).toEqual({ cache: 'created', version: '2.0.0-beta', sum: SUM });
    const after = entries(cache);
    expect(after).toHaveLength(1);
    expect(after[0]).not.toBe(first);
    expect(load(lib, cache).cache).toBe('used');
  });

  it('installs at other paths keep their entries: alternating between two checkouts reads the saved code in both', () => {
    const dir = scratch();
    const [a, b] = ['a', 'b'].map((d) => path.join(dir, d, 'lib.js'));
    const cache = path.join(dir, 'cache');
    for (const lib of [a!, b!]) {
      fs.mkdirSync(path.dirname(lib));
      writeLibrary(lib, '1.0.0');
    }
    expect(load(a!, cache).cache).toBe('created');
    expect(load(b!, cache).cache).toBe('created');
    expect(load(a!, cache).cache).toBe('used');
    expect(load(b!, cache).cache).toBe('used');
    expect(entries(cache)).toHaveLength(2);
  });

  it("runs with lint's V8 tuning and runs without keep an entry each: alternating reads the saved code in both", () => {
    const dir = scratch();
    const lib = path.join(dir, 'lib.js');
    const cache = path.join(dir, 'cache');
    writeLibrary(lib, '1.0.0');
    expect(load(lib, cache, true).cache).toBe('created');
    expect(load(lib, cache).cache).toBe('created');
    expect(load(lib, cache, true)).toEqual({ cache: 'used', version: '1.0.0', sum: SUM });
    expect(load(lib, cache).cache).toBe('used');
    expect(entries(cache)).toHaveLength(2);
  });

  it('keeps at most 8 installs, dropping the ones written longest ago, and removes temp files a killed run left', () => {
    const dir = scratch();
    const cache = path.join(dir, 'cache');
    const libs = Array.from({ length: 10 }, (_, i) => path.join(dir, `install-${i}`, 'lib.js'));
    libs.forEach((lib, i) => {
      fs.mkdirSync(path.dirname(lib));
      writeLibrary(lib, '1.0.0');
      load(lib, cache);
      // Distinct ages without sleeping: the entry just written is dated i minutes after the first.
      const [newest] = entries(cache).map((e) => path.join(cache, e)).sort((x, y) => fs.statSync(y).mtimeMs - fs.statSync(x).mtimeMs);
      const when = new Date(Date.UTC(2026, 0, 1) + i * 60_000);
      fs.utimesSync(newest!, when, when);
    });
    expect(entries(cache)).toHaveLength(8);
    expect(load(libs[0]!, cache).cache).toBe('created');
    expect(load(libs[9]!, cache).cache).toBe('used');
    const stale = path.join(cache, 'lib.js-000000000000-000000000000.v8.123.tmp');
    const fresh = path.join(cache, 'lib.js-000000000000-000000000000.v8.456.tmp');
    fs.writeFileSync(stale, 'x');
    fs.writeFileSync(fresh, 'x');
    fs.utimesSync(stale, new Date(Date.now() - 3_600_000), new Date(Date.now() - 3_600_000));
    const another = path.join(dir, 'install-new', 'lib.js');
    fs.mkdirSync(path.dirname(another));
    writeLibrary(another, '1.0.0');
    expect(load(another, cache).cache).toBe('created');
    expect(entries(cache)).not.toContain(path.basename(stale));
    expect(entries(cache)).toContain(path.basename(fresh));
  });

  it('data V8 refuses (damaged) is compiled over and replaced', () => {
    const dir = scratch();
    const lib = path.join(dir, 'lib.js');
    const cache = path.join(dir, 'cache');
    writeLibrary(lib, '1.0.0');
    load(lib, cache);
    const [entry] = entries(cache);
    fs.writeFileSync(path.join(cache, entry!), Buffer.alloc(4096, 0x5a));
    expect(load(lib, cache)).toEqual({ cache: 'rejected', version: '1.0.0', sum: SUM });
    expect(load(lib, cache).cache).toBe('used');
  });

  it('MIGRATE_USERS_CODE_CACHE=0 turns it off; a cache dir that cannot be made costs nothing but the cache', () => {
    const dir = scratch();
    const lib = path.join(dir, 'lib.js');
    writeLibrary(lib, '1.0.0');
    expect(load(lib, '0')).toEqual({ cache: 'off', version: '1.0.0', sum: SUM });
    const blocked = path.join(dir, 'a-file');
    fs.writeFileSync(blocked, '');
    expect(load(lib, path.join(blocked, 'cache'))).toEqual({ cache: 'created', version: '1.0.0', sum: SUM });
    expect(load(lib, path.join(blocked, 'cache')).cache).toBe('created');
  });
});
