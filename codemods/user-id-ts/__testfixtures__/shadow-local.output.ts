import { getUserId } from '../config/settings';

export function withLocal() {
  const USER_ID = 'local';
  return USER_ID;
}

export function withParam(USER_ID: string) {
  return USER_ID.toUpperCase();
}

export function withVar(flag: boolean) {
  if (flag) {
    var USER_ID = 'hoisted';
  }
  return USER_ID;
}

export function withCatch() {
  try {
    return 1;
  } catch (USER_ID) {
    return USER_ID;
  }
}

export const outer = () => {
  for (const USER_ID of ['a', 'b']) console.log(USER_ID);
  return getUserId();
};
