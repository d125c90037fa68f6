function getEnvVar(key: string, fallback: string): string {
  return process.env[key] ?? fallback;
}

export const USER_ID = getEnvVar('USER_ID', 'default_user');
