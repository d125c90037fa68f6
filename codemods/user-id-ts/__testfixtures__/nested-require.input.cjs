function lazy() {
  const { USER_ID } = require('../config/settings');
  return USER_ID;
}

function lazyNamespace() {
  const settings = require('../config/settings');
  return settings.USER_ID;
}

function unrelated() {
  const { DATA_DIR } = require('../config/settings');
  return DATA_DIR;
}

module.exports = { lazy, lazyNamespace, unrelated };
