const { USER_ID } = require('../config/settings');

function getUserId() {
  return 'someone else';
}

module.exports = () => USER_ID + getUserId();
