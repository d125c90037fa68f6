// The name a file binds the settings module to, so that the persag helpers are called through it
// (`settings.get_userid()`, `settings.persag_home()`) rather than imported again by name: both
// the user-id codemod and path-refs ask here.
import path from 'node:path';
import { relativeTarget } from './helper-imports.js';
import { moduleScopeStatements } from './import-path.js';
import type { Node } from './parser.js';

/**
 * The name `importer` binds the settings module to in its module scope: `import pkg.config.settings
 * as settings`, `import pkg.config.settings`, `from pkg.config import settings` or, relative,
 * `from ..config import settings` (aliases kept).
 */
export function settingsBinding(root: Node, importer: string, settings: { module: string; file: string }): string | undefined {
  const parent = settings.module.split('.').slice(0, -1).join('.');
  const last = settings.module.split('.').pop()!;
  const packageDir = path.posix.dirname(settings.file);
  const namesPackage = (m: Node): boolean => (m.type === 'relative_import' ? relativeTarget(m, importer) === packageDir : m.text === parent);
  for (const s of moduleScopeStatements(root)) {
    for (const n of s.type === 'import_statement' || s.type === 'import_from_statement' ? s.childrenForFieldName('name') : []) {
      const name = n.type === 'aliased_import' ? n.childForFieldName('name')!.text : n.text;
      const alias = n.type === 'aliased_import' ? n.childForFieldName('alias')!.text : undefined;
      if (s.type === 'import_statement' && name === settings.module) return alias ?? name;
      const m = s.type === 'import_from_statement' ? s.childForFieldName('module_name') : null;
      if (m && name === last && namesPackage(m)) return alias ?? name;
    }
  }
  return undefined;
}
