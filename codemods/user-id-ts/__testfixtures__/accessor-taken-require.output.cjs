const { getUserId: getUserId_1 } = require('../config/settings');

function getUserId() {
  return 'someone else';
}

module.exports = () => getUserId_1() + getUserId();
