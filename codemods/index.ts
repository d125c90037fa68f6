// Every codemod a profile or the config's `sources` can name: one line each. A codemod's module
// is loaded only when a plan uses it (`npm run new:codemod NAME` adds the folder and its line).
import type { SourceRegistry } from '../plan/sources.js';

export const CODEMODS: SourceRegistry = {
  'user-id-ts': { load: async () => (await import('./user-id-ts/index.js')).userIdTsSource },
  'user-id-python': { load: async () => (await import('./user-id-python/index.js')).userIdPythonSource },
  'path-refs': { load: async () => (await import('./path-refs/index.js')).pathRefsSource },
};

/** Kinds of operation that code edits add to the engine: the jscodeshift runner's file deletions. */
export const CODE_OPERATION_KINDS = async () => [(await import('./transform/delete-op.js')).deleteFileHandler];
