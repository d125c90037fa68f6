// The project-wide pass: parse every file that may mention the constant once for its module
// facts, find the providers, and hand each file's transform a view of the result.
import type { Parser } from 'web-tree-sitter';
import type { Warning } from '../../plan/types.js';
import { moduleFacts, type Names } from './facts.js';
import { findProviders, ModuleIndex, moduleView, type ModuleFacts, type ModuleView } from './modules.js';
import { withTree } from './parser.js';
import { analyzeScopes } from './scope.js';
import { SOURCE_NAME } from './transform.js';

export interface ProjectInput {
  /** Every Python file of the project (for module resolution), project-relative. */
  pythonFiles: readonly string[];
  /** Decoded text of the files that may mention the constant. */
  texts: ReadonlyMap<string, string>;
  /** Files this plan may edit. */
  editable(file: string): boolean;
  /** Defining modules from the config, replacing auto-detection. */
  configured?: readonly string[];
}

export function projectModules(parser: Parser, names: Names, input: ProjectInput): { view: ModuleView; warnings: Warning[] } {
  const facts = new Map<string, ModuleFacts>();
  for (const [file, text] of input.texts) {
    try {
      withTree(parser, text, (tree) => {
        if (!tree.rootNode.hasError) facts.set(file, moduleFacts(analyzeScopes(tree.rootNode, { text, names: [names.constant, names.accessor, '__all__'] }), names));
      });
    } catch {
      // Left without facts: the file is reported when it is transformed, and provides nothing.
    }
  }
  const warnings: Warning[] = [];
  for (const m of input.configured ?? []) {
    if (!facts.get(m)?.defines) {
      warnings.push({ source: SOURCE_NAME, file: m, code: 'module-not-found', message: `configured module ${m} does not assign ${names.constant} (or does not parse)` });
    }
  }
  const index = new ModuleIndex(input.pythonFiles);
  const providers = findProviders(index, facts, { editable: (f) => input.editable(f) && facts.has(f), configured: input.configured });
  return { view: moduleView(index, providers), warnings };
}
