import fs from 'node:fs';
import path from 'node:path';
import { PERSONAS_DIR } from './paths';

export function stateOf(id: string): string {
  const dir = path.join('.continuum', 'personas', id);
  const db = path.join(dir, 'state.sqlite');
  return fs.existsSync(db) ? db : path.join(PERSONAS_DIR, id, 'state.db');
}

export function concatenated(id: string): string {
  return '.continuum/personas/' + id + '/state.db';
}
