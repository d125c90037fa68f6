import { join } from 'node:path';
import { join as joinPosix } from 'node:path/posix';

export const memoryDb = (id: string) => join('.continuum/personas', id, 'memory', 'longterm.db');
export const cwdStateDb = (id: string) => joinPosix(process.cwd(), '.continuum', 'personas', id, 'state.sqlite');
export const tags = ['users', 'personas'].join('/');
