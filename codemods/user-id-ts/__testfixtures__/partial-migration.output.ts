import {
  getUserId,
  DATA_DIR,
} from '../config/settings';

export const paths = () => [DATA_DIR, getUserId(), getUserId()];
