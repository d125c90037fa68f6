import * as settings from '../config/settings';
import { getUserId } from '../config/settings';

export const a = () => new (getUserId())();
export const b = () => new (settings.getUserId())('x');
