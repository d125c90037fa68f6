import config from '../config/settings';

export const owner = (): string => config.getUserId();
