const { getUserId: currentUser } = require('../config/settings');
const { USER_ID } = require('../config/settings'); // legacy
const path = require('node:path');

module.exports = () => path.join(USER_ID, currentUser());
