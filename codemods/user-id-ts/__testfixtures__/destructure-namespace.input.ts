import * as settings from '../config/settings';

const { USER_ID: ownerId, DATA_DIR } = settings;

export function memoryPath(): string {
  const { USER_ID } = settings;
  return `${DATA_DIR}/${USER_ID}/memory.db`;
}

export function describeApp(): string {
  const { APP_NAME, USER_ID: uid } = settings;
  return `${APP_NAME} (${uid})`;
}

export function withFallback(): string {
  const { USER_ID = 'guest' } = settings;
  return USER_ID;
}

export const owner = ownerId;
