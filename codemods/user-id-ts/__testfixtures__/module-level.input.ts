import { DATA_DIR, USER_ID } from '../config/settings';

const STORAGE_DIR = `${DATA_DIR}/${USER_ID}`;
export const LOG_FILE = USER_ID + '.log';

export function storage() {
  return STORAGE_DIR;
}
