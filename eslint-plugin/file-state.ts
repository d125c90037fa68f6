// What the rules of one ESLint pass over one file share: the file parsed once by our TypeScript
// front end (the detectors need its tree, not ESLint's), our suppression comments with the
// findings they suppressed, and which of our rules ran, for `unused-suppression`.
import path from 'node:path';
import { LineIndex } from '../lint/engine/positions.js';
import { parseSuppressions, type Suppression } from '../lint/engine/suppressions.js';
import { languageOf } from '../lint/parse/languages.js';
import { parseTypeScript } from '../lint/parse/typescript.js';
import type { ParseFailure, TsParsedFile } from '../lint/types.js';

export interface FileState {
  /** Project-relative POSIX path, as `migrate-users lint` names the file. */
  file: string;
  text: string;
  lines: LineIndex;
  /** Undefined when our parser rejects the file (ESLint's may not): no findings then, as in the CLI. */
  parsed(): TsParsedFile | undefined;
  suppressions(): Suppression[];
  /** Ids of our rules that ran on this file in this pass. */
  ran: Set<string>;
}

export interface FileIdentity {
  filename: string;
  cwd: string;
  /** ESLint's `SourceCode`: one per file and pass, so it keys the shared state. */
  sourceCode: { text: string };
}

const states = new WeakMap<object, FileState>();

function projectPath(filename: string, cwd: string): string {
  return path.relative(cwd, filename).split(path.sep).join('/');
}

function isFailure(p: TsParsedFile | ParseFailure): p is ParseFailure {
  return !('language' in p);
}

function createState(file: string, text: string): FileState {
  let parsed: TsParsedFile | ParseFailure | undefined;
  let suppressions: Suppression[] | undefined;
  const lines = new LineIndex(text);
  const state: FileState = {
    file,
    text,
    lines,
    parsed() {
      parsed ??= parseTypeScript(file, text);
      return isFailure(parsed) ? undefined : parsed;
    },
    suppressions() {
      const tree = state.parsed();
      suppressions ??= tree ? parseSuppressions(tree, lines) : [];
      return suppressions;
    },
    ran: new Set(),
  };
  return state;
}

/**
 * The shared state of a file our TypeScript/JavaScript rules apply to; undefined for anything
 * else ESLint may be asked to lint (ESLint cannot parse Python; `migrate-users lint` covers it).
 */
export function fileState(id: FileIdentity): FileState | undefined {
  const existing = states.get(id.sourceCode);
  if (existing) return existing;
  const file = projectPath(id.filename, id.cwd);
  if (languageOf(file) !== 'ts') return undefined;
  const state = createState(file, id.sourceCode.text);
  states.set(id.sourceCode, state);
  return state;
}
