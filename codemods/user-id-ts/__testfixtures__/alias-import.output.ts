import { getUserId, DATA_DIR } from '../config/settings';

export class Store {
  dir(): string {
    return `${DATA_DIR}/${getUserId()}`;
  }

  owner = getUserId();
}
