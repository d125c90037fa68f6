// A constant named like the user id whose value is a key name, not a user id: a Vuex
// `mutation-types.ts` (`export const USER_ID = 'USER_ID'`), a Redux action type
// (`'user/USER_ID'`, `'SET_USER_ID'`), an event name, an i18n or storage key (`'userId'`). Code
// that imports it passes a name to `commit()`, `on()` or `localStorage`, never the user, so
// neither the codemods nor the lint touch it.

/** The words of a name or a key: split at anything but letters and digits and at camelCase humps, lowercased. */
function words(text: string): string[] {
  return text.split(/[^A-Za-z0-9]+|(?<=[a-z0-9])(?=[A-Z])/).filter((w) => w !== '').map((w) => w.toLowerCase());
}

/**
 * Whether `value`, the string a constant is defined as, is a key name for it: one token (no
 * spaces) holding the constant's own words in a row (`USER_ID` in `'USER_ID'`, `'user/USER_ID'`,
 * `'SET_USER_ID'`, `'userId'`). A user id (`'default_user'`, `'charlie'`) does not.
 */
export function isKeyName(constant: string, value: string): boolean {
  if (!/^[\w$@.:/-]+$/.test(value)) return false;
  const want = words(constant);
  const have = words(value);
  return want.length > 0 && have.some((_, i) => want.every((w, j) => have[i + j] === w));
}
