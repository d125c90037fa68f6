import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lintRules } from '../rules/index.js';
import { activateRules, judgedOnView, prefilterVerdict } from './lint-file.js';
import { oneByteView, viewSafe } from './one-byte-view.js';
import { scanBytes } from './scan.js';

const view = (text: string): string | undefined => oneByteView(Buffer.from(text, 'utf8'));

describe('oneByteView', () => {
  it('keeps ASCII, stands for other code units one for one, white space as white space', () => {
    expect(view('const a = 1;\n')).toBe('const a = 1;\n');
    expect(view('// café\u00a0x\u3000y')).toBe('// caf\x80\xa0x\xa0y');
    // A supplementary character is two UTF-16 code units: two view characters, offsets kept.
    const text = 'a😀b\u0800c\u07ffd';
    expect(view(text)).toBe('a\x80\x80b\x80c\x80d');
    expect(view(text)!.length).toBe(text.length);
  });

  it('drops a leading BOM as the prefilters do, and keeps one elsewhere as the white space it is', () => {
    expect(view('\uFEFFconst a = 1;')).toBe('const a = 1;');
    expect(view('a\uFEFFb')).toBe('a\xa0b');
  });

  it('cannot stand for a line separator', () => {
    expect(view('a\u2028b')).toBeUndefined();
    expect(view('a\u2029b')).toBeUndefined();
  });

  it('gives every BMP code unit a view character that `\\s`, trim and `.` see as they see it', () => {
    for (let c = 0x80; c < 0x10000; c++) {
      if (c >= 0xd800 && c <= 0xdfff) continue;
      const ch = String.fromCharCode(c);
      // After an ASCII character: a BOM at the start is no character of the text.
      const viewed = view(`a${ch}`);
      if (viewed === undefined) {
        expect([0x2028, 0x2029]).toContain(c);
        continue;
      }
      expect(viewed.length).toBe(2);
      const v = viewed[1]!;
      expect(v.charCodeAt(0)).toBeGreaterThanOrEqual(0x80);
      expect(/\s/.test(v)).toBe(/\s/.test(ch));
      expect(v.trim() === '').toBe(ch.trim() === '');
      expect(/./.test(v)).toBe(/./.test(ch));
    }
  });
});

describe('viewSafe', () => {
  it('accepts every rule prefilter pattern with its default options', () => {
    for (const r of lintRules) {
      const p = r.prefilter(r.defaultOptions);
      expect(viewSafe(p.text), `${r.id} text`).toBe(true);
      if (p.narrow) expect(viewSafe(p.narrow), `${r.id} narrow`).toBe(true);
    }
  });

  it.each([
    [/café/, 'a non-ASCII character'],
    [/caf\xe9/, 'an escape above ASCII'],
    [/caf\u00e9/, 'a unicode escape above ASCII'],
    [/[\x80-\xff]/, 'a range above ASCII'],
    [/\w+/u, 'unicode mode'],
    [/(a)\1/, 'a back-reference'],
    [new RegExp(String.raw`\251`), 'an octal escape'],
    [/USER_ID/g, 'a stateful flag'],
    [new RegExp(String.raw`\u{e9}`), 'a code point escape'],
  ])('refuses %s (%s)', (re) => {
    expect(viewSafe(re)).toBe(false);
  });

  it('accepts escapes that stay within ASCII or name a line separator', () => {
    expect(viewSafe(/\x41\u0042[\u2028\u2029]\0\n\\x80/)).toBe(true);
  });
});

describe('a non-ASCII file judged on its view', () => {
  const rules = activateRules(
    lintRules.map((r) => ({ id: r.id, severity: r.defaultSeverity, options: r.resolveOptions({}) })),
    lintRules.map((r) => r.id),
    'continuum',
  );
  const patterns = lintRules.flatMap((r) => {
    const p = r.prefilter(r.defaultOptions);
    return p.narrow ? [p.text, p.narrow] : [p.text];
  });
  // Pieces of code around the rules' literals, and non-ASCII text of each kind the view tells apart.
  const alphabet = [
    'setTimeout', 'setInterval', '(', ')', '{', '}', ';', 'while', 'do', 'await ', 'sleep', 'delay', 'class ', 'Manager', 'Database', 'new ', 'sqlite',
    "'", '"', '`', '/', '\\', 'x', 'personas', 'state.db', 'USER_ID', '.', '//', '/*', '*/', '*', '${', ' ', '\n', '\t', 'é', 'ü', '\u00a0', '\u3000', '\u2003',
    '\uFEFF', '😀', '\u0085', 'Ω', '\u2028',
  ];
  const texts = fc.array(fc.constantFrom(...alphabet), { maxLength: 16 }).map((parts) => parts.join(''));

  it('every rule pattern matches the view exactly when it matches the text', () => {
    fc.assert(
      fc.property(texts, (text) => {
        const v = view(text);
        if (v === undefined) return;
        for (const re of patterns) expect(re.test(v), String(re)).toBe(re.test(text.replace(/^\uFEFF/, '')));
      }),
      { numRuns: 3000 },
    );
  });

  it('gives the verdict of the decoded text, and a candidate its decoded text', () => {
    fc.assert(
      fc.property(texts, fc.constantFrom('src/a.ts', 'src/QueueManager.ts', 'app/a.py'), (body, file) => {
        const text = `é${body}`;
        expect(judgedOnView(file, rules)).toBe(true);
        const expected = prefilterVerdict(file, text.replace(/^\uFEFF/, ''), rules);
        const scanned = scanBytes(file, Buffer.from(text, 'utf8'), rules);
        if (expected === undefined) expect(scanned).toBeUndefined();
        else expect(scanned).toEqual({ job: { file, text, passing: expected } });
      }),
      { numRuns: 3000 },
    );
  });
});
