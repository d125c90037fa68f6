import { USER_ID } from '../config/settings';

export class Session {
  userId = USER_ID;
  private readonly owner: string = USER_ID;
  static defaultUser = USER_ID;
}
