// User ids come from directory names, file names and config files. They are checked before
// they become part of any path, so that a crafted name can never reach outside its root.
import fs from 'node:fs';
import { abs, assertContained, display, isInside, rootDir, UnsafePathError } from '../../plan/paths.js';
import type { Loc, PlanError, Roots } from '../../plan/types.js';

export const INVALID_USER_ID = 'invalid-user-id';

// C0 controls, DEL and C1 controls: invisible in listings and dangerous in terminals.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** Why `id` cannot name a user directory, or undefined when it can. */
export function userIdProblem(id: string): string | undefined {
  if (id === '') return 'it is empty';
  if (id === '.' || id === '..') return 'it is a relative path component';
  if (id.includes('\0')) return 'it contains a NUL byte';
  if (id.includes('/') || id.includes('\\')) return 'it contains a path separator';
  if (CONTROL.test(id)) return 'it contains a control character';
  return undefined;
}

export function invalidUserId(source: string, id: string, reason: string, paths: string[] = []): PlanError {
  return {
    source,
    code: INVALID_USER_ID,
    message: `invalid user id ${JSON.stringify(id)}: ${reason}; skipped`,
    ...(paths.length ? { paths } : {}),
  };
}

/**
 * Checks that `l` (a path built from a user id) stays inside its root once symlinks are
 * resolved, including a symlink at `l` itself: a user directory that is a link to somewhere
 * outside the root is refused rather than moved.
 */
export function containmentProblem(roots: Roots, l: Loc): string | undefined {
  try {
    assertContained(roots, l);
  } catch (e) {
    if (e instanceof UnsafePathError) return e.message;
    throw e;
  }
  const p = abs(roots, l);
  let st: fs.Stats;
  try {
    st = fs.lstatSync(p);
  } catch {
    return undefined;
  }
  if (!st.isSymbolicLink()) return undefined;
  const root = fs.realpathSync(rootDir(roots, l));
  let real: string;
  try {
    real = fs.realpathSync(p);
  } catch {
    return `${display(l)} is a dangling symlink`;
  }
  return isInside(root, real) ? undefined : `${display(l)} is a symlink that resolves outside its root`;
}

/**
 * Validates an id and the locations built from it; returns the PlanError to report, or
 * undefined when the id is safe to use. `buildLocs` is only called for a well-formed id.
 */
export function checkUserId(
  source: string,
  roots: Roots,
  id: string,
  buildLocs: (id: string) => Loc[],
  origin: string,
): PlanError | undefined {
  const problem = userIdProblem(id);
  if (problem) return invalidUserId(source, id, `${problem} (from ${origin})`, [origin]);
  for (const l of buildLocs(id)) {
    const escape = containmentProblem(roots, l);
    if (escape) return invalidUserId(source, id, escape, [display(l)]);
  }
  return undefined;
}
