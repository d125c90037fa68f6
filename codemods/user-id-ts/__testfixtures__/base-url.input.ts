import { USER_ID } from 'config/settings';

export const a = () => USER_ID;
