import path from 'node:path';

const CONTINUUM_DIR = process.env.CONTINUUM_DIR || '.continuum';

export function personaDir(id: string): string {
  return path.join(process.env.CONTINUUM_DIR ?? '.continuum', 'users', id);
}

export function personaDb(id: string): string {
  return path.join(CONTINUUM_DIR, 'users', id, 'data', 'longterm.db');
}

export function everyPersona(): string {
  return path.resolve(CONTINUUM_DIR, 'users');
}
