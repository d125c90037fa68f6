#!/usr/bin/env node
import { main } from '../dist/bin/cli.js';

const code = await main(process.argv.slice(2));
// Exit once the output is written instead of when the event loop drains: the natural exit
// also tears down the heap (the loaded compiler, the parse trees), 30-60 ms of a short run
// that the OS does at no cost. Nothing is left running by then: every command awaits its
// work, and 'exit' listeners (the compiler's code cache) still run.
const flushed = (stream) => new Promise((resolve) => stream.write('', () => resolve()));
await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
process.exit(code);
