const path = require('node:path');

function exportState(id) {
  return path.join(process.cwd(), `.continuum/personas/${id}/state.sqlite`);
}

module.exports = { exportState };
