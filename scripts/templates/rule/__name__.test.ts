import { describe, expect, it } from 'vitest';
import { caseMismatches, prefilterMisses, type RuleCase } from '../../tests/helpers/rule-tester.js';

const valid: RuleCase[] = [
  { name: 'another function', code: 'allowedCall();\n' },
  { name: 'the name in a string and a comment', code: '// forbiddenCall()\nconst s = "forbiddenCall()";\n' },
  { name: 'a method of the same name', code: 'api.forbiddenCall();\n' },
];

const invalid: RuleCase[] = [
  { name: 'a call', code: 'export function f() {\n  forbiddenCall();\n}\n', errors: [{ line: 2, column: 3, message: 'forbiddenCall()' }] },
  { name: 'a renamed callee', code: 'legacyCall(1);\n', options: { callee: 'legacyCall' }, errors: [{ line: 1, column: 1 }] },
];

describe('__name__', () => {
  it.each(valid)('valid: $name', async (c) => expect(await caseMismatches('__name__', c)).toEqual([]));
  it.each(invalid)('invalid: $name', async (c) => expect(await caseMismatches('__name__', c)).toEqual([]));
  it.each(invalid)('the prefilters let its file through: $name', (c) => expect(prefilterMisses('__name__', c)).toEqual([]));
});
