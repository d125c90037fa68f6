import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { runLint } from '../run.js';
import { lintRules } from '../rules/index.js';
import { containsAny, requiredLiterals } from './byte-prefilter.js';

describe('requiredLiterals', () => {
  it.each([
    [/\bUSER_ID\b/, ['USER_ID']],
    [/\bset(?:Timeout|Interval)\b/, ['set']],
    [/\bDatabase|sqlite/, ['Database', 'sqlite']],
    [/personas|state\.db|env\.userid/, ['personas', 'state.db', 'env.userid']],
    [/\.continuum\/personas/, ['.continuum/personas']],
    [/class\s+\w*Manager\b/, ['Manager']],
    [/ab+cdef/, ['cdef']],
    [/\w+Manager?/, ['Manage']],
    [/abcd?ef/, ['abc']],
    [/abcx{2,3}defg/, ['defg']],
    [/(?:foo|bar)bazz/, ['bazz']],
    [/\b(?:set(?:Timeout|Interval)|sleep|delay)\b|\bwhile\s*\(/, ['set', 'sleep', 'delay', 'while']],
    [/(?<name>abc|defg)+x/, ['abc', 'defg']],
    [/[A-Z]ummary/, ['ummary']],
  ])('%s -> %j', (re, literals) => {
    expect(requiredLiterals(re)).toEqual(literals);
  });

  it.each([
    [/user_id/i, 'case-insensitive'],
    [/ab|USER_ID/, 'a branch with no literal of 3 characters'],
    [/\w+abx?cd/, 'no run of 3 once the optional x is dropped'],
    [/(?:USER_ID)?x/, 'the literal is inside an optional group'],
    [/(?=USER_ID)\w+/, 'the literal is inside a lookahead'],
    [/(?:USER_ID|id)/, 'a group alternative without a literal of 3'],
  ])('%s -> none (%s)', (re) => {
    expect(requiredLiterals(re)).toBeUndefined();
  });

  it('never reads the operands of an escape as literals', () => {
    expect(requiredLiterals(/\u0041BCD/)).toEqual(['BCD']);
    expect(requiredLiterals(/\x41BCD/)).toEqual(['BCD']);
    expect(requiredLiterals(/(?<n>xyz)\k<n>abc/)).toEqual(['abc']);
    expect(requiredLiterals(/(a)\1bcd/)).toEqual(['bcd']);
  });

  // The stage is only sound if every string a pattern matches holds one of its literals.
  const patterns = [
    ...lintRules.map((r) => r.prefilter(r.defaultOptions).text),
    /\bnew[\s(]*Database\b|sqlite/,
    /abcd?ef|x+yzw|\.state\.db\b/,
    /\b(?:set(?:Timeout|Interval)|sleep|de(?:lay)?)\b|\bwhile\s*\(.*\)\s*(?:\{\s*\}|;)/,
  ];
  const alphabet = ['sleep', 'while', 'while (', ')', ';', '{', '}', 'de', 'lay', 'set', 'USER_ID', 'Manager', 'Database', 'sqlite', 'setTimeout', 'setInterval', 'personas', 'state', '.db', 'env', '.userid', 'new', '(', ' ', '\n', '_', 'a', 'é', 'x', 'yz', 'w', 'abc', 'ef', 'd', '.', '/', '.continuum'];
  it.each(patterns.map((p) => [p]))('every match of %s contains one of its literals', (re) => {
    const literals = requiredLiterals(re);
    // A pattern without provable literals has no byte-level stage: nothing to check.
    if (literals === undefined) return;
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...alphabet), { maxLength: 12 }), (parts) => {
        const text = parts.join('');
        if (re.test(text)) expect(containsAny(Buffer.from(text, 'utf8'), literals!)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('containsAny', () => {
  it('searches the UTF-8 bytes, BOM and non-ASCII text included', () => {
    const bytes = Buffer.from('\uFEFF// café\nconst x = USER_ID;\n', 'utf8');
    expect(containsAny(bytes, ['USER_ID'])).toBe(true);
    expect(containsAny(bytes, ['café'])).toBe(true);
    expect(containsAny(bytes, ['Manager', 'sqlite'])).toBe(false);
  });
});

describe('the byte-level stage in runLint', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  it('lints what the text prefilters would, and still reports files that are not text', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mu-byte-stage-'));
    dirs.push(dir);
    const write = (rel: string, bytes: Buffer | string): void => {
      fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      fs.writeFileSync(path.join(dir, rel), bytes);
    };
    write('src/plain.ts', 'export const nothing = 1;\n');
    write('src/reader.ts', "\uFEFFimport { USER_ID } from './config/settings';\nexport const who = () => USER_ID; // café\n");
    write('src/TaskManager.ts', 'export const tasks = [];\n');
    write('src/blob.js', Buffer.from([0x55, 0x53, 0x45, 0x52, 0x00, 0x01]));
    write('src/latin1.py', Buffer.from('x = "caf\xe9"\n', 'latin1'));
    write('src/latin1-reader.ts', Buffer.from("import { USER_ID } from './config/settings';\nconst s = 'caf\xe9' + USER_ID;\n", 'latin1'));
    const r = await runLint({ root: dir, config: { lint: { rules: { 'static-user-id': 'error', 'manager-class': 'warn' } } } });
    expect(r.findings.map((f) => `${f.file}:${f.line} ${f.ruleId}`)).toEqual(['src/reader.ts:1 static-user-id']);
    expect(r.parseErrors.map((p) => `${p.file}: ${p.message}`)).toEqual([
      'src/blob.js: binary file, cannot lint it',
      'src/latin1-reader.ts: not valid UTF-8, cannot lint it',
      'src/latin1.py: not valid UTF-8, cannot lint it',
    ]);
    // src/TaskManager.ts holds no literal of any rule: its path alone makes it the second candidate.
    expect(r.stats).toMatchObject({ files: 6, candidates: 2 });
  });
});
