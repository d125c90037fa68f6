const { getUserId } = require('../config/settings')

exports.handler = async (event) => {
  return { user: getUserId(), path: require('../config/settings').getUserId() }
}
