import { getUserId } from '../config';

export const x = () => getUserId();
