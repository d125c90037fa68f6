const USER_ID = process.env.USER_ID || 'default_user';

module.exports.USER_ID = USER_ID;
