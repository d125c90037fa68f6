import { USER_ID } from '../config/settings';

export type UserId = typeof USER_ID;

export function current(): UserId {
  return USER_ID;
}
