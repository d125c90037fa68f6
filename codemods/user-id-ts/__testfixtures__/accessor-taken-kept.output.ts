import { USER_ID, getUserId as getUserId_1 } from '../config/settings';
import { getUserId } from './other';

type Id = typeof USER_ID;
export const ids = (): Id[] => [getUserId_1(), getUserId()];
