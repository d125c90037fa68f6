import { getUserId } from '../config';

export const owner = () => getUserId();
