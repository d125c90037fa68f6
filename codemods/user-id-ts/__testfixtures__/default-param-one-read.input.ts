import { USER_ID } from '../config/settings';
import { log } from '../util/log';

// A default parameter is evaluated on every call that omits it, before the body runs: it stays
// in the signature, and the body's own reads share one local.
export function audit(action: string, actor: string = USER_ID): string {
  const acting = actor === USER_ID ? 'self' : `for ${USER_ID}`;
  log(`${actor} ${action} (${acting})`);
  return acting;
}

export function scheduler(delayMs = 1000, owner = USER_ID) {
  const queue: string[] = [USER_ID];
  // The inner default runs when the job runs, not when scheduler() does.
  function job(user = USER_ID) {
    return `${user}@${delayMs}`;
  }
  return { queue, owner, job, label: `${USER_ID}'s jobs` };
}

export const tag = (name: string, user = USER_ID) => `${name}:${user}:${USER_ID}`;
