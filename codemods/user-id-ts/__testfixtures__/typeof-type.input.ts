import * as settings from '../config/settings';
import { USER_ID } from '../config/settings';

export type Id = typeof USER_ID;
export type Id2 = typeof settings.USER_ID;
