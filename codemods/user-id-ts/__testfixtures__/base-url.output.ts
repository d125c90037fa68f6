import { getUserId } from 'config/settings';

export const a = () => getUserId();
