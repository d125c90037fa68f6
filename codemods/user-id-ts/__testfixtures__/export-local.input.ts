import { USER_ID } from '../config/settings';

export { USER_ID };
export const label = () => `user ${USER_ID}`;
