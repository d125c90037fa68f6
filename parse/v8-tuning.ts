// V8's tiering for a run that parses many files with the TypeScript compiler and then exits
// (`migrate-users lint`). With the default budget, TurboFan compiles the compiler's scanner and
// parser after a few small files, then meets branches they had not taken (template literals,
// escapes, other operators) and throws the code away: on the real corpus `scan` alone was
// compiled 7 times, and TurboFan's threads took ~1.5 s of CPU against ~1.7 s for the thread
// that parses. A larger budget lets a function run longer in the interpreter and Sparkplug
// before it is optimized, with more of its feedback known. Measured on the bench corpora
// (per-thread CPU, 3 alternating runs): TurboFan's CPU 1.4-1.7 s -> 0.7-1.0 s, the process
// 4.1-4.3 s -> 3.3-3.7 s, the parsing thread unchanged within the noise.
import v8 from 'node:v8';

/** 4.4x V8's default interrupt budget (67,584 bytes of bytecode run before a tier-up check). */
const SHORT_RUN_FLAGS = '--interrupt-budget=300000';

let applied = '';

/** Sets the flags for this process; before the compiler loads, since compiled code is cached per flags. */
export function tuneForShortRun(): void {
  if (applied) return;
  v8.setFlagsFromString(SHORT_RUN_FLAGS);
  applied = SHORT_RUN_FLAGS;
}

/** The V8 flags this process set for itself ('' for none): V8 accepts cached code only under the flags it was made with. */
export function appliedV8Flags(): string {
  return applied;
}
