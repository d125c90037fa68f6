import { getUserId } from '../config/settings';
import { api } from '../api/client';

export async function saveProfile(name: string) {
  const userId = getUserId();
  await api.post('/profile', { userId, name });
  return api.get(`/profile/${userId}`, { params: { userId: /* owner */ userId } });
}

export function describeOwner(owner: { userId: string }) {
  const currentUserId = getUserId();
  return { userId: currentUserId, isOwner: owner.userId === currentUserId };
}
