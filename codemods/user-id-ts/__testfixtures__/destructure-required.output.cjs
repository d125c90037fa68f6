'use strict';
const path = require('path');
const settings = require('../config/settings');

function storageDir() {
  const user = settings.getUserId();
  const { DATA_DIR } = settings;
  return path.join(DATA_DIR, user);
}

function ownerOf(record) {
  let USER_ID = settings.getUserId();
  if (record.owner) USER_ID = record.owner;
  return USER_ID;
}

module.exports = { storageDir, ownerOf };
