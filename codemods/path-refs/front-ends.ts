// The front ends, one per kind of file. Loaded only by a plan that moves data: the Python one
// brings the tree-sitter parser and the shell one the compose-file migrator with its YAML parser.
import type { FrontEnd } from './front-end.js';
import { pythonFrontEnd } from './python.js';
import { shellFrontEnd } from './shell.js';
import { typescriptFrontEnd } from './typescript.js';

export const FRONT_ENDS: FrontEnd[] = [pythonFrontEnd, typescriptFrontEnd, shellFrontEnd];

/** The front end that reads `file`, by its name's ending. */
export function frontEndFor(file: string): FrontEnd | undefined {
  return FRONT_ENDS.find((f) => f.extensions.some((e) => file.endsWith(e)));
}
