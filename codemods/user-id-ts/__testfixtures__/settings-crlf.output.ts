export function getUserId(): string {
  return process.env.USER_ID ?? 'x';
}

/** @deprecated use getUserId() */
export const USER_ID = getUserId();
