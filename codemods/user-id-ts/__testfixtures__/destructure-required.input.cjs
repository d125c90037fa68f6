'use strict';
const path = require('path');
const settings = require('../config/settings');

function storageDir() {
  const { DATA_DIR, USER_ID: user } = settings;
  return path.join(DATA_DIR, user);
}

function ownerOf(record) {
  let { USER_ID } = settings;
  if (record.owner) USER_ID = record.owner;
  return USER_ID;
}

module.exports = { storageDir, ownerOf };
