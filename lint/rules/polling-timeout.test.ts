import { describe, expect, it } from 'vitest';
import { caseMismatches, prefilterMisses, type RuleCase } from '../../tests/helpers/rule-tester.js';

const valid: RuleCase[] = [
  { name: 'one-shot timeout', code: 'class A {\n  start() {\n    setTimeout(() => this.flush(), 100);\n  }\n  flush() {}\n}\n' },
  { name: 'debounce', code: 'let t: any;\nexport function onChange() {\n  clearTimeout(t);\n  t = setTimeout(save, 500);\n}\nfunction save() {}\n' },
  { name: 'promise sleep', code: 'export async function wait() {\n  await new Promise((r) => setTimeout(r, 10));\n}\n' },
  { name: 'names in comments and strings', code: '// setTimeout(() => this.poll(), 1000)\nconst s = "setInterval(tick, 5)";\n', filename: 'daemons/user-daemon/a.ts' },
  { name: 'a terminal spinner', code: "const frames = ['-', '\\\\', '|', '/'];\nlet i = 0;\nconst spinner = setInterval(() => process.stdout.write(`\\r${frames[i++ % 4]}`), 80);\nexport const stop = () => clearInterval(spinner);\n", filename: 'scripts/dev/build.ts' },
  {
    name: 'a self-clearing interval that runs once',
    code: 'export function later(fn: () => void) {\n  const h = setInterval(() => {\n    clearInterval(h);\n    fn();\n  }, 10);\n}\n',
  },
  {
    name: 'the interval helper itself (its callers are the uses)',
    code: 'export abstract class DaemonBase {\n  private intervals = new Map<string, NodeJS.Timeout>();\n  protected registerInterval(name: string, callback: () => Promise<void>, ms: number): void {\n    this.intervals.set(name, setInterval(async () => {\n      try { await callback(); } catch (e) { console.error(name, e); }\n    }, ms));\n  }\n}\n',
    filename: 'daemons/command-daemon/shared/DaemonBase.ts',
  },
  {
    name: 'retry with back-off in the catch clause',
    code: 'export async function withRetry<T>(op: () => Promise<T>, attempts = 3): Promise<T> {\n  for (let i = 0; ; i++) {\n    try {\n      return await op();\n    } catch (e) {\n      if (i >= attempts) throw e;\n      await new Promise((r) => setTimeout(r, 2 ** i * 100));\n    }\n  }\n}\n',
  },
  {
    name: 'throttled iteration over a collection',
    code: 'const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));\nexport async function sendAll(items: string[]) {\n  for (const item of items) {\n    await send(item);\n    await sleep(50);\n  }\n  for (let i = 0; i < items.length; i++) await sleep(10);\n}\n',
  },
  {
    name: 'draining a queue with a pause between requests, and batches that advance by the work done',
    code: [
      'export class Api {',
      '  queue: Array<() => Promise<void>> = [];',
      '  async drain() {',
      '    while (this.queue.length > 0) {',
      '      await this.queue.shift()!();',
      '      await this.sleep(100);',
      '    }',
      '  }',
      '  async archive(total: number) {',
      '    let done = 0;',
      '    while (done < total) {',
      '      const moved = await this.moveBatch();',
      '      if (moved === 0) break;',
      '      done += moved;',
      '      await new Promise((r) => setTimeout(r, 100));',
      '    }',
      '  }',
      '  async moveBatch() { return 0; }',
      '  sleep(ms: number) { return new Promise((r) => setTimeout(r, ms)); }',
      '}',
      '',
    ].join('\n'),
  },
  { name: 'a condition wait and a sleep outside loops', code: 'export async function f(cond: { wait(): Promise<void> }) {\n  while (!ready()) {\n    await cond.wait();\n  }\n  await sleep(5);\n}\n' },
  {
    name: 'sweeps allowed by minimum period',
    code: 'class Cache {\n  start() {\n    setInterval(() => this.evictExpired(), 60_000);\n    setTimeout(function tick() { setTimeout(tick, 5 * 60 * 1000); }, 1);\n  }\n}\n',
    options: { minPeriodMs: 60000 },
  },
  {
    name: 'housekeeping allowed by name',
    code: "class D {\n  start() {\n    setInterval(() => this.cleanupStaleSessions(), 5000);\n    this.registerInterval('log-rotation', () => this.rotate(), 1000);\n  }\n}\n",
    options: { housekeeping: ['cleanup*', 'log-rotation'] },
  },
  {
    name: 'a helper that only books a timer started in place (counted once, at setInterval)',
    code: 'class P {\n  protected registerInterval(t: NodeJS.Timeout) { this.ts.push(t); }\n  ts: NodeJS.Timeout[] = [];\n  stop(h: NodeJS.Timeout) { this.registerInterval(h); }\n}\n',
  },
  { name: 'a loop that drains a source in its condition (yield*, await): it suspends each turn', code: 'export function* lastOf(next: Iterable<number | undefined>) {\n  while ((yield* next) !== undefined) {\n    // drain\n  }\n}\nexport async function drain(next: Promise<number | undefined>) {\n  while ((await next) !== undefined);\n}\n' },
  { name: 'a loop that works in its condition', code: "process.stdout.on('drain', () => {\n  while (buffer.length > 0 && process.stdout.write(buffer.shift()) !== false);\n  while (i-- > 0) {}\n});\n" },
  {
    name: 'a callback retry after an error (back-off, not polling)',
    code: 'function gracefulRename(from: string, to: string, cb: (e?: Error) => void) {\n  const start = Date.now();\n  fs.rename(from, to, function CB(er) {\n    if (er && er.code === "EPERM" && Date.now() - start < 5000) {\n      setTimeout(() => fs.rename(from, to, CB), 100);\n      return;\n    }\n    cb(er);\n  });\n}\n',
  },
  {
    name: 'a timer whose helper only takes the function off a listener list',
    code: 'function startTimer(socket: unknown) {\n  self.t = setTimeout(() => { self.emit("timeout"); clearTimer(); }, 1000);\n}\nfunction clearTimer() {\n  self.removeListener("socket", startTimer);\n}\n',
  },
  {
    name: 'display and keep-alive intervals',
    code: [
      'export class Reporter {',
      '  start() {',
      '    this.renderInterval = setInterval(() => this.schedule(), 16).unref();',
      '    const begin = performance.now();',
      '    this.durationInterval = setInterval(() => { this.duration = performance.now() - begin; }, 100);',
      "    this.pingIntervalId = setInterval(() => socket.send(JSON.stringify({ type: 'ping' })), 30000);",
      '    const heartbeat = setInterval(() => this.beat(), 5000);',
      '  }',
      '}',
      '',
    ].join('\n'),
  },
  { name: 'allowIn exempts a directory', code: 'setInterval(poll, 100);\n', filename: 'tools/monitor/watch.ts', options: { allowIn: ['tools/monitor/**'] } },
  { name: 'a local function named setTimeout', code: 'function setTimeout(f: () => void) { f(); }\nfunction poll() { setTimeout(() => poll()); }\n' },
  {
    name: 'a same-named method of another class is not the loop',
    code: 'class A {\n  start() { setTimeout(() => this.tick(), 5); }\n  tick() {}\n}\nclass B {\n  tick() { this.start(); }\n  start() {}\n}\n',
  },
  { name: 'timeout in a function calling another one-shot', code: 'function a() { setTimeout(b, 10); }\nfunction b() { console.log(1); }\n' },
];

