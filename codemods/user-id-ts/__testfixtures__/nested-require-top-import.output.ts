import { getUserId } from '../config/settings';

export function a() {
  return getUserId();
}

export function b() {
  const { getUserId } = require('../config/settings');
  return getUserId() + 1;
}
