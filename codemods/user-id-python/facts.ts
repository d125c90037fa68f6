// The module-level facts about the constant that the project-wide provider search needs.
import { isKeyName } from '../shared/key-name.js';
import { literalText } from '../shared/python/paths.js';
import type { ModuleFacts, ModuleRef } from './modules.js';
import type { Node } from './parser.js';
import { codeChildren, type ScopeAnalysis } from './scope.js';

export interface Names {
  constant: string;
  accessor: string;
}

export function moduleFacts(analysis: ScopeAnalysis, names: Names): ModuleFacts {
  const module = analysis.module;
  const own = module.bindings.get(names.constant) ?? [];
  const moduleScopeImports: ModuleRef[] = [];
  for (const b of own) {
    if (b.kind === 'import' && b.info.form === 'from' && b.info.imported === names.constant) {
      moduleScopeImports.push({ level: b.info.level, module: b.info.module });
    }
  }
  const imports: ModuleRef[] = [];
  for (const scope of analysis.scopes) for (const list of scope.bindings.values()) for (const b of list) {
    if (b.kind === 'import' && b.info.form === 'from' && b.info.imported === names.constant) {
      imports.push({ level: b.info.level, module: b.info.module });
    }
  }
  let defines: ModuleFacts['defines'];
  if (own.length > 0 && own.every((b) => b.kind !== 'import')) {
    const only = own[0]!;
    const plain = own.length === 1 && only.kind === 'assign' && only.stmt.parent?.id === module.node.id && !!only.assignment.childForFieldName('right');
    defines = plain ? 'plain' : 'complex';
  }
  return {
    defines, ...(defines === 'plain' && definesKeyName(analysis, names.constant) ? { keyName: true } : {}),
    hasAccessor: module.bindings.has(names.accessor), listsInAll: allLists(analysis, names.constant), moduleScopeImports, imports,
  };
}

/**
 * Whether the module's one top-level definition of the constant gives it a string that is a key
 * name for it (`USER_ID = "USER_ID"`, see shared/key-name.ts): the module names a key (an event,
 * a storage key), not the user, and its importers read no user id.
 */
export function definesKeyName(analysis: ScopeAnalysis, constant: string): boolean {
  const own = analysis.module.bindings.get(constant) ?? [];
  const only = own.length === 1 ? own[0] : undefined;
  const value = only?.kind === 'assign' && only.stmt.parent?.id === analysis.module.node.id ? only.assignment.childForFieldName('right') : null;
  const text = value ? literalText(value) : undefined;
  return text !== undefined && isKeyName(constant, text);
}

/** The string literals of each module-level `__all__ = [...]` / `(...)` assignment. */
export function dunderAllEntries(analysis: ScopeAnalysis): Node[][] {
  return (analysis.module.bindings.get('__all__') ?? []).flatMap((b) => {
    const value = b.kind === 'assign' ? b.assignment.childForFieldName('right') : null;
    return value && ['list', 'tuple'].includes(value.type) ? [codeChildren(value).filter((s) => s.type === 'string')] : [];
  });
}

export const stringValue = (s: Node): string => s.text.slice(1, -1);

function allLists(analysis: ScopeAnalysis, constant: string): boolean {
  return dunderAllEntries(analysis).some((strings) => strings.some((s) => stringValue(s) === constant));
}
