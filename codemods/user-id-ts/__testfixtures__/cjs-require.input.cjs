'use strict';
const { USER_ID, DATA_DIR } = require('../config/settings');
const settings = require('../config/settings');

function userFile(name) {
  return `${DATA_DIR}/${USER_ID}/${name}`;
}

function owner() {
  return settings.USER_ID;
}

module.exports = { userFile, owner };
