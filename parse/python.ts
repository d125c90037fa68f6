// Python parsing with tree-sitter. The WASM runtime and grammar load lazily, once per thread,
// and only when a Python file survives the prefilter.
import { createRequire } from 'node:module';
import { Language, Parser, type Node } from 'web-tree-sitter';
import type { ParseFailure, PyParsedFile } from './types.js';

let parserPromise: Promise<Parser> | undefined;

async function loadParser(): Promise<Parser> {
  const require = createRequire(import.meta.url);
  await Parser.init();
  const grammar = await Language.load(require.resolve('@vscode/tree-sitter-wasm/wasm/tree-sitter-python.wasm'));
  const parser = new Parser();
  parser.setLanguage(grammar);
  return parser;
}

function firstError(node: Node): Node | undefined {
  if (node.isError || node.isMissing) return node;
  if (!node.hasError) return undefined;
  for (const child of node.children) {
    const hit = child && firstError(child);
    if (hit) return hit;
  }
  return node;
}

export async function parsePython(file: string, text: string): Promise<PyParsedFile | ParseFailure> {
  parserPromise ??= loadParser();
  const parser = await parserPromise;
  const tree = parser.parse(text);
  if (!tree) return { file, line: 1, column: 1, message: 'the Python parser gave no tree' };
  const bad = tree.rootNode.hasError ? firstError(tree.rootNode) : undefined;
  if (bad) {
    const what = bad.isMissing ? `missing ${bad.type}` : 'invalid syntax';
    tree.delete();
    return { file, line: bad.startPosition.row + 1, column: bad.startPosition.column + 1, message: what };
  }
  return { language: 'python', path: file, text, tree, root: tree.rootNode };
}
