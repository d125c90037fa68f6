// Ctrl-C and SIGTERM during apply or rollback: the engine finishes the step in progress and
// journals it, the progress bar gives the terminal back, and the command exits 130 with advice.
// A second signal stops at once (resume and rollback recognise a half-done step).
import type { Io } from './io.js';

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;
// Show the cursor and turn line wrapping back on, as the progress bar left them.
const RESTORE_TERMINAL = '\x1b[?25h\x1b[?7h';

export async function stoppableBySignals<T>(io: Io, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const onSignal = (name: NodeJS.Signals): void => {
    if (controller.signal.aborted) {
      if (process.stderr.isTTY) process.stderr.write(RESTORE_TERMINAL);
      process.exit(130);
    }
    controller.abort(name);
    io.notice(`${name}: stopping after the current step (press Ctrl-C again to stop at once)`);
  };
  for (const s of SIGNALS) process.on(s, onSignal);
  try {
    return await run(controller.signal);
  } finally {
    for (const s of SIGNALS) process.off(s, onSignal);
  }
}
