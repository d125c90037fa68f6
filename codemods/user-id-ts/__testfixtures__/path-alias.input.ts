import { USER_ID } from '@/config/settings';
import * as config from '~config';
import { USER_ID as OTHER } from '@other/settings';

export const a = () => [USER_ID, config.USER_ID, OTHER];
