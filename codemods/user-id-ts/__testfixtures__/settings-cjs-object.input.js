'use strict'

const DATA_DIR = process.env.DATA_DIR || '/data'

module.exports = {
  DATA_DIR,
  USER_ID: process.env.USER_ID || 'default_user',
  LOG_LEVEL: 'info'
}
