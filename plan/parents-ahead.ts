// The dir an upcoming move creates, made a few steps ahead on libuv's threads while the steps
// before it run: mkdir(2) is the costliest call of a move into a new dir. A step's dir is made
// ahead only once its paths pass the containment check and when no step between holds a path
// that overlaps it (the same, one inside it, one containing it). A crash can leave it made for
// a step not journaled yet, a state resume and rollback already meet (a move whose new dirs
// exist but whose rename did not happen); a run that stops removes the ones nothing used.
import fs from 'node:fs';
import type { ExecContext } from './executors.js';
import { locationsOf, newParentsOf } from './locations.js';
import { overlaps } from './paths.js';
import type { Loc, MoveOp, OpList, Operation } from './types.js';

/** How many steps ahead dirs are made: well inside the journal's sync window, which a rollback after a crash looks at. */
const DISTANCE = 8;

/** A location as one string that nests like its path (`project:a/b` is inside `project:a`), without joining it to its root. */
const key = (l: Loc): string => `${l.root}:${l.path}`;

interface Step {
  op: Operation;
  locations: Loc[];
  paths: string[];
}

export class ParentsAhead {
  /** The steps read so far from the current one on, with the locations each touches (and those as keys). */
  private readonly upcoming = new Map<number, Step>();
  /** Dirs being made ahead, by step: resolves to whether the dir was made. */
  private readonly making = new Map<number, { dir: string; made: Promise<boolean> }>();
  private next = 0;

  constructor(
    private readonly ops: OpList,
    private readonly ctx: ExecContext,
    /** Steps that will not run (done already): their paths hold nothing back. */
    private readonly skipped: (i: number) => boolean,
  ) {}

  private read(i: number): Step {
    const op = this.ops.at(i)!;
    const locations = locationsOf(op);
    return { op, locations, paths: locations.map(key) };
  }

  /** Step i's operation and the locations it touches, read once for the look ahead and the run; starts the dirs of the steps after it. */
  step(i: number): { op: Operation; locations: Loc[] } {
    for (const k of this.upcoming.keys()) if (k < i) this.upcoming.delete(k);
    if (!this.upcoming.has(i)) this.upcoming.set(i, this.read(i));
    this.next = Math.max(this.next, i + 1);
    while (this.next <= i + DISTANCE && this.next < this.ops.length) {
      const j = this.next;
      if (this.skipped(j)) {
        this.next++;
        continue;
      }
      const ahead = this.read(j);
      const made = newParentsOf(ahead.op);
      // Several dirs are made one inside the other: that takes turns of the event loop, left to the step.
      if (made.length === 1) {
        const dirKey = key(made[0]!);
        if ([...this.upcoming.values()].some((u) => u.paths.some((p) => overlaps(p, dirKey, '/')))) break;
        const dir = this.ctx.abs(made[0]!);
        if (this.contained(made[0]!)) {
          const mode = (ahead.op as MoveOp).parentMode ?? 0o755;
          this.making.set(j, {
            dir,
            made: fs.promises.mkdir(dir, { mode }).then(
              () => true,
              () => false, // the step makes it itself, and says what is wrong
            ),
          });
        }
      }
      this.upcoming.set(j, ahead);
      this.next++;
    }
    return this.upcoming.get(i)!;
  }

  /** Whether the dir's ancestors stay inside the root (the step checks all its paths again when it runs). */
  private contained(dir: Loc): boolean {
    try {
      this.ctx.assertContained(dir);
      return true;
    } catch {
      return false; // the step's own check refuses it
    }
  }

  /** Whether step i's new dir was made ahead of it. */
  async take(i: number): Promise<boolean> {
    const m = this.making.get(i);
    if (!m) return false;
    this.making.delete(i);
    return m.made;
  }

  /** After a run that stopped: waits for the dirs being made, and removes those of steps that did not run. */
  async abandon(): Promise<void> {
    const left = [...this.making.values()];
    this.making.clear();
    for (const m of left) {
      if (!(await m.made)) continue;
      try {
        fs.rmdirSync(m.dir);
      } catch {
        // not empty or gone: somebody else's now; a rollback after this run still sees it
      }
    }
  }
}
