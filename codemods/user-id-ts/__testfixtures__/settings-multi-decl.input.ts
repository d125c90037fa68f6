export const APP = 'demo', USER_ID = 'someone';
