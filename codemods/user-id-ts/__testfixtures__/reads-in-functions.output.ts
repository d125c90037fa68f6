import { getUserId } from '../config/settings';

export function a() {
  return getUserId();
}

export const b = () => getUserId().length;

export const c = function () {
  return `user=${getUserId()}`;
};

export class Service {
  run(): string {
    const id = getUserId();
    return id;
  }

  get owner() {
    return getUserId();
  }
}

export const obj = {
  method() {
    return getUserId() === 'alice';
  },
};
