import { readEnv } from './env';

export function getUserId() {
  return readEnv('USER_ID');
}

/** @deprecated use getUserId() */
export const USER_ID = getUserId();
