import { USER_ID } from '../config/settings';

export function a() {
  return USER_ID;
}

export const b = () => USER_ID.length;

export const c = function () {
  return `user=${USER_ID}`;
};

export class Service {
  run(): string {
    const id = USER_ID;
    return id;
  }

  get owner() {
    return USER_ID;
  }
}

export const obj = {
  method() {
    return USER_ID === 'alice';
  },
};
