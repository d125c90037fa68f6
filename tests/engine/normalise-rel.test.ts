// normaliseRel answers an already-normal path without splitting it: on every short path over
// the characters that matter it must give what the full normalisation gives, or the same refusal.
import { describe, expect, it } from 'vitest';
import { normaliseRel, UnsafePathError } from '../../plan/paths.js';

/** The full normalisation, step by step, as the fast path must agree with it. */
function reference(p: string): string {
  if (p.includes('\0')) throw new UnsafePathError('nul');
  if (p.includes('\\')) throw new UnsafePathError('backslash');
  if (p.startsWith('/') || /^[A-Za-z]:/.test(p)) throw new UnsafePathError('absolute');
  const parts = p.split('/').filter((s) => s !== '' && s !== '.');
  if (parts.length === 0) throw new UnsafePathError('empty');
  if (parts.includes('..')) throw new UnsafePathError('escapes');
  return parts.join('/');
}

const outcome = (f: (p: string) => string, p: string): string => {
  try {
    return `ok ${f(p)}`;
  } catch (e) {
    if (!(e instanceof UnsafePathError)) throw e;
    return 'refused';
  }
};

describe('normaliseRel', () => {
  it('agrees with the full normalisation on every path of up to 5 characters from a/./:/C/\\/NUL/é', () => {
    const alphabet = ['a', '.', '/', ':', 'C', '\\', '\0', 'é'];
    const disagreements: string[] = [];
    let tried = 0;
    const visit = (p: string): void => {
      tried++;
      if (outcome(normaliseRel, p) !== outcome(reference, p)) disagreements.push(JSON.stringify(p));
      if (p.length < 5) for (const c of alphabet) visit(p + c);
    };
    visit('');
    expect(tried).toBeGreaterThan(37_000);
    expect(disagreements).toEqual([]);
  });

  it('keeps a normal path as it is and refuses what leaves the root', () => {
    expect(normaliseRel('.continuum/users/ai-0000/data/longterm.db')).toBe('.continuum/users/ai-0000/data/longterm.db');
    expect(normaliseRel('a/./b//c/')).toBe('a/b/c');
    expect(() => normaliseRel('a/../../etc')).toThrow(UnsafePathError);
    expect(() => normaliseRel('C:/x')).toThrow(UnsafePathError);
  });
});
