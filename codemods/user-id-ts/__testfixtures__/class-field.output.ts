import { getUserId } from '../config/settings';

export class Session {
  userId = getUserId();
  private readonly owner: string = getUserId();
  static defaultUser = getUserId();
}
