function getEnvVar(key: string, fallback: string): string {
  return process.env[key] ?? fallback;
}

export function getUserId(): string {
  return getEnvVar('USER_ID', 'default_user');
}

/** @deprecated use getUserId() */
export const USER_ID = getUserId();
