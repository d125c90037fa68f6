// Which app a linted project is, so that advice names that app's remedies (continuum's daemons,
// persag's home) only where they exist, and app-specific rules stay off elsewhere.
// Detection reads the tree's shape only: the migrators' data-shape checks (`.continuum/`,
// `env.userid`, `lightrag_*`), then the code's shape a few levels down, since a checkout often has
// no runtime data and lint may run from a repository root above the package.
import fs from 'node:fs';
import path from 'node:path';
import { detectContinuum, detectPersag } from '../migrators/detect.js';
import type { LintProfile } from './types.js';

export const LINT_PROFILES: readonly LintProfile[] = ['continuum', 'persag', 'generic'];
export const PROFILE_SETTINGS = ['auto', ...LINT_PROFILES] as const;

/** How deep below the root the code's shape is looked for (`src/debug/app/daemons` is 3). */
const MAX_DEPTH = 4;
/** An upper bound on directories read, so a huge tree costs milliseconds, not seconds. */
const MAX_DIRS = 4000;
const SKIPPED = new Set(['node_modules', 'dist', 'build', 'out', 'coverage', 'vendor', '__pycache__', 'venv', 'site-packages']);

interface Shape {
  continuum: boolean;
  persag: boolean;
}

function subdirs(dir: string): string[] {
  try {
    return fs
      .readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isDirectory() && !e.name.startsWith('.') && !SKIPPED.has(e.name))
      .map((e) => e.name);
  } catch {
    return [];
  }
}

/**
 * continuum's code: a `daemons/` dir holding `*-daemon` dirs (data-daemon, user-daemon, ...).
 * persag's code: its `personal_agent` package, or its `lightrag_*` server dirs.
 */
function codeShape(root: string): Shape {
  const shape: Shape = { continuum: false, persag: false };
  let level = [root];
  let read = 0;
  for (let depth = 0; depth <= MAX_DEPTH && level.length > 0 && read < MAX_DIRS; depth++) {
    const next: string[] = [];
    for (const dir of level) {
      if (read++ >= MAX_DIRS) break;
      const names = subdirs(dir);
      for (const name of names) {
        if (name === 'personal_agent' || name.startsWith('lightrag_')) shape.persag = true;
        if (name === 'daemons' && subdirs(path.join(dir, name)).some((d) => d.endsWith('-daemon'))) shape.continuum = true;
        next.push(path.join(dir, name));
      }
      if (shape.continuum && shape.persag) return shape;
    }
    level = next;
  }
  return shape;
}

const detected = new Map<string, LintProfile>();

/** The profile a project tree looks like; continuum wins when a tree has both shapes. */
export function detectLintProfile(root: string): LintProfile {
  const key = path.resolve(root);
  const known = detected.get(key);
  if (known) return known;
  let profile: LintProfile = 'generic';
  if (detectContinuum(key)) profile = 'continuum';
  else if (detectPersag(key)) profile = 'persag';
  else {
    const shape = codeShape(key);
    profile = shape.continuum ? 'continuum' : shape.persag ? 'persag' : 'generic';
  }
  detected.set(key, profile);
  return profile;
}

export function isProfileSetting(value: unknown): value is (typeof PROFILE_SETTINGS)[number] {
  return typeof value === 'string' && (PROFILE_SETTINGS as readonly string[]).includes(value);
}

/** `auto` (or nothing) detects; a named profile is taken as given. */
export function resolveLintProfile(root: string, setting: string | undefined): LintProfile {
  return setting === undefined || setting === 'auto' ? detectLintProfile(root) : (setting as LintProfile);
}
