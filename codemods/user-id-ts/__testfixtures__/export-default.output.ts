import { getUserId } from '../config/settings';

export default getUserId();
