import { USER_ID } from '../config/settings';

export function context() {
  return { USER_ID, mode: 'live' };
}
