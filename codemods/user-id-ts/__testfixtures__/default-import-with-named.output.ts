import config from '../config/settings';
import { getUserId } from '../config/settings';

export const x = () => [config, getUserId(), getUserId()];
