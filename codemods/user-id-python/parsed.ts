// A Python file parsed once: its tree, its first syntax error, and the scope analysis focused on
// the names the codemod cares about. The project pass and the transform share it, so a file is
// parsed and analysed once per plan (plus the reparse of the result).
import type { Names } from './facts.js';
import { firstSyntaxError, type Node, type Parser, type Tree } from './parser.js';
import { analyzeScopes, type ScopeAnalysis } from './scope.js';

export class ParsedPython {
  readonly syntaxError: Node | undefined;
  /** Undefined when the file does not parse. */
  readonly analysis: ScopeAnalysis | undefined;

  constructor(readonly tree: Tree, text: string, names: Names) {
    this.syntaxError = firstSyntaxError(tree.rootNode);
    this.analysis = this.syntaxError
      ? undefined
      : analyzeScopes(tree.rootNode, {
        text,
        names: [names.constant, names.accessor, 'Optional', 'field', 'dataclasses', '__all__'],
        prefixes: [names.accessor],
      });
  }

  /** Frees the tree's wasm memory; the analysis' nodes are unusable afterwards. */
  dispose(): void {
    this.tree.delete();
  }
}

export function parsePython(parser: Parser, text: string, names: Names): ParsedPython {
  const tree = parser.parse(text);
  if (!tree) throw new Error('tree-sitter returned no tree');
  try {
    return new ParsedPython(tree, text, names);
  } catch (e) {
    tree.delete();
    throw e;
  }
}
