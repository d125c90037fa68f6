import path from 'node:path';

const CONTINUUM_DIR = process.env.CONTINUUM_DIR || '.continuum';

export function personaDir(id: string): string {
  return path.join(process.env.CONTINUUM_DIR ?? '.continuum', 'personas', id);
}

export function personaDb(id: string): string {
  return path.join(CONTINUUM_DIR, 'personas', id, 'state.db');
}

export function everyPersona(): string {
  return path.resolve(CONTINUUM_DIR, 'personas');
}
