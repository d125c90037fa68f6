// Loads a transform module the way its author wrote it: CommonJS or ESM through `import()`
// (jscodeshift itself can only `require`), TypeScript and ESM-syntax `.js` outside an ESM package
// through an in-memory transpile to CommonJS, as jscodeshift's babel-register does. Finds the
// function and its optional `parser` and `kind` exports whatever the module format wrapped them in.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Parser } from 'jscodeshift';
import { UsageError } from '../../plan/errors.js';
import { isEsmSyntaxCommonJs, requireCompiled, TS_MODULE_EXTENSIONS } from './ts-require.js';

export const PARSER_NAMES = ['babel', 'ts', 'tsx', 'flow'] as const;
export type ParserName = (typeof PARSER_NAMES)[number];
/** Names jscodeshift accepts in a module's `parser` export (`babylon` is its older babel setup). */
const MODULE_PARSER_NAMES: readonly string[] = [...PARSER_NAMES, 'babylon'];

export interface TransformSpec {
  /** The module, absolute or relative to the working directory (as jscodeshift's `-t`). */
  path: string;
  /** Passed to a jscodeshift transform as its third argument (`--transform-options`). */
  options?: Record<string, unknown>;
  /** jscodeshift parser when the module exports none; default by file extension. */
  parser?: ParserName;
}

/**
 * `jscodeshift`: `(fileInfo, api, options)`, the default. `plain`: `(source, { path })`, chosen by
 * exporting `kind = 'plain'`. Both take two or three parameters of any name, so neither arity
 * nor parameter names can tell them apart; an explicit export survives transpilers and bundlers.
 */
export type TransformKind = 'jscodeshift' | 'plain';
const KINDS: readonly string[] = ['jscodeshift', 'plain'];

export type TransformFunction = (...args: unknown[]) => unknown;

export interface LoadedTransform {
  /** As the user wrote it, for reports. */
  name: string;
  file: string;
  kind: TransformKind;
  fn: TransformFunction;
  /** The module's own `parser` export, which wins over `spec.parser` as in jscodeshift. */
  moduleParser?: string | Parser;
  options: Record<string, unknown>;
  parser?: ParserName;
}

/** Checks what can be checked before planning: the module exists and the options are sound. */
export function resolveSpec(spec: TransformSpec): TransformSpec {
  const file = path.resolve(spec.path);
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new UsageError(`transform ${spec.path}: no such file`);
  if (spec.parser !== undefined && !PARSER_NAMES.includes(spec.parser)) {
    throw new UsageError(`--parser must be one of ${PARSER_NAMES.join(', ')} (got "${String(spec.parser)}")`);
  }
  if (spec.options !== undefined && (typeof spec.options !== 'object' || spec.options === null || Array.isArray(spec.options))) {
    throw new UsageError('--transform-options must be a JSON object, e.g. {"from":"a","to":"b"}');
  }
  return spec;
}

async function importModule(file: string): Promise<unknown> {
  if (TS_MODULE_EXTENSIONS.some((ext) => file.endsWith(ext))) return requireCompiled(file);
  // Node would load such a file as ESM, where the `require()` calls babel-register allows fail.
  if (file.endsWith('.js') && isEsmSyntaxCommonJs(file)) return requireCompiled(file);
  return import(pathToFileURL(file).href);
}

/**
 * The layers a module format may wrap an export in, outermost first: an ESM namespace, its
 * `default` (CommonJS `module.exports`), and a transpiled module's `exports.default`.
 */
function layers(mod: unknown): unknown[] {
  const out = [mod];
  let current = mod;
  while (current !== null && typeof current === 'object' && 'default' in current && out.length < 4) {
    current = (current as { default: unknown }).default;
    out.push(current);
  }
  return out;
}

function exported(all: readonly unknown[], key: string): unknown {
  for (const layer of all) {
    if ((typeof layer === 'object' || typeof layer === 'function') && layer !== null && key in layer) {
      const value = (layer as Record<string, unknown>)[key];
      if (value !== undefined) return value;
    }
  }
  return undefined;
}

function moduleParserOf(name: string, value: unknown): string | Parser | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string' && MODULE_PARSER_NAMES.includes(value)) return value;
  if (typeof value === 'object' && value !== null && typeof (value as Parser).parse === 'function') return value as Parser;
  throw new UsageError(`transform ${name}: its parser export must be one of ${MODULE_PARSER_NAMES.join(', ')} or an object with a parse() method`);
}

function kindOf(name: string, value: unknown): TransformKind {
  if (value === undefined) return 'jscodeshift';
  if (typeof value === 'string' && KINDS.includes(value)) return value as TransformKind;
  throw new UsageError(`transform ${name}: export kind = 'plain' for a (source, { path }) function, or nothing for a jscodeshift transform (got ${JSON.stringify(value)})`);
}

export async function loadTransform(spec: TransformSpec): Promise<LoadedTransform> {
  const file = path.resolve(spec.path);
  let mod: unknown;
  try {
    mod = await importModule(file);
  } catch (e) {
    throw new UsageError(`cannot load transform ${spec.path}: ${firstLine(e)}`);
  }
  const all = layers(mod);
  const fn = all.find((l): l is TransformFunction => typeof l === 'function');
  if (!fn) throw new UsageError(`transform ${spec.path} exports no function: write \`export default function (file, api, options) {...}\` or \`module.exports = ...\``);
  const moduleParser = moduleParserOf(spec.path, exported(all, 'parser'));
  return {
    name: spec.path,
    file,
    kind: kindOf(spec.path, exported(all, 'kind')),
    fn,
    ...(moduleParser !== undefined ? { moduleParser } : {}),
    options: spec.options ?? {},
    ...(spec.parser ? { parser: spec.parser } : {}),
  };
}

/** The first line of an error's message: enough for a one-line report. */
export function firstLine(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  return message.split('\n')[0]!.trim() || (e instanceof Error ? e.name : 'error');
}
