import settings = require('../config/settings');

export const owner = (): string => settings.getUserId();
