const path = require('path');

function cacheDir() {
  return path.join(require('../config/settings').DATA_DIR, 'cache', require('../config/settings').USER_ID);
}

module.exports.cacheDir = cacheDir;
module.exports.defaultUser = () => require('../config/settings')['USER_ID'];
