exports.DATA_DIR = '/data';
function getUserId() {
  return process.env.USER_ID || 'default_user';
}
exports.getUserId = getUserId;
/** @deprecated use getUserId() */
exports.USER_ID = getUserId();
