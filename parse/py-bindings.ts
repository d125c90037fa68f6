// Import analysis for the Python detectors over the tree-sitter syntax tree.
import type { Node } from 'web-tree-sitter';

export interface PyImport {
  /** Dotted module path as written, relative dots included: `..config.settings`. */
  module: string;
  /** For `from m import name`: the imported name; undefined for `import m`. */
  name?: string;
  /** The name bound in the file: the alias, the imported name, or the first part of `import a.b`. */
  local: string;
  /** The node naming this import (the dotted name or the aliased import). */
  node: Node;
}

/** Every import in the file, wherever it sits (functions, `try:` blocks, ...). */
export function pythonImports(root: Node): PyImport[] {
  const out: PyImport[] = [];
  for (const stmt of root.descendantsOfType(['import_statement', 'import_from_statement'])) {
    if (!stmt) continue;
    const moduleNode = stmt.childForFieldName('module_name');
    for (const item of stmt.childrenForFieldName('name')) {
      if (!item) continue;
      const aliased = item.type === 'aliased_import';
      const target = aliased ? item.childForFieldName('name') : item;
      const alias = aliased ? item.childForFieldName('alias')?.text : undefined;
      if (!target) continue;
      if (stmt.type === 'import_statement') {
        out.push({ module: target.text, local: alias ?? target.text.split('.')[0]!, node: item });
      } else if (moduleNode) {
        out.push({ module: moduleNode.text, name: target.text, local: alias ?? target.text, node: item });
      }
    }
  }
  return out;
}

/** Identifiers and attribute chains: `a.b.c` -> ['a', 'b', 'c']; undefined for anything else. */
export function dottedParts(node: Node): string[] | undefined {
  if (node.type === 'identifier') return [node.text];
  if (node.type !== 'attribute') return undefined;
  const object = node.childForFieldName('object');
  const attr = node.childForFieldName('attribute');
  const head = object ? dottedParts(object) : undefined;
  return head && attr ? [...head, attr.text] : undefined;
}
