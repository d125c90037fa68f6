// Builds the storage path for the current user.
import path from 'node:path';
import { DATA_DIR, getUserId } from '../config/settings';

export function userDir(): string {
  return path.join(DATA_DIR, getUserId());
}