const invalid: RuleCase[] = [
  {
    name: 'the seed pollLoop (method through this)',
    code: 'class A {\n  private pollLoop(): void {\n    setTimeout(() => {\n      this.checkThings();\n      this.pollLoop(); // Recurse\n    }, 1000);\n  }\n  checkThings() {}\n}\n',
    errors: [{ line: 3, column: 5, message: 'this.pollLoop re-schedules itself' }],
  },
  { name: 'function declaration by name', code: 'function poll() {\n  check();\n  setTimeout(poll, 1000);\n}\n', errors: [{ line: 3, column: 3, message: 'poll re-schedules' }] },
  { name: 'bound method reference', code: 'class A {\n  poll() { setTimeout(this.poll.bind(this), 5000); }\n}\n', errors: [{ line: 2, column: 12 }] },
  { name: 'arrow assigned to a variable', code: 'const tick = () => {\n  work();\n  setTimeout(() => { void tick(); }, 250);\n};\n', errors: [{ line: 3, column: 3, message: 'tick' }] },
  { name: 'class property arrow', code: 'class A {\n  private loop = async () => {\n    await this.sync();\n    this.timer = setTimeout(this.loop, 1000);\n  };\n}\n', errors: [{ line: 4, column: 18, message: 'this.loop' }] },
  { name: 'named function expression', code: 'setTimeout(function again() {\n  setTimeout(again, 10);\n}, 10);\n', errors: [{ line: 2, column: 3 }] },
  { name: 'inside a nested callback', code: 'function poll() {\n  fetchAll().then(() => {\n    setTimeout(() => poll(), 1000);\n  });\n}\n', errors: [{ line: 3, column: 5 }] },
  {
    name: 'through a helper method',
    code: 'class A {\n  scheduleNext() {\n    this.t = setTimeout(() => this.tick(), 1000);\n  }\n  tick() {\n    this.work();\n    this.scheduleNext();\n  }\n}\n',
    errors: [{ line: 3, column: 14, message: 'through this.tick' }],
  },
  {
    name: 'this inside an object literal argument still means the class',
    code: 'class A {\n  poll() {\n    request({ done: () => setTimeout(() => this.poll(), 10) });\n  }\n}\nconst o = { tick() { setTimeout(this.tick.bind(this), 1); } };\n',
    errors: [{ line: 3, column: 27 }, { line: 6, column: 22 }],
  },
  { name: 'globalThis.setTimeout', code: 'function p() { globalThis.setTimeout(p, 1); }\n', errors: [{ line: 1, column: 16 }] },
  { name: 'setInterval in a daemon', code: 'export class D {\n  start() { this.h = setInterval(() => this.sweep(), 60_000); }\n}\n', filename: 'daemons/user-daemon/server/UserDaemonServer.ts', errors: [{ line: 2, column: 22, message: 'setInterval' }] },
  { name: 'setInterval polling a queue in user code', code: 'export class Inbox {\n  private timer = setInterval(() => this.drainQueue(), 100);\n  drainQueue() {}\n}\n', filename: 'system/user/server/modules/Inbox.ts', errors: [{ line: 2, column: 19, message: 'setInterval repeats every 100 ms' }] },
  {
    name: 'an interval helper with a label (configured name)',
    code: "export class ArchiveDaemonServer extends DaemonBase {\n  protected async onStart(): Promise<void> {\n    this.registerInterval('archive-check', async () => {\n      await this.checkAndArchive();\n    }, 60000);\n  }\n}\n",
    filename: 'src/daemons/archive-daemon/server/ArchiveDaemonServer.ts',
    errors: [{ line: 3, column: 5, message: "registerInterval('archive-check') repeats every 60000 ms" }],
  },
  {
    name: 'an interval helper the file defines',
    code: 'function every(fn: () => void, ms: number) {\n  return setInterval(fn, ms);\n}\nevery(() => refresh(), 250);\n',
    errors: [{ line: 4, column: 1, message: 'every(...) repeats every 250 ms' }],
  },
  {
    name: 'the subprocess service loop through a member sleep helper',
    code: [
      'export abstract class Subprocess<T> {',
      '  protected running = false;',
      '  private queue: T[] = [];',
      '  private async serviceLoop(): Promise<void> {',
      '    while (this.running) {',
      '      try {',
      '        if (this.queue.length > 0) await this.handle(this.queue.shift()!);',
      '        const waitTime = this.getWaitTime();',
      '        await this.sleep(waitTime);',
      '      } catch (error) {',
      '        await this.sleep(1000);',
      '      }',
      '    }',
      '  }',
      '  private async pause(ms: number): Promise<void> {',
      '    return new Promise((resolve) => setTimeout(resolve, ms));',
      '  }',
      '  private sleep(ms: number) { return this.pause(ms); }',
      '  protected abstract handle(t: T): Promise<void>;',
      '  private getWaitTime() { return 200; }',
      '}',
      '',
    ].join('\n'),
    errors: [{ line: 9, column: 9, message: 'while (this.running) sleeps each turn (await this.sleep(waitTime))' }],
  },
  {
    name: 'a worker polling with a sleep helper imported from elsewhere',
    code: "import { sleep } from '../../utils/time';\nexport class TrainingWorker {\n  async run() {\n    for (;;) {\n      const job = await this.next();\n      if (!job) { await sleep(100); continue; }\n      await this.train(job);\n    }\n  }\n}\n",
    errors: [{ line: 6, column: 19, message: 'for loop sleeps each turn' }],
  },
  {
    name: 'a wait loop with an inline timer promise',
    code: 'export async function waitFor(check: () => boolean, timeout = 5000, interval = 50) {\n  const start = Date.now();\n  while (Date.now() - start < timeout) {\n    if (check()) return true;\n    await new Promise((r) => setTimeout(r, interval));\n  }\n  return false;\n}\n',
    errors: [{ line: 5, column: 5, message: 'while (Date.now() - start < timeout) sleeps each turn' }],
  },
  {
    name: 'spin-wait on a flag',
    code: "import { setTimeout as delay } from 'node:timers/promises';\nexport class Conn {\n  ready = false;\n  async whenReady() {\n    while (!this.ready) {\n      await delay(10);\n    }\n  }\n}\n",
    errors: [{ line: 6, column: 7, message: 'while (!this.ready) spin-waits' }],
  },
  { name: 'a timer handed to a booking helper is reported once', code: 'class P {\n  start() { this.registerInterval(setInterval(() => this.refresh(), 5000)); }\n}\n', errors: [{ line: 2, column: 35, message: 'setInterval repeats every 5000 ms' }] },
  { name: 'polling on after a success is no retry', code: 'function poll() {\n  fetchStatus((err) => {\n    if (!err) setTimeout(poll, 2000);\n  });\n}\n', errors: [{ line: 3, column: 15, message: 'poll re-schedules itself' }] },
  { name: 'a typing timer is not a ping', code: 'const typingPoll = setInterval(() => checkTyping(), 300);\n', errors: [{ line: 1, column: 20 }] },
  {
    name: 'a promise that checks a queue every 100 ms until it has an item',
    code: 'export class Inbox {\n  queue: string[] = [];\n  pop(timeoutMs = 5000): Promise<string | null> {\n    return new Promise((resolve) => {\n      const start = Date.now();\n      const check = setInterval(() => {\n        if (this.queue.length > 0) { clearInterval(check); resolve(this.queue.shift()!); }\n        else if (Date.now() - start > timeoutMs) { clearInterval(check); resolve(null); }\n      }, 100);\n    });\n  }\n}\n',
    errors: [{ line: 6, column: 21, message: 'setInterval repeats every 100 ms' }],
  },
  { name: 'waiting for a queue to fill is polling', code: 'export async function next(q: string[]) {\n  while (q.length === 0) await sleep(10);\n  let tries = 0;\n  while (tries < 5) { if (await ready()) return q.shift(); tries++; await sleep(200); }\n}\n', errors: [{ line: 2, column: 26, message: 'while (q.length === 0) spin-waits' }, { line: 4, column: 69, message: 'while (tries < 5) sleeps each turn' }] },
  { name: 'busy-wait', code: 'export function block(ms: number) {\n  const end = Date.now() + ms;\n  while (Date.now() < end) {}\n}\n', errors: [{ line: 3, column: 3, message: 'busy-waits' }] },
  { name: 'busy-wait over several lines, a comment for a body', code: 'export function block(end: number) {\n  while (\n    Date.now() < end\n  ) {\n    // spin\n  }\n}\n', errors: [{ line: 2, column: 3, message: 'busy-waits' }] },
  { name: 'busy-wait in a do-while without a semicolon', code: 'export function block(state: { done: boolean }) {\n  do {} while (!state.done)\n}\n', errors: [{ line: 2, column: 3, message: 'busy-waits' }] },
  { name: 'a sleep helper called at the end of a chain broken over lines', code: 'export class Poller {\n  running = true;\n  async run(clock: { sleep(ms: number): Promise<void> }) {\n    while (this.running) {\n      await clock\n        .sleep(100);\n    }\n  }\n}\n', errors: [{ line: 5, column: 7, message: 'while (this.running)' }] },
  { name: 'a promise timer imported under another name', code: "import { setTimeout as nap } from 'node:timers/promises';\nexport async function untilReady(s: { ready: boolean }) {\n  while (!s.ready) {\n    await nap(50);\n  }\n}\n", errors: [{ line: 4, column: 5, message: 'while (!s.ready)' }] },
  {
    // A small function holding a timer promise anywhere in its body is a sleep helper, and so is the function around it.
    name: 'sleep helpers defined inside a small function, awaited by both names',
    code: 'export function napFor(ms: number) {\n  const nap = (n: number) => new Promise((r) => setTimeout(r, n));\n  return nap(ms);\n}\nexport async function watch(s: { up: boolean }) {\n  const nap = (n: number) => napFor(n);\n  do { await nap(5); } while (!s.up);\n  while (!s.up) { await napFor(5); }\n}\n',
    errors: [{ line: 7, column: 8, message: 'spin-waits' }, { line: 8, column: 19, message: 'while (!s.up) spin-waits' }],
  },
  { name: 'a sleep awaited inside a spread', code: 'export async function fill(s: { up: boolean }, out: number[]) {\n  while (!s.up) out.push(...await sleep(5));\n}\n', errors: [{ line: 2, column: 29, message: 'while (!s.up)' }] },
  { name: 'period below the minimum is still reported', code: 'setInterval(() => poll(), 1000);\n', options: { minPeriodMs: 60000 }, errors: [{ line: 1, column: 1 }] },
  { name: 'generic advice outside continuum', code: 'function poll() { setTimeout(poll, 1000); }\n', profile: 'generic', errors: [{ line: 1, column: 19, message: 'wait on the event, promise or callback' }] },
];

describe('polling-timeout', () => {
  it.each(valid)('valid: $name', async (c) => expect(await caseMismatches('polling-timeout', c)).toEqual([]));
  it.each(invalid)('invalid: $name', async (c) => expect(await caseMismatches('polling-timeout', c)).toEqual([]));
  it.each(invalid)('the prefilters let its file through: $name', (c) => expect(prefilterMisses('polling-timeout', c)).toEqual([]));
  it('the prefilters keep out a property named await (an Effect latch), even next to a sleep', () => {
    const c = { name: 'latch', code: 'export const take = (latch: Latch) => Effect.gen(function* () {\n  yield* Effect.race(latch.await, Effect.sleep(10));\n  yield* queue?.await;\n});\n' };
    expect(prefilterMisses('polling-timeout', c)).toEqual(['text stage']);
  });
});
