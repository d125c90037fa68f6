// When a rollback is done with each step's paths. It undoes steps from the last to the first,
// so a path is final once the lowest step that touches it (the path itself, one inside it, or
// one containing it) is undone: a check of a step's preconditions can run from then on, while
// the steps below it are undone, instead of after the whole rollback.
import { locationsOf, newParentsOf } from './locations.js';
import type { Loc, Operation } from './types.js';

const keyOf = (l: Loc): string => `${l.root}:${l.path}`;

export class FinalSteps {
  /** The lowest step touching exactly this path. */
  private readonly exact = new Map<string, number>();
  /** The lowest step touching this path or one inside it. */
  private readonly below = new Map<string, number>();
  /** Each step's precondition paths. */
  private readonly preLocs: Loc[][] = [];

  /** Step i; steps are added in order, from the first. */
  add(op: Operation, i: number): void {
    for (const l of [...locationsOf(op), ...newParentsOf(op)]) {
      const key = keyOf(l);
      if (!this.exact.has(key)) this.exact.set(key, i);
      // An ancestor already marked was marked with all of its own ancestors, by a lower step.
      for (let k = key; !this.below.has(k); ) {
        this.below.set(k, i);
        const cut = k.lastIndexOf('/');
        if (cut < 0) break;
        k = k.slice(0, cut);
      }
    }
    this.preLocs[i] = op.pre.map((p) => p.loc);
  }

  preconditionPaths(i: number): readonly Loc[] {
    return this.preLocs[i] ?? [];
  }

  /** The lowest step that touches `l`, one inside it or one containing it. */
  private lowestToucher(l: Loc): number {
    const key = keyOf(l);
    let lowest = this.below.get(key) ?? Infinity;
    for (let cut = key.lastIndexOf('/'); cut >= 0; cut = key.lastIndexOf('/', cut - 1)) lowest = Math.min(lowest, this.exact.get(key.slice(0, cut)) ?? Infinity);
    return lowest;
  }

  /** Steps with preconditions by the step after whose undo all their paths are final. */
  byFinalStep(): Map<number, number[]> {
    const out = new Map<number, number[]>();
    this.preLocs.forEach((locs, i) => {
      if (locs.length === 0) return;
      const at = Math.min(...locs.map((l) => this.lowestToucher(l)));
      const steps = out.get(at) ?? [];
      steps.push(i);
      out.set(at, steps);
    });
    return out;
  }
}
