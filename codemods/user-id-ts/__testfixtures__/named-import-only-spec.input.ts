import { getUserId } from '../config/settings';
import { USER_ID } from '../config/settings';

export const who = () => USER_ID;
