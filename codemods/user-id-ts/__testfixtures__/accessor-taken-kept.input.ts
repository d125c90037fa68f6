import { USER_ID } from '../config/settings';
import { getUserId } from './other';

type Id = typeof USER_ID;
export const ids = (): Id[] => [USER_ID, getUserId()];
