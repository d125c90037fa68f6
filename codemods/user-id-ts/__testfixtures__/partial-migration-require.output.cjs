const { getUserId: currentUser } = require('../config/settings');
const path = require('node:path');

module.exports = () => path.join(currentUser(), currentUser());
