// Undo tails (removals of dirs a step made) still running while the undos of earlier steps go
// on: rmdir(2) waits on the filesystem's journal, and several waits overlap. A step that touches
// a path one of them works on (the same path, one inside it or one containing it) waits for it
// first, so every path sees its undos in the order a one-at-a-time rollback gives it.
import type { UndoResult, UndoTail } from './executors.js';
import { overlaps } from './paths.js';

export class PendingUndos {
  private readonly running = new Map<number, { dirs: string[]; settled: Promise<void> }>();
  /** The first step whose tail failed (or whose result could not be recorded), with the error. */
  failure: { i: number; error: unknown } | undefined;

  constructor(private readonly limit: number) {}

  get size(): number {
    return this.running.size;
  }

  /** Tracks step i's tail; `record` journals its result once the removal is done. */
  add(i: number, tail: UndoTail, record: (res: UndoResult) => void): void {
    const settled = tail.done
      .then(record)
      .catch((error: unknown) => {
        this.failure ??= { i, error };
      })
      .finally(() => this.running.delete(i));
    this.running.set(i, { dirs: tail.dirs, settled });
  }

  /** Waits for every tail working on a path related to one of `paths`, and until fewer than the limit run. */
  async clear(paths: readonly string[]): Promise<void> {
    const waits = [...this.running.values()].filter((r) => r.dirs.some((d) => paths.some((p) => overlaps(d, p)))).map((r) => r.settled);
    await Promise.all(waits);
    while (this.running.size >= this.limit) await Promise.race([...this.running.values()].map((r) => r.settled));
  }

  async drain(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running.values()].map((r) => r.settled));
  }
}
