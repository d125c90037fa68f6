// The shell front end of path-refs: shell scripts, Dockerfiles and the compose files of the
// project (those inside a moved dir are the migrator's) name moved dirs as words. A literal
// word is respelled in place; a location that moves to the home root is spelled
// `${PERSAG_HOME:-${HOME}}/<dir>/...`, the home the persag accessor reads. A word the front end
// cannot follow, or a Dockerfile path that would leave the build context, is a plan error.
import path from 'node:path';
import { COMPOSE_FILE } from '../../migrators/persag-home/index.js';
import type { PlanError, Splice } from '../../plan/types.js';
import { positionAt } from '../shared/warnings.js';
import type { FrontEnd, PathRefInput, PathRefOutput } from './front-end.js';
import { mayNameMovedFile, relocatePath, type PathPiece, type Rewrite } from '../shared/relocate.js';
import { anchorOf, changedRegions, piecesOf, type Region, type Token } from './respell.js';
import { shellWords, type Word, type WordRef } from './shell-words.js';

const SOURCE = 'path-refs';
/** The persag home as the generated Python accessor resolves it. */
export const HOME_EXPRESSION = '${PERSAG_HOME:-${HOME}}';

type ShellToken = Token<WordRef>;

const isDockerfile = (file: string): boolean => /(^|\.)Dockerfile$|^Dockerfile\./.test(path.posix.basename(file));
const isYaml = (file: string): boolean => /\.ya?ml$/.test(file);

/** Variables assigned once from literal text: `PERSONAS=.continuum/personas`. */
function literalVariables(words: readonly Word[]): Map<string, ShellToken[]> {
  const count = new Map<string, number>();
  for (const w of words) if (w.assigns) count.set(w.assigns, (count.get(w.assigns) ?? 0) + 1);
  const out = new Map<string, ShellToken[]>();
  for (const w of words) {
    if (w.assigns && count.get(w.assigns) === 1 && w.tokens.length > 0 && w.tokens.every((t) => t.kind === 'text')) out.set(w.assigns, w.tokens);
  }
  return out;
}

function withKnownVariables(word: Word, text: string, vars: Map<string, ShellToken[]>, respelled: (tokens: ShellToken[]) => PathPiece[]): ShellToken[] {
  return word.tokens.map((t) => {
    if (t.kind !== 'dynamic') return t;
    const name = /^\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?$/.exec(text.slice(t.ref.start, t.ref.end))?.[1];
    const value = name === undefined ? undefined : vars.get(name);
    return value ? { kind: 'known', pieces: piecesOf(value), respelled: respelled(value), ref: t.ref } : t;
  });
}

/** The source text that makes `region` spell its pieces, or undefined when it cannot be written in place. */
function respellRegion(region: Region<WordRef>, all: readonly ShellToken[], text: string, quoteHome: boolean): Splice | undefined {
  const tokens = region.tokens;
  // Nothing to replace (`lightrag_server/x` gains a home in front): insert before the next token.
  const next = all[region.from];
  if (tokens.length === 0 && (!next || next.ref.escaped)) return undefined;
  if (tokens.some((t) => t.kind === 'known' || t.kind === 'sep' || t.ref.escaped)) return undefined;
  const quoting = (tokens[0] ?? next)!.ref.quoting;
  if (tokens.some((t, i) => t.ref.quoting !== quoting || (i > 0 && tokens[i - 1]!.ref.end !== t.ref.start))) return undefined;
  const raw = new Map(all.flatMap((t) => (t.kind === 'dynamic' ? [[t.id, text.slice(t.ref.start, t.ref.end)] as const] : [])));
  let out = '';
  for (const p of region.pieces) {
    if ('text' in p) out += p.text;
    else if (raw.has(p.dynamic)) out += raw.get(p.dynamic)!;
    else return undefined;
  }
  if (out.includes(HOME_EXPRESSION)) {
    if (quoting === 'single') return undefined;
    if (quoting === 'none' && quoteHome) out = out.replace(HOME_EXPRESSION, `"${HOME_EXPRESSION}"`);
  }
  const start = (tokens[0] ?? next)!.ref.start;
  return { start, end: tokens.length > 0 ? tokens[tokens.length - 1]!.ref.end : start, text: out };
}

/** Where a rewrite points, spelled for a script: the home root through its variables. */
const spelledAfter = (r: Rewrite): PathPiece[] => (r.relocation.to.root === 'home' ? [{ text: `${HOME_EXPRESSION}/` }, ...r.after] : [...r.before, ...r.after]);

function respelledValue(tokens: ShellToken[], input: PathRefInput): PathPiece[] {
  const r = relocatePath(piecesOf(tokens), input.relocations, anchorOf(tokens));
  return r?.kind === 'rewrite' ? spelledAfter(r) : piecesOf(tokens);
}

export function rewriteShell(input: PathRefInput): PathRefOutput {
  const out: PathRefOutput = { splices: [], warnings: [], errors: [] };
  const { file, text } = input;
  if (isYaml(file) && !COMPOSE_FILE.test(path.posix.basename(file))) return out;
  const words = shellWords(text);
  const vars = literalVariables(words);
  for (const word of words) {
    const tokens = withKnownVariables(word, text, vars, (value) => respelledValue(value, input));
    if (!tokens.some((t) => t.kind !== 'dynamic')) continue;
    const at = { file, line: positionAt(text, word.start).line };
    const error = (message: string): void => {
      out.errors.push({ source: SOURCE, code: 'unfollowable-path', message: `${file}:${at.line}: ${message}`, paths: [`${file}:${at.line}`] } satisfies PlanError);
    };
    const r = relocatePath(piecesOf(tokens), input.relocations, anchorOf(tokens));
    if (!r) {
      const moved = mayNameMovedFile(piecesOf(tokens), input.relocations);
      if (moved) out.warnings.push({ source: SOURCE, ...at, column: positionAt(text, word.start).column, code: 'may-name-moved-file', message: `this path ends like ${moved.from.path}, which moves to ${moved.to.path}; its base cannot be followed, check whether it is a user's dir` });
      continue;
    }
    if (r.kind === 'ambiguous') {
      error(`${r.reason}; rewrite it by hand`);
      continue;
    }
    const home = r.relocation.to.root === 'home';
    if (home && isDockerfile(file)) {
      error(`this word names ${r.relocation.from.path}, which moves to ~/${r.relocation.to.path}, outside the build context; copy it from there or mount it at run time`);
      continue;
    }
    const splices = changedRegions(tokens, spelledAfter(r)).map((region) => respellRegion(region, tokens, text, !isYaml(file)));
    if (splices.some((s) => s === undefined)) {
      error(`this word names ${r.relocation.from.path} (moves to ${home ? '~/' : ''}${r.relocation.to.path}) in a shape that cannot be rewritten in place; rewrite it by hand`);
      continue;
    }
    out.splices.push(...(splices as Splice[]));
  }
  return out;
}

export const shellFrontEnd: FrontEnd = { extensions: ['.sh', '.bash', 'Dockerfile', '.yml', '.yaml'], rewrite: rewriteShell };
