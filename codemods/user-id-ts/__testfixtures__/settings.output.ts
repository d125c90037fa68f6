import path from 'node:path';

export const DATA_DIR = process.env.DATA_DIR ?? '/var/data';

/** The id of the user this process serves. */
export function getUserId(): string {
  return process.env.USER_ID ?? 'default_user';
}

/** @deprecated use getUserId() */
export const USER_ID = getUserId();

export const USER_DIR = path.join(DATA_DIR, getUserId());

export function userFile(name: string): string {
  return path.join(DATA_DIR, getUserId(), name);
}
