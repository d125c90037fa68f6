import { getUserId } from '../config/settings';
import { log } from '../util/log';

// A default parameter is evaluated on every call that omits it, before the body runs: it stays
// in the signature, and the body's own reads share one local.
export function audit(action: string, actor: string = getUserId()): string {
  const userId = getUserId();
  const acting = actor === userId ? 'self' : `for ${userId}`;
  log(`${actor} ${action} (${acting})`);
  return acting;
}

export function scheduler(delayMs = 1000, owner = getUserId()) {
  const userId = getUserId();
  const queue: string[] = [userId];
  // The inner default runs when the job runs, not when scheduler() does.
  function job(user = getUserId()) {
    return `${user}@${delayMs}`;
  }
  return { queue, owner, job, label: `${userId}'s jobs` };
}

export const tag = (name: string, user = getUserId()) => `${name}:${user}:${getUserId()}`;
