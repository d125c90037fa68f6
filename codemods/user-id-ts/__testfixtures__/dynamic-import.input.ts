export async function loadProfile(): Promise<string> {
  const settings = await import('../config/settings');
  return settings.USER_ID;
}

export async function owner(): Promise<string> {
  const { USER_ID: id, APP_NAME } = await import('../config/settings');
  console.log(`${APP_NAME}: owner is ${id}`);
  return id;
}

export async function tag(prefix: string): Promise<string> {
  return `${prefix}-${(await import('../config/settings')).USER_ID}`;
}

export function later(): Promise<string> {
  return import('../config/settings').then((m) => m.USER_ID);
}
