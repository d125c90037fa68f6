// A code source's first pass over every project file: which files hold one of a few byte
// strings (a constant's name, `export *`), before any decoding or parsing. A large project is
// scanned on a thread of its own (scan-worker.ts) while the caller's thread does other work
// (a codemod loads its parser, ~0.2 s of CPU): the two no longer add up. That work starts as
// soon as the thread is created, not on its first hit: the thread takes ~0.1 s to start (a
// new isolate loading its modules), and the caller would wait for it idle. On a project that
// large the first hit comes early anyway (most have a barrel with `export *`).
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { FileReader } from './file-reader.js';
import { compiledSibling, messagesFrom } from './worker-script.js';

export interface ScanInput {
  /** Absolute project root. */
  root: string;
  /** Project-relative paths, as the walk lists them. */
  files: readonly string[];
  /** ASCII byte strings; a file holding any of them is a hit. */
  needles: readonly string[];
}

export interface ScanHandler {
  /**
   * A hit: files[index] held a needle, or could not be read (the handler reads it and sees why).
   * `bytes` are the file's, valid during the call only, when this thread read them; undefined
   * when another thread did (the handler reads the file itself). Called in file order.
   */
  hit(index: number, bytes: Buffer | undefined): void;
  /** files[0, upTo) have been scanned. */
  progress?(upTo: number): void;
  /** Work for this thread while another one starts and scans (never when scanning here). */
  meanwhile?(): void;
}

/** From the thread: files[0, upTo) scanned, `hits` among them. */
export type FromScanThread = { upTo: number; hits: number[] };

/**
 * Below this many files, scanning takes less than starting a thread (~40 ms) and waiting for
 * its first hit: the caller's thread scans them.
 */
export const SCAN_THREAD_MIN_FILES = 1000;

/** Files per progress report (and message from the thread) when none is a hit. */
export const SCAN_BATCH = 256;

function holds(bytes: Buffer, needles: readonly string[]): boolean {
  return needles.some((n) => n.length > 0 && bytes.includes(n));
}

/** Whether a progress report is due once files[0, upTo) are scanned. */
export function batchEnds(upTo: number, files: number): boolean {
  return upTo % SCAN_BATCH === 0 || upTo === files;
}

/**
 * Scans files[from, files.length) in this thread: `hit` gets the bytes (undefined for an
 * unreadable file), `scanned` is told after each file.
 */
export function scanHere(input: ScanInput, from: number, hit: (index: number, bytes: Buffer | undefined) => void, scanned: (upTo: number) => void): void {
  const reader = new FileReader();
  for (let i = from; i < input.files.length; i++) {
    let bytes: Buffer | undefined;
    try {
      bytes = reader.read(path.join(input.root, input.files[i]!));
    } catch {
      bytes = undefined;
    }
    if (bytes === undefined || holds(bytes, input.needles)) hit(i, bytes);
    scanned(i + 1);
  }
}

function scanScript(): URL | undefined {
  return compiledSibling('./scan-worker.js', import.meta.url);
}

/** Scans on a thread; returns how far it got (all the files, or fewer if the thread failed). */
async function scanInThread(script: URL, input: ScanInput, handler: ScanHandler): Promise<number> {
  const worker = new Worker(script, { workerData: input });
  const messages = messagesFrom<FromScanThread>(worker);
  let upTo = 0;
  try {
    handler.meanwhile?.();
    for await (const batch of messages) {
      for (const i of batch.hits) handler.hit(i, undefined);
      upTo = batch.upTo;
      handler.progress?.(upTo);
      if (upTo === input.files.length) break;
    }
  } finally {
    void worker.terminate();
  }
  return upTo;
}

/**
 * Hands every hit among `input.files` to `handler`, in file order. On a thread when the project
 * is large, the machine has a second core and the compiled thread script exists (not when
 * running from sources); a thread
 * that fails leaves the files it did not finish to this one.
 */
export async function scanFiles(input: ScanInput, handler: ScanHandler): Promise<void> {
  // On one core the two threads would only take turns.
  const script = input.files.length >= SCAN_THREAD_MIN_FILES && os.availableParallelism() > 1 ? scanScript() : undefined;
  const done = script ? await scanInThread(script, input, handler) : 0;
  if (done >= input.files.length) return;
  scanHere(input, done, (i, bytes) => handler.hit(i, bytes), (upTo) => {
    if (batchEnds(upTo, input.files.length)) handler.progress?.(upTo);
  });
}
