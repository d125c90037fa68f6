// jscodeshift's command-line options, so that `plan --transform t.js --dry --foo=bar src/` gives a
// transform the `options` object jscodeshift would give it: every flag, known or not, is passed
// through, parsed by jscodeshift's own argument parser (unknown `--foo=bar` values are read as
// JSON when they parse, `--foo` alone is `true`).
import { createRequire } from 'node:module';
import { UsageError } from '../../plan/errors.js';

const require = createRequire(import.meta.url);

interface OptionSpec {
  abbr?: string;
  full?: string;
  flag?: boolean;
  list?: boolean;
  process?: (value: string) => unknown;
}

/** jscodeshift 17's option table (bin/jscodeshift.js), without defaults: those are added per run. */
const JSCODESHIFT_FLAGS: Record<string, OptionSpec> = {
  cpus: { abbr: 'c', process: Number },
  verbose: { abbr: 'v', process: Number },
  dry: { abbr: 'd', flag: true },
  print: { abbr: 'p', flag: true },
  babel: { flag: true },
  extensions: {},
  ignorePattern: { full: 'ignore-pattern', list: true },
  ignoreConfig: { full: 'ignore-config', list: true },
  gitignore: { flag: true },
  runInBand: { full: 'run-in-band', flag: true },
  silent: { abbr: 's', flag: true },
  parserConfig: { full: 'parser-config' },
  failOnError: { full: 'fail-on-error', flag: true },
  stdin: { flag: true },
};

/** What jscodeshift's CLI puts in `options` when the flag is not given. */
export const JSCODESHIFT_DEFAULTS: Readonly<Record<string, unknown>> = {
  verbose: 0,
  dry: false,
  print: false,
  babel: true,
  extensions: 'cjs,es,es6,js,jsx,mjs,ts,tsx',
  ignorePattern: [],
  ignoreConfig: [],
  gitignore: false,
  runInBand: false,
  silent: false,
  failOnError: false,
  stdin: false,
};

interface ArgsParser {
  options(spec: Record<string, OptionSpec>): { parse(args: string[]): { options: Record<string, unknown>; positionalArguments: unknown[] } };
}

/**
 * Splits what the command line left over into paths and jscodeshift options, as jscodeshift
 * reads its own command line (a value may follow its flag: `--foo bar`).
 */
export function splitJscodeshiftArgs(args: readonly string[]): { paths: string[]; options: Record<string, unknown> } {
  if (!args.some((a) => a.startsWith('-'))) return { paths: [...args], options: {} };
  const parser = (require('jscodeshift/src/argsParser') as ArgsParser).options(JSCODESHIFT_FLAGS);
  let parsed: ReturnType<ReturnType<ArgsParser['options']>['parse']>;
  try {
    parsed = parser.parse([...args]);
  } catch (e) {
    throw new UsageError(((e as Error).message.split('\n')[0] ?? '').replace(/^Error: /, ''));
  }
  // jscodeshift's own check of `choices` would also reject a flag that is not given.
  if ('verbose' in parsed.options && ![0, 1, 2].includes(parsed.options.verbose as number)) throw new UsageError('--verbose must be one of 0, 1, 2');
  return { paths: parsed.positionalArguments.map(String), options: parsed.options };
}
