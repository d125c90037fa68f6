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
  info(text: string): void;
  notice(text: string): void;
}

function colorWanted(opts: GlobalOptions, stream: NodeJS.WriteStream): boolean {
  if (opts.color === false || 'NO_COLOR' in process.env) return false;
  if (process.env.FORCE_COLOR && process.env.FORCE_COLOR !== '0') return true;
  return Boolean(stream.isTTY);
}

export function makeIo(opts: GlobalOptions): Io {
  const quiet = Boolean(opts.quiet);
  return {
    json: Boolean(opts.json),
    quiet,
    colorOut: colorWanted(opts, process.stdout),
    colorErr: colorWanted(opts, process.stderr),
    data: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
    info: (text) => {
      if (!quiet) process.stderr.write(`${text}\n`);
    },
    notice: (text) => process.stderr.write(`migrate-users: ${text}\n`),
  };
}

export function printJson(io: Io, value: unknown): void {
  io.data(JSON.stringify(value, null, 2));
}
