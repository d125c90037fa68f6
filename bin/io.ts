// Where output goes: data on stdout, human messages on stderr, colours only for terminals.
export interface GlobalOptions {
  root?: string;
  config?: string;
  json?: boolean;
  quiet?: boolean;
  debug?: boolean;
  color?: boolean;
}

export interface Io {
  json: boolean;
  quiet: boolean;
  /** Colours for stdout (diffs) and stderr (messages). */
  colorOut: boolean;
  colorErr: boolean;
  data(text: string): void;
  /** The command's report for people, on stdout; nothing with --json (the JSON says it) or --quiet. */
  report(text: string): void;
  /** Progress and notes on stderr; nothing with --quiet. */
  info(text: string): void;
  /** Problems on stderr, --quiet or not. */
  error(text: string): void;
  notice(text: string): void;
}

function colorWanted(opts: GlobalOptions, stream: NodeJS.WriteStream): boolean {
  if (opts.color === false || 'NO_COLOR' in process.env) return false;
  if (process.env.FORCE_COLOR && process.env.FORCE_COLOR !== '0') return true;
  return Boolean(stream.isTTY);
}

const line = (text: string): string => (text.endsWith('\n') ? text : `${text}\n`);

export function makeIo(opts: GlobalOptions): Io {
  const quiet = Boolean(opts.quiet);
  const json = Boolean(opts.json);
  return {
    json,
    quiet,
    colorOut: colorWanted(opts, process.stdout),
    colorErr: colorWanted(opts, process.stderr),
    data: (text) => process.stdout.write(line(text)),
    report: (text) => {
      if (!quiet && !json) process.stdout.write(line(text));
    },
    info: (text) => {
      if (!quiet) process.stderr.write(`${text}\n`);
    },
    error: (text) => process.stderr.write(`${text}\n`),
    notice: (text) => process.stderr.write(`migrate-users: ${text}\n`),
  };
}

export function printJson(io: Io, value: unknown): void {
  io.data(JSON.stringify(value, null, 2));
}

/** `1 operation`, `3 operations`; `plural(2, 'entry', 'entries')`. */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}
