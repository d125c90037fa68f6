import * as settings from '../config/settings';
import { logger } from '../util/logger';

export function sessionKey(sessionId: string): string {
  logger.debug(`opening session ${sessionId}`);
  return `${settings['USER_ID']}:${sessionId}`;
}

export const isOwner = (id: string): boolean => id === settings?.["USER_ID"];

export function label(key: 'USER_ID' | 'APP_NAME'): string {
  // a computed key names no constant: untouched
  return String(settings[key]);
}
