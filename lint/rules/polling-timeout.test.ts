import { describe, expect, it } from 'vitest';
import { caseMismatches, type RuleCase } from '../engine/lint-snippet.js';

const valid: RuleCase[] = [
  { name: 'one-shot timeout', code: 'class A {\n  start() {\n    setTimeout(() => this.flush(), 100);\n  }\n  flush() {}\n}\n' },
  { name: 'debounce', code: 'let t: any;\nexport function onChange() {\n  clearTimeout(t);\n  t = setTimeout(save, 500);\n}\nfunction save() {}\n' },
  { name: 'promise sleep', code: 'export async function wait() {\n  await new Promise((r) => setTimeout(r, 10));\n}\n' },
  { name: 'names in comments and strings', code: '// setTimeout(() => this.poll(), 1000)\nconst s = "setInterval(tick, 5)";\n', filename: 'daemons/user-daemon/a.ts' },
  { name: 'setInterval outside daemons', code: 'setInterval(() => render(), 16);\n', filename: 'src/ui/clock.ts' },
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
  { name: 'daemonDirs is configurable', code: 'setInterval(f, 1);\n', filename: 'services/a.ts', options: { daemonDirs: ['services/**'] }, errors: [{ line: 1, column: 1 }] },
];

describe('polling-timeout', () => {
  it.each(valid)('valid: $name', async (c) => expect(await caseMismatches('polling-timeout', c)).toEqual([]));
  it.each(invalid)('invalid: $name', async (c) => expect(await caseMismatches('polling-timeout', c)).toEqual([]));
});
