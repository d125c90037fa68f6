// USER_ID is documented here, and getUserId() too.
import { getUserId } from '../config/settings';
/* USER_ID */
export const KEY = 'USER_ID';
export const env = process.env.USER_ID;
export const obj = { USER_ID: 1 };
export const tpl = `USER_ID`;
export function read(o: { USER_ID: string }) {
  return o.USER_ID + getUserId(); // USER_ID
}
