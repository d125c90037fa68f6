// dotenv-style files (`env.userid`, `env.server`, `.env`): just enough parsing to read a key
// and to replace one value in place, keeping everything else (comments, other keys, quoting,
// CRLF, BOM) byte for byte.
import type { Splice } from '../../plan/types.js';

export type EnvQuote = '"' | "'" | '';

export interface EnvAssignment {
  key: string;
  /** The value without its quotes. */
  value: string;
  quote: EnvQuote;
  exported: boolean;
  /** 1-based line number. */
  line: number;
  /** Offsets of the raw value (quotes included) in the whole text. */
  valueStart: number;
  valueEnd: number;
}

const ASSIGNMENT = /^(\s*)(export\s+)?([A-Za-z_][A-Za-z0-9_.]*)(\s*=\s*)/;

/** Parses the raw value after `KEY=`; undefined for an unterminated quote. */
function parseValue(rest: string): { raw: string; value: string; quote: EnvQuote } | undefined {
  const q = rest[0];
  if (q === '"' || q === "'") {
    let i = 1;
    while (i < rest.length && rest[i] !== q) i += q === '"' && rest[i] === '\\' ? 2 : 1;
    if (i >= rest.length) return undefined;
    const after = rest.slice(i + 1);
    if (!/^\s*(#.*)?$/.test(after)) return undefined;
    const inner = rest.slice(1, i);
    return { raw: rest.slice(0, i + 1), value: q === '"' ? inner.replace(/\\(["\\])/g, '$1') : inner, quote: q };
  }
  // An unquoted value ends at a comment that follows whitespace, like dotenv and docker compose.
  const comment = rest.search(/\s#/);
  const raw = (comment === -1 ? rest : rest.slice(0, comment)).replace(/\s+$/, '');
  return { raw, value: raw, quote: '' };
}

export function parseEnv(text: string): EnvAssignment[] {
  const out: EnvAssignment[] = [];
  let offset = 0;
  let line = 0;
  for (const withEnd of text.match(/[^\n]*\n|[^\n]+$/g) ?? []) {
    line++;
    const body = withEnd.replace(/\r?\n$/, '');
    const m = ASSIGNMENT.exec(body);
    if (m) {
      const start = m[0].length;
      const parsed = parseValue(body.slice(start));
      if (parsed) {
        out.push({
          key: m[3]!,
          value: parsed.value,
          quote: parsed.quote,
          exported: Boolean(m[2]),
          line,
          valueStart: offset + start,
          valueEnd: offset + start + parsed.raw.length,
        });
      }
    }
    offset += withEnd.length;
  }
  return out;
}

/** The value of the last assignment of `key` (later lines win, as in dotenv). */
export function envValue(text: string, key: string): string | undefined {
  return parseEnv(text).filter((a) => a.key === key).at(-1)?.value;
}

/** Writes `value` in the file's quoting style when it can carry the value, else double quotes. */
export function formatEnvValue(value: string, quote: EnvQuote): string {
  const plainSafe = /^[^\s#"'`$\\]*$/.test(value);
  if (quote === '' && plainSafe) return value;
  if (quote === "'" && !value.includes("'")) return `'${value}'`;
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

/** Splices that set every assignment of `key` to `value`, touching nothing else. */
export function setEnvValue(text: string, key: string, value: string): Splice[] {
  return parseEnv(text)
    .filter((a) => a.key === key && a.value !== value)
    .map((a) => ({ start: a.valueStart, end: a.valueEnd, text: formatEnvValue(value, a.quote) }));
}
