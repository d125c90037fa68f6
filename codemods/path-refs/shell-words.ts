// The words of a shell script (and of the shell-like lines of Dockerfiles and compose files), as
// path tokens: literal runs keep their source range and quoting, `$var`, `${...}`, `$(...)`,
// backquotes and glob characters are run-time values. Comments and here-document bodies are
// not words. A `NAME=value` assignment or `--opt=value` flag contributes its value only.
import type { Token } from './respell.js';

export type Quoting = 'none' | 'single' | 'double';

export interface WordRef {
  start: number;
  end: number;
  quoting: Quoting;
  /** A backslash-escaped character: its spelling differs from its text. */
  escaped?: boolean;
}

export interface Word {
  tokens: Token<WordRef>[];
  start: number;
  /** `NAME` of a `NAME=value` assignment, if the word is one. */
  assigns?: string;
}

const BREAK = /[\s;&|<>()]/;
const GLOB = /[*?[]/;

/** End of a `$...` expansion starting at `i` (the `$`). */
function expansionEnd(text: string, i: number): number {
  const next = text[i + 1];
  if (next === '{' || next === '(') {
    const close = next === '{' ? '}' : ')';
    let depth = 0;
    for (let j = i + 1; j < text.length; j++) {
      if (text[j] === next) depth++;
      else if (text[j] === close && --depth === 0) return j + 1;
    }
    return text.length;
  }
  const m = /^(?:[A-Za-z_][A-Za-z0-9_]*|[0-9#?@*$!-])/.exec(text.slice(i + 1));
  return m ? i + 1 + m[0].length : i + 1;
}

class WordReader {
  private i: number;
  private nextId = 0;
  readonly words: Word[] = [];
  private heredocs: string[] = [];

  /** Reads `text` from `from` to `end`: a command substitution's inside is read like a script. */
  constructor(
    private readonly text: string,
    from = 0,
    private readonly end = text.length,
  ) {
    this.i = from;
  }

  read(): Word[] {
    const t = this.text;
    while (this.i < this.end) {
      const c = t[this.i]!;
      if (c === '\n') {
        this.i++;
        this.skipHeredocBodies();
      } else if (c === '#') this.skipLine();
      else if (t.startsWith('<<', this.i)) this.heredocStart();
      else if (BREAK.test(c)) this.i++;
      else this.word();
    }
    return this.words;
  }

  private skipLine(): void {
    const nl = this.text.indexOf('\n', this.i);
    this.i = nl === -1 || nl > this.end ? this.end : nl;
  }

  private heredocStart(): void {
    const m = /^<<-?\s*(['"]?)([A-Za-z_][\w-]*)\1/.exec(this.text.slice(this.i));
    if (!m) {
      this.i += 2;
      return;
    }
    this.heredocs.push(m[2]!);
    this.i += m[0].length;
  }

  private skipHeredocBodies(): void {
    for (const delimiter of this.heredocs.splice(0)) {
      const end = new RegExp(`^[\\t]*${delimiter}[ \\t]*$`, 'm');
      const rest = this.text.slice(this.i);
      const m = end.exec(rest);
      this.i = m ? this.i + m.index + m[0].length : this.text.length;
    }
  }

  private word(): void {
    const t = this.text;
    const start = this.i;
    const tokens: Token<WordRef>[] = [];
    let quoting: Quoting = 'none';
    let runStart = -1;
    const flush = (end: number): void => {
      if (runStart !== -1 && end > runStart) tokens.push({ kind: 'text', text: t.slice(runStart, end), ref: { start: runStart, end, quoting } });
      runStart = -1;
    };
    const dynamic = (from: number, to: number): void => {
      flush(from);
      tokens.push({ kind: 'dynamic', id: this.nextId++, ref: { start: from, end: to, quoting } });
      this.i = to;
    };
    while (this.i < this.end) {
      const c = t[this.i]!;
      if (quoting === 'none' && BREAK.test(c)) break;
      if (quoting !== 'double' && c === "'") {
        flush(this.i);
        quoting = quoting === 'single' ? 'none' : 'single';
        this.i++;
      } else if (quoting !== 'single' && c === '"') {
        flush(this.i);
        quoting = quoting === 'double' ? 'none' : 'double';
        this.i++;
      } else if (quoting !== 'single' && c === '$' && this.i + 1 < this.end && /[{(A-Za-z_0-9#?@*$!-]/.test(t[this.i + 1]!)) {
        const to = Math.min(expansionEnd(t, this.i), this.end);
        if (t[this.i + 1] === '(') this.words.push(...new WordReader(t, this.i + 2, to - 1).read());
        dynamic(this.i, to);
      } else if (quoting !== 'single' && c === '`') {
        const close = t.indexOf('`', this.i + 1);
        dynamic(this.i, close === -1 ? t.length : close + 1);
      } else if (quoting === 'none' && GLOB.test(c)) {
        dynamic(this.i, this.i + 1);
      } else if (quoting !== 'single' && c === '\\') {
        // An escaped character is text, but its spelling is not: it ends the literal run.
        flush(this.i);
        tokens.push({ kind: 'text', text: t[this.i + 1] ?? '', ref: { start: this.i, end: Math.min(t.length, this.i + 2), quoting, escaped: true } });
        this.i += 2;
      } else {
        if (runStart === -1) runStart = this.i;
        this.i++;
      }
    }
    flush(Math.min(this.i, this.end));
    this.words.push(splitAssignment({ tokens, start }));
  }
}

/** `NAME=value` and `--name=value`: the path is the value. */
function splitAssignment(word: Word): Word {
  const first = word.tokens[0];
  if (!first || first.kind !== 'text' || first.ref.quoting !== 'none') return word;
  const m = /^(?:([A-Za-z_][A-Za-z0-9_]*)|--?[\w-]+)=/.exec(first.text);
  if (!m) return word;
  const rest = first.text.slice(m[0].length);
  const head: Token<WordRef>[] = rest ? [{ kind: 'text', text: rest, ref: { ...first.ref, start: first.ref.start + m[0].length } }] : [];
  return { tokens: [...head, ...word.tokens.slice(1)], start: word.start, ...(m[1] ? { assigns: m[1] } : {}) };
}

export function shellWords(text: string): Word[] {
  return new WordReader(text).read();
}
