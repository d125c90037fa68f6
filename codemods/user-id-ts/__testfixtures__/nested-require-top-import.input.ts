import { USER_ID } from '../config/settings';

export function a() {
  return USER_ID;
}

export function b() {
  const { USER_ID } = require('../config/settings');
  return USER_ID + 1;
}
