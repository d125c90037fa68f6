// An exclusive lock on the state dir. A lock whose owner is verifiably gone (same host, pid
// not alive) is taken over with a notice; any other lock is only broken by --force-unlock.
import fs from 'node:fs';
import os from 'node:os';
import { SafetyError } from './errors.js';
import type { StateDir } from './state-dir.js';

export interface LockOwner {
  pid: number;
  host: string;
  command: string;
  startedAt: string;
}

function readOwner(file: string): LockOwner | null {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as LockOwner;
  } catch {
    return null;
  }
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function describeOwner(o: LockOwner): string {
  return `pid ${o.pid} on ${o.host}, running \`${o.command}\` since ${o.startedAt}`;
}

export function ownerIsGone(o: LockOwner): boolean {
  return o.host === os.hostname() && !pidAlive(o.pid);
}

export function currentLockOwner(state: StateDir): LockOwner | null {
  return fs.existsSync(state.lockFile) ? readOwner(state.lockFile) : null;
}

export class Lock {
  private constructor(private readonly file: string) {}

  static acquire(state: StateDir, command: string, notice: (msg: string) => void): Lock {
    state.ensure();
    const me: LockOwner = { pid: process.pid, host: os.hostname(), command, startedAt: new Date().toISOString() };
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const fd = fs.openSync(state.lockFile, 'wx', 0o600);
        fs.writeSync(fd, JSON.stringify(me));
        fs.fsyncSync(fd);
        fs.closeSync(fd);
        return new Lock(state.lockFile);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
      const owner = readOwner(state.lockFile);
      if (owner && !ownerIsGone(owner)) {
        throw new SafetyError(
          `another migrate-users is working on this tree (${describeOwner(owner)}); wait for it, or if you are sure it is gone run \`migrate-users unlock --force-unlock\``,
        );
      }
      notice(owner ? `taking over a stale lock: ${describeOwner(owner)} is no longer running` : 'taking over an unreadable lock file');
      fs.rmSync(state.lockFile, { force: true });
    }
    throw new SafetyError('could not take the lock; retry');
  }

  release(): void {
    fs.rmSync(this.file, { force: true });
  }
}

/** Clears a lock whatever its owner, after saying whose it was. */
export function forceUnlock(state: StateDir): LockOwner | null {
  const owner = currentLockOwner(state);
  fs.rmSync(state.lockFile, { force: true });
  return owner;
}
