import path from 'node:path';

export const DATA_DIR = process.env.DATA_DIR ?? '/var/data';

/** The id of the user this process serves. */
export const USER_ID = process.env.USER_ID ?? 'default_user';

export const USER_DIR = path.join(DATA_DIR, USER_ID);

export function userFile(name: string): string {
  return path.join(DATA_DIR, USER_ID, name);
}
