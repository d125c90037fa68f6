// A progress bar on stderr for long work: only on a terminal, never in CI, never with
// --quiet or --json, so piped and machine output stay clean.
import type { Io } from './io.js';

export type ProgressFn = (done: number, total: number, label: string) => void;

export interface Progress {
  update: ProgressFn;
  stop(): void;
}

export function progressWanted(io: Io): boolean {
  return Boolean(process.stderr.isTTY) && !process.env.CI && !io.quiet && !io.json;
}

export async function startProgress(io: Io): Promise<Progress | undefined> {
  if (!progressWanted(io)) return undefined;
  const { default: cliProgress } = await import('cli-progress');
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: `{label} [{bar}] {value}/{total} · ETA {eta_formatted}`,
      barsize: 30,
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 50,
      noTTYOutput: false,
    },
    cliProgress.Presets.shades_classic,
  );
  let current: string | undefined;
  return {
    update(done, total, label) {
      if (label !== current) {
        if (current !== undefined) bar.stop();
        bar.start(total, done, { label: label.padEnd(16) });
        current = label;
      } else bar.update(done);
    },
    stop() {
      if (current !== undefined) bar.stop();
    },
  };
}
