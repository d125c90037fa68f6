import { DATA_DIR, getUserId } from '../config/settings';

const STORAGE_DIR = `${DATA_DIR}/${getUserId()}`;
export const LOG_FILE = getUserId() + '.log';

export function storage() {
  return STORAGE_DIR;
}
