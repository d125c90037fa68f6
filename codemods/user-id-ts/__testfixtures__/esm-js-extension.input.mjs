import { USER_ID } from '../config/settings.js';

export default function whoami() {
  return USER_ID;
}
