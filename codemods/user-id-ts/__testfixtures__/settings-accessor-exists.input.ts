import { session } from './session';

export function getUserId(): string {
  return session.current().id;
}

export const USER_ID = process.env.USER_ID ?? 'default_user';

export const label = () => `user ${USER_ID}`;
