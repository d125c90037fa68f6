import { USER_ID } from '../config/settings';
import { db } from '../data/db';
import { log } from '../util/log';

export async function loadSessions(sessionId: string, owner: string = USER_ID) {
  if (!sessionId) {
    return null;
  }
  const rows = await db.query('SELECT * FROM sessions WHERE user_id = ? AND id = ?', [USER_ID, sessionId]);
  log(`loaded ${rows.length} sessions for ${USER_ID} (owner ${owner})`);
  return rows.map((row) => ({ ...row, mine: row.userId === USER_ID }));
}

export function* sessionKeys(prefixes: string[]) {
  for (const prefix of prefixes) {
    yield `${prefix}:${USER_ID}`;
  }
  yield `all:${USER_ID}`;
}

export function displayName(userId: string): string {
  return userId === USER_ID ? `you (${USER_ID})` : userId;
}

export function dataDir(): string {
  return `/data/${USER_ID}`;
}

export class SessionStore {
  private readonly owner = USER_ID;

  key(id: string): string {
    const scoped = this.owner === USER_ID ? id : `${this.owner}/${id}`;
    return `${USER_ID}:${scoped}`;
  }
}
