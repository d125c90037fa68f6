// Every migrator a profile or the config's `sources` can name: one line each, with the operation
// kinds it adds to the engine. A migrator's module is loaded only when a plan (or an apply of an
// operation of its kind) needs it (`npm run new:migrator NAME` adds the folder and its line).
import type { SourceRegistry } from '../plan/sources.js';

export const MIGRATORS: SourceRegistry = {
  'continuum-users': {
    load: async () => (await import('./continuum-users/index.js')).continuumUsersSource,
    operationKinds: async () => [(await import('./continuum-users/db-merge.js')).dbMergeHandler],
  },
  'persag-home': { load: async () => (await import('./persag-home/index.js')).persagHomeSource },
  moves: { load: async () => (await import('./moves/index.js')).movesSource },
};
