import os from 'node:os';
import * as path from 'path';

export function personaFromScript(id: string): string {
  return path.join(__dirname, '..', '..', '.continuum', 'personas', id, 'state.sqlite');
}

export function homePersonas(): string {
  return path.posix.join(os.homedir(), '.continuum/personas/');
}

export function fromRoot(root: string, id: string): string {
  return `${root}/.continuum/personas/${id}/memory/longterm.db`;
}
