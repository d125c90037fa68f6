function getUserId() {
  return process.env.USER_ID || 'default_user';
}

/** @deprecated use getUserId() */
const USER_ID = getUserId();

module.exports = {
  USER_ID,
  getUserId,
  DATA_DIR: '/data',
};
