import { USER_ID } from './other-constants';
import * as settings from '../config/settings';

export const a = () => USER_ID;
export const b = () => settings.DATA_DIR;
