function getUserId() {
  return process.env.USER_ID || 'default_user';
}

/** @deprecated use getUserId() */
const USER_ID = getUserId();

module.exports.USER_ID = USER_ID;
module.exports.getUserId = getUserId;
