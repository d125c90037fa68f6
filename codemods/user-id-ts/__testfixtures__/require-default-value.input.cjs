const { USER_ID = 'fallback' } = require('../config/settings');

module.exports = () => USER_ID;
