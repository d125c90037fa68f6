import { getUserId, USER_ID } from '../config/settings';

export const greet = () => `hello ${USER_ID}`;
export const id = () => getUserId();
