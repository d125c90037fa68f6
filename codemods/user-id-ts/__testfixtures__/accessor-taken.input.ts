import { USER_ID } from '../config/settings';
import { getUserId } from './legacy-auth';

export function both() {
  return [USER_ID, getUserId()];
}
