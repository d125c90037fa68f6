import settings = require('../config/settings');

export const owner = (): string => settings.USER_ID;
