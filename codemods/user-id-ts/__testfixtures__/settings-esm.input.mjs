export const USER_ID = process.env.USER_ID ?? 'default_user';
export const HOME = `/home/${USER_ID}`;
