// The Python grammar: web-tree-sitter with the prebuilt wasm from @vscode/tree-sitter-wasm.
// Loading the wasm costs tens of milliseconds, so it happens once, and only when a plan has at
// least one Python file that may need it.
import { createRequire } from 'node:module';
import { Language, Parser, type Node, type Tree } from 'web-tree-sitter';

export type { Node, Parser, Tree };

let loading: Promise<Parser> | undefined;

/** The shared Python parser, initialised on first use. */
export function loadPythonParser(): Promise<Parser> {
  loading ??= (async () => {
    try {
      // Resolved from this module so that it also works from an installed (packed) package.
      const wasm = createRequire(import.meta.url).resolve('@vscode/tree-sitter-wasm/wasm/tree-sitter-python.wasm');
      await Parser.init();
      const parser = new Parser();
      parser.setLanguage(await Language.load(wasm));
      return parser;
    } catch (e) {
      loading = undefined;
      throw new Error(`cannot load the Python grammar (web-tree-sitter + @vscode/tree-sitter-wasm): ${(e as Error).message}`);
    }
  })();
  return loading;
}

/** Parses `text`, hands the tree to `use`, and frees the tree's wasm memory afterwards. */
export function withTree<T>(parser: Parser, text: string, use: (tree: Tree) => T): T {
  const tree = parser.parse(text);
  if (!tree) throw new Error('tree-sitter returned no tree');
  try {
    return use(tree);
  } finally {
    tree.delete();
  }
}

/** The first ERROR or MISSING node in document order, if the tree has any. */
export function firstSyntaxError(root: Node): Node | undefined {
  if (!root.hasError) return undefined;
  const cursor = root.walk();
  try {
    for (;;) {
      const node = cursor.currentNode;
      if (node.isError || node.isMissing) return node;
      if (node.hasError && cursor.gotoFirstChild()) continue;
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent()) return root;
      }
    }
  } finally {
    cursor.delete();
  }
}
