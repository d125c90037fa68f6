// The file-system migrators, for profiles and the CLI. Importing this also registers the
// `db-merge` operation kind with the engine.
export { continuumUsersSource } from './continuum-users/index.js';
export { dbMergeHandler, DB_MERGE } from './continuum-users/db-merge.js';
export { persagHomeSource } from './persag-home/index.js';
export { resolvePersagHome } from './persag-home/home.js';
export { movesSource } from './moves/index.js';
export { detectContinuum, detectPersag } from './detect.js';
