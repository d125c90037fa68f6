import { USER_ID } from '../config/settings';

export function f(USER_ID: string) {
  return USER_ID;
}

export function g() {
  const { USER_ID } = process.env;
  return USER_ID;
}
