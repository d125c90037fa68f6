const { USER_ID: uid } = require('../config/settings')

exports.handler = async (event) => {
  return { user: uid, path: require('../config/settings').USER_ID }
}
