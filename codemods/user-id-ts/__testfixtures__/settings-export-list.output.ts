function getUserId(): string {
  return process.env.USER_ID || 'anonymous';
}

/** @deprecated use getUserId() */
const USER_ID = getUserId();
const APP = 'demo';

export { APP, USER_ID, getUserId };
