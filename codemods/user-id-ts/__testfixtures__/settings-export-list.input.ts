const USER_ID = process.env.USER_ID || 'anonymous';
const APP = 'demo';

export { APP, USER_ID };
