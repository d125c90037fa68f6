import { USER_ID, getUserId } from '../config/settings';

export { USER_ID, getUserId };
export const label = () => `user ${getUserId()}`;
