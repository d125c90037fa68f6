import settings = require('../config/settings.cjs');
const { getUserId } = require('../config/settings.cjs');

export const a = (): string => settings.getUserId() + getUserId();
