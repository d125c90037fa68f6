// The plan's joiner of the persag helper imports, as the two sources that add them (this codemod
// and path-refs) declare it: the parser and the import layout load only when a plan joins two
// sources' imports in one file, not with every source that could.
import type { Joiner } from '../../plan/types.js';

/** The `EditOp.joinable` kind of these imports. */
export const HELPER_IMPORTS = 'python-helper-imports';

export const helperImportJoiners: Record<string, Joiner> = {
  [HELPER_IMPORTS]: async (file, parts) => (await import('./helper-imports.js')).joinHelperImports(file, parts),
};
