// What the parsers give: a file parsed once (the TypeScript compiler's tree, or tree-sitter's for
// Python), or where and why it could not be parsed.
import type ts from 'typescript';
import type { Node as PyNode, Tree as PyTree } from 'web-tree-sitter';

export type Language = 'ts' | 'python';

/** A file ready for the detectors: parsed once, shared by every enabled rule. */
export type ParsedFile = TsParsedFile | PyParsedFile;

interface ParsedBase {
  /** Project-relative POSIX path. */
  path: string;
  text: string;
}

export interface TsParsedFile extends ParsedBase {
  language: 'ts';
  sourceFile: ts.SourceFile;
}

export interface PyParsedFile extends ParsedBase {
  language: 'python';
  tree: PyTree;
  root: PyNode;
}

export interface ParseFailure {
  file: string;
  line: number;
  column: number;
  message: string;
}
