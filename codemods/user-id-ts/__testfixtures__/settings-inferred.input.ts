import { readEnv } from './env';

export const USER_ID = readEnv('USER_ID');
