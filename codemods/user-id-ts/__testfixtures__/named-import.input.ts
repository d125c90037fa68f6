// Builds the storage path for the current user.
import path from 'node:path';
import { DATA_DIR, USER_ID } from '../config/settings';

export function userDir(): string {
  return path.join(DATA_DIR, USER_ID);
}
