// Where the project is when --root is not given: the nearest folder, from the current one up,
// that holds one of the markers git, npm, Python tooling or our own config leave at a project's top.
import fs from 'node:fs';
import path from 'node:path';
import { CONFIG_FILE_NAME } from '../plan/config.js';
import { STATE_DIR_NAME } from '../plan/state-dir.js';

/** In the order they are looked for within one folder; the nearest folder wins over the order. */
export const ROOT_MARKERS = ['.git', STATE_DIR_NAME, CONFIG_FILE_NAME, 'package.json', 'pyproject.toml'] as const;

export interface FoundRoot {
  root: string;
  /** The marker that decided, or undefined when none was found and the start folder is used. */
  marker?: string;
}

export function findProjectRoot(start: string): FoundRoot {
  const from = path.resolve(start);
  for (let dir = from; ; dir = path.dirname(dir)) {
    const marker = ROOT_MARKERS.find((m) => fs.existsSync(path.join(dir, m)));
    if (marker) return { root: dir, marker };
    if (path.dirname(dir) === dir) return { root: from };
  }
}
