import os from 'node:os';
import * as path from 'path';

export function personaFromScript(id: string): string {
  return path.join(__dirname, '..', '..', '.continuum', 'users', id, 'data', 'longterm.db');
}

export function homePersonas(): string {
  return path.posix.join(os.homedir(), '.continuum/users/');
}

export function fromRoot(root: string, id: string): string {
  return `${root}/.continuum/users/${id}/data/longterm.db`;
}
