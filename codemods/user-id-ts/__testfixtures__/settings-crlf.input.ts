export const USER_ID = process.env.USER_ID ?? 'x';
