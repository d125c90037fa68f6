import * as settings from '../config/settings';
import { logger } from '../util/logger';

export function sessionKey(sessionId: string): string {
  logger.debug(`opening session ${sessionId}`);
  return `${settings.getUserId()}:${sessionId}`;
}

export const isOwner = (id: string): boolean => id === settings?.getUserId();

export function label(key: 'USER_ID' | 'APP_NAME'): string {
  // a computed key names no constant: untouched
  return String(settings[key]);
}
