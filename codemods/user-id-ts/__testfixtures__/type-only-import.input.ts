import type { USER_ID } from '../config/settings';
import { type USER_ID as U2 } from '../config/settings';

export type A = typeof USER_ID;
export type B = typeof U2;
