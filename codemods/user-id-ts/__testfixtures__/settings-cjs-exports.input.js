exports.DATA_DIR = '/data';
exports.USER_ID = process.env.USER_ID || 'default_user';
