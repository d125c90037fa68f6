import { getUserId } from '@/config/settings';
import * as config from '~config';
import { USER_ID as OTHER } from '@other/settings';

export const a = () => [getUserId(), config.getUserId(), OTHER];
