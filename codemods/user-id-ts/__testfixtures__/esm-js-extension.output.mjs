import { getUserId } from '../config/settings.js';

export default function whoami() {
  return getUserId();
}
