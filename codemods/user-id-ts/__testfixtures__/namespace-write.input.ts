import * as settings from '../config/settings';

export function impersonate(id: string) {
  (settings as { USER_ID: string }).USER_ID = id;
  settings.USER_ID = id;
}
