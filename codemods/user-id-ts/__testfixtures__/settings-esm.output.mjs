export function getUserId() {
  return process.env.USER_ID ?? 'default_user';
}

/** @deprecated use getUserId() */
export const USER_ID = getUserId();
export const HOME = `/home/${getUserId()}`;
