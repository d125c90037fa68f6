const path = require('node:path');

function exportState(id) {
  return path.join(process.cwd(), `.continuum/users/${id}/data/longterm.db`);
}

module.exports = { exportState };
