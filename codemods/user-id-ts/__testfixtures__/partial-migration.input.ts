import {
  getUserId,
  DATA_DIR,
  USER_ID,
} from '../config/settings';

export const paths = () => [DATA_DIR, USER_ID, getUserId()];
