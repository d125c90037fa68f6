import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lintRules } from '../rules/index.js';
import { withoutCommentLines } from './comment-lines.js';
import { activateRules, isCandidate } from './lint-file.js';

const lines = (text: string): string[] => withoutCommentLines(text).split('\n');

describe('withoutCommentLines', () => {
  it('leaves out line comments, one-line block comments and JSDoc blocks, keeping the line count', () => {
    const text = ['// setTimeout(poll, 1000)', '/* setInterval(tick) */', '/**', ' * ```ts', ' * setTimeout(() => poll(), 10)', ' * ```', ' */', 'export const a = 1;'].join('\n');
    expect(lines(text)).toEqual(['', '', '', '', '', '', '', 'export const a = 1;']);
  });

  it('keeps every line that could hold code: `${}` substitutions in template text, code after a comment closes', () => {
    const keep = [
      'const header = `\n// user: ${USER_ID}\n`;',
      'const doc = `\n/* a ${setTimeout(poll, 1);}\n`',
      '/* a */ setTimeout(poll, 1);',
      '/*\n * a\n */ setTimeout(poll, 1);',
    ];
    for (const text of keep) expect(withoutCommentLines(text)).toContain(text.includes('USER_ID') ? '${USER_ID}' : 'setTimeout(poll, 1);');
  });

  it('a block line that does not start with * ends what it knows of the block', () => {
    expect(lines('/*\n  notes\n * x = a\n */')).toEqual(['', '  notes', ' * x = a', ' */']);
  });

  it('multiplication on a continued line after real code is code', () => {
    expect(lines('const x = a\n  * setTimeout(f, 1);')).toEqual(['const x = a', '  * setTimeout(f, 1);']);
  });

  it('returns text without comments as it is', () => {
    const text = 'const a = 1;\r\nsetTimeout(f, 2);\r\n';
    expect(withoutCommentLines(text)).toBe(text);
  });
});

/** The rules of the file header, line by line on trimmed copies: the oracle for the scan that copies nothing. */
function byTrimmedLines(text: string): string {
  if (!text.includes('//') && !text.includes('/*')) return text;
  let inBlock = false;
  return text
    .split('\n')
    .map((line) => {
      const body = line.trim();
      const mayHoldCode = line.includes('${');
      const closesAtEnd = (from: number): boolean => body.indexOf('*/', from) !== -1 && body.indexOf('*/', from) === body.length - 2;
      let comment = false;
      if (body.startsWith('//')) comment = !mayHoldCode;
      else if (inBlock && body.startsWith('*')) {
        comment = !mayHoldCode && (closesAtEnd(0) || !body.includes('*/'));
        inBlock = !body.includes('*/');
      } else if (body.startsWith('/*')) {
        comment = !mayHoldCode && (closesAtEnd(2) || !body.includes('*/', 2));
        inBlock = !body.includes('*/', 2);
      } else inBlock = false;
      return comment ? '' : line;
    })
    .join('\n');
}

describe('withoutCommentLines on any text', () => {
  // Lines built from what decides their kind: indentation, how they start, what they hold, how they end.
  const line = fc
    .tuple(
      fc.constantFrom('', ' ', '\t', '  ', '\u00a0', '\u3000', '\v'),
      fc.constantFrom('', '//', '/*', '/**', '*', '*/', ' * ', 'x = a', '`', '${a}'),
      fc.array(fc.constantFrom('x', ' ', '*', '/', '*/', '/*', '//', '${', '$', '{', '}', '\u2028', 'setTimeout(f, 1);'), { maxLength: 4 }),
      fc.constantFrom('', ' ', '\r', '*/', ' */', '\u00a0'),
    )
    .map(([indent, start, body, end]) => indent + start + body.join('') + end);
  it('leaves out exactly the lines the line-by-line rules do', () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 12 }), (lines) => {
        const text = lines.join('\n');
        expect(withoutCommentLines(text)).toBe(byTrimmedLines(text));
      }),
      { numRuns: 20000 },
    );
  });
});

describe('rules whose findings are in code skip files that name them in comments only', () => {
  const rules = activateRules(
    lintRules.map((r) => ({ id: r.id, severity: r.defaultSeverity, options: r.resolveOptions({}) })),
    lintRules.map((r) => r.id),
    'continuum',
  );
  const documented = '/**\n * Polls with setTimeout(() => this.poll(), 1000) and new Database(path); see QueueManager.\n * class QueueManager {}\n */\nexport const x = 1;\n';

  it('documentation only: not a candidate', () => {
    expect(isCandidate('src/a.ts', documented, rules)).toBe(false);
  });

  it('the same words in a template literal still count for legacy-user-path, which reports template text', () => {
    // A line of the template that looks like a comment: the rule reports this path.
    expect(isCandidate('src/a.ts', 'const script = `\n//.continuum/personas/${id}\n`;\n', rules)).toBe(true);
  });

  it('in Python, where // is an operator, nothing is left out', () => {
    expect(isCandidate('app/a.py', 'x = (a\n// sqlite3.connect(p))\n', rules)).toBe(true);
  });
});
