'use strict'

const DATA_DIR = process.env.DATA_DIR || '/data'

function getUserId() {
  return process.env.USER_ID || 'default_user'
}

module.exports = {
  DATA_DIR,
  /** @deprecated use getUserId() */
  USER_ID: getUserId(),
  getUserId,
  LOG_LEVEL: 'info'
}
