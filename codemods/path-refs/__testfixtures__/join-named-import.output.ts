import { join } from 'node:path';
import { join as joinPosix } from 'node:path/posix';

export const memoryDb = (id: string) => join('.continuum/users', id, 'data', 'longterm.db');
export const cwdStateDb = (id: string) => joinPosix(process.cwd(), '.continuum', 'users', id, 'data', 'longterm.db');
export const tags = ['users', 'personas'].join('/');
