const { getUserId } = require('../config/settings')

exports.handler = async (event) => {
  const userId = getUserId()
  return { user: userId, path: userId }
}
