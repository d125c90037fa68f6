function lazy() {
  const { getUserId } = require('../config/settings');
  return getUserId();
}

function lazyNamespace() {
  const settings = require('../config/settings');
  return settings.getUserId();
}

function unrelated() {
  const { DATA_DIR } = require('../config/settings');
  return DATA_DIR;
}

function withOthers(kind) {
  switch (kind) {
    case 'a':
      const { getUserId, DATA_DIR } = require('../config/settings');
      return `${DATA_DIR}/${getUserId()}`;
  }
  return null;
}

function hoisted() {
  var { getUserId } = require('../config/settings');
  return getUserId();
}

function withDefault() {
  const { USER_ID = 'x' } = require('../config/settings');
  return USER_ID;
}

module.exports = { lazy, lazyNamespace, unrelated, withOthers, hoisted, withDefault };
