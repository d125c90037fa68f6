import { USER_ID } from '../config/settings';

export function factory() {
  class Local {
    static owner = USER_ID;
  }
  return Local;
}

export const Named = class USER_ID {
  who() {
    return USER_ID;
  }
};

export namespace Inner {
  const USER_ID = 'inner';
  export const who = () => USER_ID;
}

export function pick(kind: number) {
  switch (kind) {
    case 1: {
      return USER_ID;
    }
    case 2:
      let USER_ID = 'two';
      return USER_ID;
  }
  return null;
}

export function late() {
  return helper();
  function helper() {
    return USER_ID;
  }
}

export function hoisted() {
  return USER_ID();
  function USER_ID() {
    return 'fn';
  }
}
