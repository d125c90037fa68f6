import { USER_ID } from '../config/settings';

export function broken( {
  return USER_ID;
}
