import { getUserId } from '../config/settings';

export const greet = () => `hello ${getUserId()}`;
export const id = () => getUserId();
