import { USER_ID } from '../config/settings';

export const who = () => USER_ID;