import { getUserId } from '../config/settings';

export const who = () => getUserId();