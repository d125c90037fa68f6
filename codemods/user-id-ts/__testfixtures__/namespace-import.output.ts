import * as settings from '../config/settings';

export function label(): string {
  // settings.USER_ID in a comment stays
  return `${settings.APP_NAME}:${settings.getUserId()}`;
}
