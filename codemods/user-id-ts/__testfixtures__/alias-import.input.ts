import { USER_ID as SETTINGS_USER_ID, DATA_DIR } from '../config/settings';

export class Store {
  dir(): string {
    return `${DATA_DIR}/${SETTINGS_USER_ID}`;
  }

  owner = SETTINGS_USER_ID;
}
