import { getUserId as getUserId_1 } from '../config/settings';
import { getUserId } from './legacy-auth';

export function both() {
  return [getUserId_1(), getUserId()];
}
