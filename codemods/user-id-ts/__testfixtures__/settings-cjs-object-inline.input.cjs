module.exports = { USER_ID: `${process.env.USER || 'me'}`, DEBUG: false };
