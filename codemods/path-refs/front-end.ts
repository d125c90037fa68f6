// What a language front end of the path-reference codemod receives and returns. Each front end
// (TS/JS, Python, shell and compose files) finds the path expressions of one kind of file, asks
// `relocatePath` where each points after the plan's moves, and answers with splices of the
// original text (rewrites) and plan errors for paths it cannot follow.
import type { JoinablePart, PlanError, Relocation, Roots, Splice, Warning } from '../../plan/types.js';

export interface PathRefInput {
  /** Project-relative POSIX path of the file. */
  file: string;
  /** Decoded text (BOM kept), the base of every splice offset. */
  text: string;
  roots: Roots;
  relocations: readonly Relocation[];
  /** Every project file of this front end's kinds (not only those in the plan's paths), to find project-wide facts such as a settings module. */
  projectFiles?: readonly string[];
  /** This source's options (profile and config), e.g. how code names a relocation's home root. */
  options: Record<string, unknown>;
}

export interface PathRefOutput {
  splices: Splice[];
  warnings: Warning[];
  /** Paths naming a moved location that the front end cannot rewrite: file:line in the message. */
  errors: PlanError[];
  /** The ranges of the original text that rewrite a path (before any re-wrapping): `splices` without their imports when absent. */
  rewritten?: Array<{ start: number; end: number }>;
  /** Splices another codemod's edit of the file may join (see `EditOp.joinable`), e.g. a Python import. */
  joinable?: JoinablePart;
}

export interface FrontEnd {
  /** File name endings it reads (`.ts`), or whole names (`Dockerfile`). */
  extensions: readonly string[];
  rewrite(input: PathRefInput): PathRefOutput | Promise<PathRefOutput>;
}
