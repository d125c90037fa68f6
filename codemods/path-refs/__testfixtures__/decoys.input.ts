// Old layout: .continuum/personas/<id>/state.sqlite (moved by the migration).
import fs from 'node:fs';
import path from 'node:path';
import { personas } from './personas/state';

/* path.join('.continuum', 'personas', id) is what we used to write */
export const tables = ['users', 'personas'];
export const label = 'personas';
export const humanDir = (id: string) => path.join('.continuum/users', id, 'data', 'longterm.db');
export const note = 'loaded state (was .continuum/personas/<id>/state.db before the migration)';
export const count = personas.length;

export class UserDirectoryManager {
  getPaths(userId: string): string {
    const newPath = path.join('.continuum/users', userId);
    if (fs.existsSync(newPath)) return newPath;
    const legacyPath = path.join('.continuum/personas', userId);
    return fs.existsSync(legacyPath) ? legacyPath : newPath;
  }
}
