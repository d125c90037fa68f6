// Turning syntax nodes into rule matches, the same way for every detector.
import type ts from 'typescript';
import type { Node as PyNode } from 'web-tree-sitter';
import type { RuleMatch } from '../types.js';

export function tsMatch(node: ts.Node, message: string): RuleMatch {
  return { start: node.getStart(), end: node.getEnd(), message };
}

export function pyMatch(node: PyNode, message: string): RuleMatch {
  return { start: node.startIndex, end: node.endIndex, message };
}
