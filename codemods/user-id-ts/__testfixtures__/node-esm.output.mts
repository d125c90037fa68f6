import { getUserId } from '../config/settings.mjs';

export const who = (): string => getUserId();
