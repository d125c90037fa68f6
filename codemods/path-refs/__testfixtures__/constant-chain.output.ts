import fs from 'node:fs';
import path from 'node:path';
import { PERSONAS_DIR } from './paths';

export function stateOf(id: string): string {
  const dir = path.join('.continuum', 'users', id);
  const db = path.join(dir, 'data', 'longterm.db');
  return fs.existsSync(db) ? db : path.join(PERSONAS_DIR, id, 'data', 'longterm.db');
}

export function concatenated(id: string): string {
  return '.continuum/users/' + id + '/data/longterm.db';
}
