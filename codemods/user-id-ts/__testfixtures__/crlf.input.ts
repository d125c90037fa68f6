import { USER_ID } from '../config/settings';

// keeps CRLF
export const who = (): string => USER_ID;
