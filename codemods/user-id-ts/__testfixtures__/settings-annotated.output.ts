const fromEnv = (key: string, fallback: string) => process.env[key] || fallback

export function getUserId(): string {
  return fromEnv('USER_ID', 'default_user')
}

/** @deprecated use getUserId() */
export const USER_ID: string = getUserId()
