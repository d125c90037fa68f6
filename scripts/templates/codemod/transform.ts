// What __name__ does to one file's text, as splices of the original (no I/O here, so the
// fixture pairs test exactly this). The scaffold renames calls of one function: replace it.
import type ts from 'typescript';
import { loadTypeScript } from '../../parse/ts-api.js';
import type { Splice } from '../../plan/types.js';

export interface __Pascal__Options {
  /** The function whose calls are renamed ... */
  from: string;
  /** ... to this one. */
  to: string;
}

export function transform__Pascal__(fileName: string, text: string, options: __Pascal__Options): Splice[] {
  const typescript = loadTypeScript();
  const sourceFile = typescript.createSourceFile(fileName, text, typescript.ScriptTarget.Latest, true);
  const splices: Splice[] = [];
  const visit = (node: ts.Node): void => {
    if (typescript.isCallExpression(node) && typescript.isIdentifier(node.expression) && node.expression.text === options.from) {
      splices.push({ start: node.expression.getStart(sourceFile), end: node.expression.getEnd(), text: options.to });
    }
    typescript.forEachChild(node, visit);
  };
  visit(sourceFile);
  return splices;
}
