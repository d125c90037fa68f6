import { describe, expect, it } from 'vitest';
import { applySplices } from '../../plan/text.js';
import { envValue, parseEnv, setEnvValue } from './env-file.js';

const set = (text: string, value: string): string => applySplices(text, setEnvValue(text, 'USER_ID', value));

describe('env files', () => {
  it.each([
    ['USER_ID="charlie"\n', 'charlie'],
    ["USER_ID='charlie'\n", 'charlie'],
    ['USER_ID=charlie\n', 'charlie'],
    ['export USER_ID=charlie\n', 'charlie'],
    ['  export   USER_ID = "charlie"  # who\n', 'charlie'],
    ['# USER_ID=nobody\nUSER_ID=charlie # the user\n', 'charlie'],
    ['USER_ID="charlie"\r\nOTHER=1\r\n', 'charlie'],
    ['\uFEFFUSER_ID=charlie', 'charlie'],
    ['USER_ID=first\nUSER_ID=last\n', 'last'],
    ['USER_ID="with \\"quote\\""\n', 'with "quote"'],
  ])('reads %j', (text, value) => {
    expect(envValue(text, 'USER_ID')).toBe(value);
  });

  it('finds no value in comments, other keys or an unterminated quote', () => {
    expect(envValue('# USER_ID=x\nUSER_IDS=y\nMY_USER_ID=z\n', 'USER_ID')).toBeUndefined();
    expect(envValue('USER_ID="open\n', 'USER_ID')).toBeUndefined();
  });

  it.each([
    ['USER_ID=alice\n', 'USER_ID=charlie\n'],
    ['USER_ID="alice"\n', 'USER_ID="charlie"\n'],
    ["USER_ID='alice'   # synced\n", "USER_ID='charlie'   # synced\n"],
    ['export USER_ID="alice"\r\nAPI_KEY=secret\r\n', 'export USER_ID="charlie"\r\nAPI_KEY=secret\r\n'],
    ['A=1\nUSER_ID = alice # note\nB=2', 'A=1\nUSER_ID = charlie # note\nB=2'],
    ['\uFEFFUSER_ID=alice\n', '\uFEFFUSER_ID=charlie\n'],
  ])('sets only the value in %j, keeping quoting and everything else', (before, after) => {
    expect(set(before, 'charlie')).toBe(after);
  });

  it('quotes a value the file style cannot carry', () => {
    expect(set('USER_ID=alice\n', 'mary ann')).toBe('USER_ID="mary ann"\n');
    expect(set("USER_ID='alice'\n", "o'neil")).toBe('USER_ID="o\'neil"\n');
    expect(envValue(set('USER_ID=alice\n', 'a"b\\c'), 'USER_ID')).toBe('a"b\\c');
  });

  it('changes nothing when the value already agrees', () => {
    expect(setEnvValue('USER_ID=charlie\nUSER_ID="charlie"\n', 'USER_ID', 'charlie')).toEqual([]);
  });

  it('reports line numbers', () => {
    expect(parseEnv('# c\n\nA=1\r\nB="2"\n').map((a) => [a.key, a.line, a.quote])).toEqual([
      ['A', 3, ''],
      ['B', 4, '"'],
    ]);
  });
});
