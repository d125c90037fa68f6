import { getUserId } from '../config/settings';

export function context() {
  return { USER_ID: getUserId(), mode: 'live' };
}
