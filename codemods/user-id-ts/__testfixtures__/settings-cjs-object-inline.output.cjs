function getUserId() {
  return `${process.env.USER || 'me'}`;
}

module.exports = { USER_ID: getUserId(), getUserId, DEBUG: false };
