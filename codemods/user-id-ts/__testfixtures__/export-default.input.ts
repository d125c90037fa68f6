import { USER_ID } from '../config/settings';

export default USER_ID;
