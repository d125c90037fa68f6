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

/** What every match of one alternative holds: literal runs, and groups it passes through. */
interface Required {
  /** Literal characters in a row, with no quantifier, group, class, wildcard or escape between them. */
  runs: string[];
  /** Bodies of the groups that are neither optional nor lookarounds: one of their alternatives matched. */
  groups: string[];
}

const LOOKAROUND = /^\(\?(?:[=!]|<[=!])/;

/** Conservative: whatever is not a plain literal character ends the current run. */
function required(branch: string): Required {
  const out: Required = { runs: [], groups: [] };
  let run = '';
  const end = (): void => {
    if (run) out.runs.push(run);
    run = '';
  };
  for (let i = 0; i < branch.length; ) {
    const c = branch[i]!;
    let literal: string | undefined;
    let group: string | undefined;
    let next: number;
    if (c === '\\') {
      const e = branch[i + 1] ?? '';
      if (e !== '' && LITERAL_ESCAPE.test(e)) literal = e;
      next = skipEscape(branch, i);
    } else if (c === '(' || c === '[') {
      next = skipAtom(branch, i);
      const atom = branch.slice(i, next);
      if (c === '(' && !LOOKAROUND.test(atom)) group = atom.slice(/^\((?:\?:|\?<[^>]*>)?/.exec(atom)![0].length, -1);
    } else {
      if (!'.^$*+?{}'.includes(c)) literal = c;
      next = i + 1;
    }
    const quantifier = branch[next];
    if (quantifier === '*' || quantifier === '?' || quantifier === '{' || quantifier === '+') {
      // `a+` needs one `a` (and `(b)+` one `b`), but what follows need not come right after it.
      if (quantifier === '+') {
        if (literal !== undefined) run += literal;
        if (group !== undefined) out.groups.push(group);
      }
      end();
      next = quantifier === '{' ? branch.indexOf('}', next) + 1 || branch.length : next + 1;
      if (branch[next] === '?') next++;
    } else if (literal !== undefined) run += literal;
    else {
      if (group !== undefined) out.groups.push(group);
      end();
    }
    i = next;
  }
  end();
  return out;
}

const hasSurrogate = (s: string): boolean => /[\uD800-\uDFFF]/.test(s);

/** Literals one of which every match of the pattern `source` contains, or undefined. */
function literalsOf(source: string): string[] | undefined {
  const needles = new Set<string>();
  for (const branch of branches(source)) {
    const { runs, groups } = required(branch);
    const longest = runs.filter((r) => r.length >= MIN_NEEDLE && !hasSurrogate(r)).sort((a, b) => b.length - a.length)[0];
    // Without a run of its own, the branch may still pass through a group of alternatives that all have one: `\b(?:a|b)\b`.
    const fromGroup = longest === undefined ? groups.map(literalsOf).find((l) => l !== undefined) : undefined;
    const chosen = longest !== undefined ? [longest] : fromGroup;
    if (chosen === undefined) return undefined;
    for (const n of chosen) needles.add(n);
  }
  return [...needles];
}

/**
 * Literals at least one of which every match of `re` contains (per alternative, its longest
 * run, or the literals of a group it must pass through), or undefined when that cannot be
 * shown for every alternative.
 */
export function requiredLiterals(re: RegExp): string[] | undefined {
  if (re.flags.includes('i') || re.flags.includes('v')) return undefined;
  return literalsOf(re.source);
}

/** Whether the bytes (UTF-8, as read from disk) contain any of the literals. */
export function containsAny(bytes: Buffer, literals: readonly string[]): boolean {
  return literals.some((l) => bytes.includes(l));
}
