// The byte-level half of the prefilters: literals that every match of a rule's text prefilter
// must contain, searched in a file's raw bytes before it is decoded. Most files of a large
// project hold none of them and are then never decoded nor searched with the regexes.
// Derived from the regex itself, so a rule states its prefilter once: a pattern whose
// literals cannot be proven necessary (a case-insensitive one, a branch without a literal of
// MIN_NEEDLE characters) gets no byte-level stage and every file is decoded for it, as before.

/** Shorter literals would let most files through: not worth a pass over the bytes. */
const MIN_NEEDLE = 3;

/** Escapes that stand for a literal character (`\.`, `\/`, `\-`): anything but letters and digits. */
const LITERAL_ESCAPE = /[^A-Za-z0-9]/;

/** The source's top-level alternatives: `|` outside groups and classes. */
function branches(source: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let inClass = false;
  let start = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) {
      out.push(source.slice(start, i));
      start = i + 1;
    }
  }
  out.push(source.slice(start));
  return out;
}

/** Index just past the class (`[...]`) or group (`(...)`) that starts at `i`. */
function skipAtom(source: string, i: number): number {
  if (source[i] === '[') {
    for (let j = i + 1; j < source.length; j++) {
      if (source[j] === '\\') j++;
      else if (source[j] === ']') return j + 1;
    }
    return source.length;
  }
  let depth = 0;
  let inClass = false;
  for (let j = i; j < source.length; j++) {
    const c = source[j];
    if (c === '\\') j++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return j + 1;
  }
  return source.length;
}

/** Index just past the escape that starts at `i` (a backslash), with its operands (`\x41`, `\u{1F600}`, `\k<name>`, `\12`). */
function skipEscape(source: string, i: number): number {
  const e = source[i + 1] ?? '';
  const to = (close: string): number => (source.indexOf(close, i + 2) + 1 || source.length);
  if (e === 'x') return i + 4;
  if (e === 'u') return source[i + 2] === '{' ? to('}') : i + 6;
  if (e === 'c') return i + 3;
  if (e === 'k') return to('>');
  if (e === 'p' || e === 'P') return to('}');
  if (/[0-9]/.test(e)) {
    let j = i + 2;
    while (/[0-9]/.test(source[j] ?? '')) j++;
    return j;
  }
  return i + 2;
}

/**
 * Runs of characters every match of one alternative contains as they are: literal characters
 * in a row, with no quantifier, group, class, wildcard or escape sequence between them.
 * Conservative: whatever is not a plain literal character ends the current run.
 */
function literalRuns(branch: string): string[] {
  const runs: string[] = [];
  let run = '';
  const end = (): void => {
    if (run) runs.push(run);
    run = '';
  };
  for (let i = 0; i < branch.length; ) {
    const c = branch[i]!;
    let literal: string | undefined;
    let next: number;
    if (c === '\\') {
      const e = branch[i + 1] ?? '';
      if (e !== '' && LITERAL_ESCAPE.test(e)) literal = e;
      next = skipEscape(branch, i);
    } else if (c === '(' || c === '[') next = skipAtom(branch, i);
    else {
      if (!'.^$*+?{}'.includes(c)) literal = c;
      next = i + 1;
    }
    const quantifier = branch[next];
    if (quantifier === '*' || quantifier === '?' || quantifier === '{' || quantifier === '+') {
      // `a+` needs one `a`, but what follows need not come right after it.
      if (literal !== undefined && quantifier === '+') run += literal;
      end();
      next = quantifier === '{' ? branch.indexOf('}', next) + 1 || branch.length : next + 1;
      if (branch[next] === '?') next++;
    } else if (literal !== undefined) run += literal;
    else end();
    i = next;
  }
  end();
  return runs;
}

const hasSurrogate = (s: string): boolean => /[\uD800-\uDFFF]/.test(s);

/**
 * Literals at least one of which every match of `re` contains (one per alternative, its
 * longest run), or undefined when that cannot be shown for every alternative.
 */
export function requiredLiterals(re: RegExp): string[] | undefined {
  if (re.flags.includes('i') || re.flags.includes('v')) return undefined;
  const needles = new Set<string>();
  for (const branch of branches(re.source)) {
    const longest = literalRuns(branch).sort((a, b) => b.length - a.length)[0];
    if (longest === undefined || longest.length < MIN_NEEDLE || hasSurrogate(longest)) return undefined;
    needles.add(longest);
  }
  return [...needles];
}

/** Whether the bytes (UTF-8, as read from disk) contain any of the literals. */
export function containsAny(bytes: Buffer, literals: readonly string[]): boolean {
  return literals.some((l) => bytes.includes(l));
}
