// Runs a chain of loaded transforms over one file's text, each seeing the previous one's output,
// with jscodeshift's own API for jscodeshift transforms. Reads nothing itself (the guard decides
// what a transform's own file-system calls do), so it runs the same in the main thread and in a worker.
import jscodeshift, { type JSCodeshift, type Parser } from 'jscodeshift';
import { withEol, type EolMode } from './eol.js';
import { JSCODESHIFT_DEFAULTS } from './jscodeshift-options.js';
import { firstLine, type LoadedTransform, type ParserName } from './load.js';

export interface TransformFailure {
  transform: string;
  message: string;
  /** `uncapturable`: it changed files in a way the plan cannot hold. */
  code?: string;
  line?: number;
  column?: number;
}

export interface TransformReport {
  transform: string;
  message: string;
}

export interface TransformStat {
  transform: string;
  name: string;
  quantity: number;
}

export interface ChainOutcome {
  /** Project-relative path. */
  file: string;
  /** The new text, when the chain changed the file and nothing failed. */
  output?: string;
  /** Transforms that changed the file, in order. */
  changedBy: string[];
  /** The first transform that threw or returned something unusable; the file is left out. */
  failure?: TransformFailure;
  /** `api.report(msg)` calls. */
  reports: TransformReport[];
  /** `api.stats(name, quantity)` calls. */
  stats: TransformStat[];
}

export interface FileInput {
  /** Project-relative. */
  file: string;
  absolute: string;
  /** `file.path` as jscodeshift gives it: as named on the command line, relative to the working directory. */
  shown: string;
  text: string;
}


/** jscodeshift defaults to babel for everything; TypeScript files get its TypeScript parsers instead. */
export function defaultParser(file: string): ParserName {
  if (file.endsWith('.tsx')) return 'tsx';
  if (/\.[cm]?ts$/.test(file)) return 'ts';
  return 'babel';
}

const boundToParser = new Map<string | Parser, JSCodeshift>();

/** jscodeshift bound to a parser, made once per parser: building it per file cost 1.7 s in 1,000 files. */
function bound(parser: string | Parser): JSCodeshift {
  let j = boundToParser.get(parser);
  if (!j) boundToParser.set(parser, (j = jscodeshift.withParser(parser)));
  return j;
}

function failureOf(transform: string, e: unknown): TransformFailure {
  const loc = (e as { loc?: { line?: unknown; column?: unknown } } | null)?.loc;
  const at = loc && typeof loc.line === 'number' && typeof loc.column === 'number' ? { line: loc.line, column: loc.column + 1 } : {};
  // Parsers end their message with the position too, as `(2:2)`; the report gives it once, 1-based.
  const message = 'line' in at ? firstLine(e).replace(/\s*\(\d+:\d+\)$/, '') : firstLine(e);
  return { transform, message, ...at };
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  const type = typeof value;
  return `${/^[aeiou]/.test(type) ? 'an' : 'a'} ${type}`;
}

interface Step {
  /** undefined: the transform left the file alone. */
  text?: string;
}

async function runOne(t: LoadedTransform, input: FileInput, source: string, out: ChainOutcome): Promise<Step> {
  if (t.kind === 'plain') {
    const result = await t.fn(source, { path: input.absolute, relativePath: input.file, options: t.options });
    if (result === undefined || result === null) return {};
    if (typeof result !== 'string') throw new TypeError(`returned ${describe(result)}; a plain transform returns the new source or undefined`);
    return { text: result };
  }
  const parser = t.moduleParser ?? t.parser ?? defaultParser(input.file);
  const j = bound(parser);
  const api = {
    j,
    jscodeshift: j,
    stats: (name: string, quantity?: number) => out.stats.push({ transform: t.name, name, quantity: typeof quantity === 'number' ? quantity : 1 }),
    report: (message: string) => out.reports.push({ transform: t.name, message: String(message) }),
  };
  const options = { ...JSCODESHIFT_DEFAULTS, transform: t.name, ...t.options, ...(typeof parser === 'string' ? { parser } : {}) };
  const result = await t.fn({ path: input.shown, source }, api, options);
  // jscodeshift's own rule: anything falsy means "skipped".
  if (!result) return {};
  if (typeof result !== 'string') throw new TypeError(`returned ${describe(result)}; a jscodeshift transform returns the new source, or nothing to skip the file`);
  return { text: result };
}

/** Runs one transform call; the share runs it inside a capture of its file-system changes. */
export type Guard = <T>(transform: string, call: () => Promise<T>) => Promise<T>;

export async function runChain(chain: readonly LoadedTransform[], input: FileInput, eol: EolMode, guard: Guard): Promise<ChainOutcome> {
  const out: ChainOutcome = { file: input.file, changedBy: [], reports: [], stats: [] };
  // Editors hide the BOM and transforms should not have to care: it is put back afterwards.
  const bom = input.text.startsWith('\uFEFF') ? '\uFEFF' : '';
  let current = input.text.slice(bom.length);
  for (const t of chain) {
    try {
      const step = await guard(t.name, () => runOne(t, input, current, out));
      const next = step.text === undefined ? current : withEol(eol, current, step.text.replace(/^\uFEFF/, ''));
      if (next !== current) {
        current = next;
        out.changedBy.push(t.name);
      }
    } catch (e) {
      out.failure = failureOf(t.name, e);
      return out;
    }
  }
  if (out.changedBy.length > 0 && bom + current !== input.text) out.output = bom + current;
  return out;
}
