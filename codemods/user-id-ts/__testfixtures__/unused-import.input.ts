import { USER_ID } from '../config/settings';

export const nothing = 1;
