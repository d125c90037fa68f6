'use strict';
const { getUserId, DATA_DIR } = require('../config/settings');
const settings = require('../config/settings');

function userFile(name) {
  return `${DATA_DIR}/${getUserId()}/${name}`;
}

function owner() {
  return settings.getUserId();
}

module.exports = { userFile, owner };
