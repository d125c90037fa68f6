import { USER_ID, getUserId } from '../config/settings';

export type UserId = typeof USER_ID;

export function current(): UserId {
  return getUserId();
}
