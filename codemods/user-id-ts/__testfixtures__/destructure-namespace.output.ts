import * as settings from '../config/settings';

const ownerId = settings.getUserId();
const { DATA_DIR } = settings;

export function memoryPath(): string {
  const USER_ID = settings.getUserId();
  return `${DATA_DIR}/${USER_ID}/memory.db`;
}

export function describeApp(): string {
  const uid = settings.getUserId();
  const { APP_NAME } = settings;
  return `${APP_NAME} (${uid})`;
}

export function withFallback(): string {
  const { USER_ID = 'guest' } = settings;
  return USER_ID;
}

export const owner = ownerId;
