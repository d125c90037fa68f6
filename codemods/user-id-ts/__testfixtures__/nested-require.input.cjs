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

function withOthers(kind) {
  switch (kind) {
    case 'a':
      const { USER_ID: id, DATA_DIR } = require('../config/settings');
      return `${DATA_DIR}/${id}`;
  }
  return null;
}

function hoisted() {
  var { USER_ID } = require('../config/settings');
  return USER_ID;
}

function withDefault() {
  const { USER_ID = 'x' } = require('../config/settings');
  return USER_ID;
}

module.exports = { lazy, lazyNamespace, unrelated, withOthers, hoisted, withDefault };
