// A constant named like the user id whose value is a key name, not a user id: a Vuex
// `mutation-types.ts` (`export const USER_ID = 'USER_ID'`), a Redux action type
// (`'user/USER_ID'`, `'SET_USER_ID'`), an event name, an i18n or storage key (`'userId'`). Code
// that imports it passes a name to `commit()`, `on()` or `localStorage`, never the user, so
// neither the codemods nor the lint touch it.
import { nameWords } from '../../parse/name-words.js';

/**
 * Whether `value`, the string a constant is defined as, is a key name for it: one token (no
 * spaces) holding the constant's own words in a row (`USER_ID` in `'USER_ID'`, `'user/USER_ID'`,
 * `'SET_USER_ID'`, `'userId'`). A user id (`'default_user'`, `'charlie'`) does not.
 */
export function isKeyName(constant: string, value: string): boolean {
  if (!/^[\w$@.:/-]+$/.test(value)) return false;
  const want = nameWords(constant);
  const have = nameWords(value);
  return want.length > 0 && have.some((_, i) => want.every((w, j) => have[i + j] === w));
}
