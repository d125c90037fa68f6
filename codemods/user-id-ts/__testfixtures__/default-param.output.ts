import { getUserId } from '../config/settings';

export function loadProfile(userId: string = getUserId(), verbose = false) {
  return { userId, verbose };
}

export const loadPrefs = (userId = getUserId()) => userId;
