const fromEnv = (key: string, fallback: string) => process.env[key] || fallback

export const USER_ID: string = fromEnv('USER_ID', 'default_user')
