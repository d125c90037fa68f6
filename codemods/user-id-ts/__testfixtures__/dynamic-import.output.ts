export async function loadProfile(): Promise<string> {
  const settings = await import('../config/settings');
  return settings.getUserId();
}

export async function owner(): Promise<string> {
  const { getUserId, APP_NAME } = await import('../config/settings');
  const userId = getUserId();
  console.log(`${APP_NAME}: owner is ${userId}`);
  return userId;
}

export async function tag(prefix: string): Promise<string> {
  return `${prefix}-${(await import('../config/settings')).getUserId()}`;
}

export function later(): Promise<string> {
  return import('../config/settings').then((m) => m.getUserId());
}
