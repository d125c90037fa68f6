import { getUserId } from '../config/settings';
import { db } from '../data/db';
import { log } from '../util/log';

export async function loadSessions(sessionId: string, owner: string = getUserId()) {
  if (!sessionId) {
    return null;
  }
  const userId = getUserId();
  const rows = await db.query('SELECT * FROM sessions WHERE user_id = ? AND id = ?', [userId, sessionId]);
  log(`loaded ${rows.length} sessions for ${userId} (owner ${owner})`);
  return rows.map((row) => ({ ...row, mine: row.userId === getUserId() }));
}

export function* sessionKeys(prefixes: string[]) {
  const userId = getUserId();
  for (const prefix of prefixes) {
    yield `${prefix}:${userId}`;
  }
  yield `all:${userId}`;
}

export function displayName(userId: string): string {
  const currentUserId = getUserId();
  return userId === currentUserId ? `you (${currentUserId})` : userId;
}

export function dataDir(): string {
  return `/data/${getUserId()}`;
}

export class SessionStore {
  private readonly owner = getUserId();

  key(id: string): string {
    const userId = getUserId();
    const scoped = this.owner === userId ? id : `${this.owner}/${id}`;
    return `${userId}:${scoped}`;
  }
}
