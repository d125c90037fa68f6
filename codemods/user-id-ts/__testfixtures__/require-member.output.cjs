const path = require('path');

function cacheDir() {
  return path.join(require('../config/settings').DATA_DIR, 'cache', require('../config/settings').getUserId());
}

module.exports.cacheDir = cacheDir;
module.exports.defaultUser = () => require('../config/settings').getUserId();
