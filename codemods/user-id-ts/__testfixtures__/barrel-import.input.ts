import { USER_ID } from '../config';

export const owner = () => USER_ID;
