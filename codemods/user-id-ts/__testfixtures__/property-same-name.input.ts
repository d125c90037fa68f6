import { USER_ID } from '../config/settings';
import { api } from '../api/client';

export async function saveProfile(name: string) {
  await api.post('/profile', { userId: USER_ID, name });
  return api.get(`/profile/${USER_ID}`, { params: { userId: /* owner */ USER_ID } });
}

export function describeOwner(owner: { userId: string }) {
  return { userId: USER_ID, isOwner: owner.userId === USER_ID };
}
