import { USER_ID } from '../config/settings';

export function loadProfile(userId: string = USER_ID, verbose = false) {
  return { userId, verbose };
}

export const loadPrefs = (userId = USER_ID) => userId;
