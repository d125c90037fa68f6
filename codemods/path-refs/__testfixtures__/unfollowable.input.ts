import path from 'node:path';

export function personaFile(id: string, file: string): string {
  return path.join('.continuum/personas', id, file);
}

export function anyDb(dir: string): string {
  return path.join(dir, 'state.sqlite');
}

export function built(parts: string[]): string {
  return `.continuum/${parts.join('/')}/state.db`;
}
