import { getUserId } from '../config/settings';

// keeps CRLF
export const who = (): string => getUserId();
