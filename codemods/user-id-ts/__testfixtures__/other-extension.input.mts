import { USER_ID } from '../config/settings.mjs';

export const who = (): string => USER_ID;
