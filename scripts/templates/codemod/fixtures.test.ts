// Fixture pairs: every `__testfixtures__/<case>.input.<ext>` becomes `<case>.output.<ext>`
// (no output file: the case stays unchanged). Adding a case needs no code change here.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixturePairs } from '../../tests/helpers/fixture-pairs.js';
import { applySplices } from '../../plan/text.js';
import { transform__Pascal__ } from './transform.js';

const cases = fixturePairs(path.join(import.meta.dirname, '__testfixtures__'));

describe('__name__ fixtures', () => {
  it('has fixtures', () => expect(cases.length).toBeGreaterThan(0));
  it.each(cases)('$name', (c) => {
    const splices = transform__Pascal__(`src/${c.name}${c.ext}`, c.input, { from: 'oldName', to: 'newName' });
    expect(applySplices(c.input, splices)).toBe(c.expected);
  });
});
