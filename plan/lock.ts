// An exclusive lock on the state dir. A lock whose owner is verifiably gone (same host, pid
// not alive) is taken over with a notice; any other lock is only broken by --force-unlock.
//
// The lock file appears whole or not at all: its content is written to a temp file first and
// then link(2)ed to the lock name, which fails if a lock exists. A dead owner's lock is removed
// only by the one run that wins link(2) of it to a name derived from its content, so two runs
// taking over the same stale lock cannot remove each other's fresh one.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SafetyError } from './errors.js';
import { sha256 } from './fingerprint.js';
import type { StateDir } from './state-dir.js';

export interface LockOwner {
  pid: number;
  host: string;
  command: string;
  startedAt: string;
}

function readText(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

function parseOwner(text: string): LockOwner | null {
  try {
    const o = JSON.parse(text) as LockOwner;
    return typeof o.pid === 'number' && typeof o.host === 'string' ? o : null;
  } catch {
    return null;
  }
}

/** Whether a process of this host with this id exists (EPERM: it does, owned by someone else). */
export function pidAlive(pid: number): boolean {
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
  const text = readText(state.lockFile);
  return text === null ? null : parseOwner(text);
}

/** Removes the lock file if it still holds `text`; true when this run removed it. */
function removeIfStill(lockFile: string, text: string): boolean {
  const marker = `${lockFile}.taking-over-${sha256(text).slice(0, 16)}`;
  try {
    fs.linkSync(lockFile, marker);
  } catch {
    return false; // gone already, or another run is removing this same stale lock
  }
  try {
    // The marker names whatever the lock was at link time: remove the lock only if that was
    // still the stale one (only the run holding the marker does, so nobody removes it twice).
    if (readText(marker) !== text) return false;
    fs.unlinkSync(lockFile);
    return true;
  } finally {
    fs.rmSync(marker, { force: true });
  }
}

const ATTEMPTS = 20;

export class Lock {
  private constructor(
    private readonly file: string,
    private readonly text: string,
  ) {}

  /** `command` is what the user runs, e.g. `apply 20261121-231502-3f9a2c`. */
  static acquire(state: StateDir, command: string, notice: (msg: string) => void): Lock {
    state.ensure();
    const me: LockOwner = { pid: process.pid, host: os.hostname(), command, startedAt: new Date().toISOString() };
    const text = JSON.stringify(me);
    const tmp = path.join(state.dir, `.lock-${process.pid}-${crypto.randomBytes(4).toString('hex')}`);
    fs.writeFileSync(tmp, text, { mode: 0o600, flag: 'wx' });
    try {
      for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
        try {
          fs.linkSync(tmp, state.lockFile);
          return new Lock(state.lockFile, text);
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
        }
        const held = readText(state.lockFile);
        if (held === null) continue; // released meanwhile: try again
        const owner = parseOwner(held);
        if (owner && !ownerIsGone(owner)) {
          throw new SafetyError(
            `another migrate-users is working on this tree (${describeOwner(owner)}); wait for it, or if you are sure it is gone run \`migrate-users ${command} --force-unlock\``,
          );
        }
        if (removeIfStill(state.lockFile, held)) {
          notice(owner ? `taking over a stale lock: ${describeOwner(owner)} is no longer running` : 'taking over an unreadable lock file');
        }
      }
      throw new SafetyError(`could not take the lock ${state.lockFile} (other runs keep taking it); retry, or run \`migrate-users ${command} --force-unlock\``);
    } finally {
      fs.rmSync(tmp, { force: true });
    }
  }

  /** Removes the lock only if it is still this run's (a --force-unlock may have cleared it). */
  release(): void {
    if (readText(this.file) === this.text) fs.rmSync(this.file, { force: true });
  }
}

/** Clears a lock whatever its owner, after saying whose it was. */
export function forceUnlock(state: StateDir): LockOwner | null {
  const owner = currentLockOwner(state);
  fs.rmSync(state.lockFile, { force: true });
  // A run killed half way through a takeover leaves its marker, which would stall later takeovers.
  for (const name of fs.existsSync(state.dir) ? fs.readdirSync(state.dir) : []) {
    if (name.startsWith(`${path.basename(state.lockFile)}.taking-over-`)) fs.rmSync(path.join(state.dir, name), { force: true });
  }
  return owner;
}
