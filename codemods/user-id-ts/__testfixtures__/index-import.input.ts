import { USER_ID } from '../config';

export const x = () => USER_ID;
