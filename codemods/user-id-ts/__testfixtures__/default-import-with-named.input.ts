import config, { USER_ID } from '../config/settings';
import { getUserId } from '../config/settings';

export const x = () => [config, USER_ID, getUserId()];
