import * as settings from '../config/settings';
import { USER_ID } from '../config/settings';

export const a = () => new USER_ID();
export const b = () => new settings.USER_ID('x');
