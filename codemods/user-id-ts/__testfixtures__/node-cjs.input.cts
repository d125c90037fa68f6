import settings = require('../config/settings.cjs');
const { USER_ID } = require('../config/settings.cjs');

export const a = (): string => settings.USER_ID + USER_ID;
