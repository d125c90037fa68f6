// __name__: TODO one sentence on what the rule finds, and one on why it hurts the app.
// The scaffold's detector reports calls of one function (option `callee`): replace it with yours.
import type ts from 'typescript';
import { typescript } from '../../parse/ts-api.js';
import type { LintRule, RuleMatch, TsParsedFile } from '../types.js';
import { tsMatch } from './match.js';
import { checkKeys, escapeRegExp, identifier } from './options.js';

export interface __Pascal__Options {
  /** The function whose calls are reported. */
  callee: string;
}

function detectTs(file: TsParsedFile, options: __Pascal__Options): RuleMatch[] {
  const out: RuleMatch[] = [];
  const visit = (node: ts.Node): void => {
    if (typescript.isCallExpression(node) && typescript.isIdentifier(node.expression) && node.expression.text === options.callee) {
      out.push(tsMatch(node, `${options.callee}() is called here; TODO say what to do instead`));
    }
    typescript.forEachChild(node, visit);
  };
  visit(file.sourceFile);
  return out;
}

export const __camel__: LintRule<__Pascal__Options> = {
  id: '__name__',
  description: 'TODO what the rule reports',
  why: 'TODO why it is a problem',
  fix: 'TODO what to write instead',
  docsAnchor: '__name__',
  defaultSeverity: 'warn',
  defaultOptions: { callee: 'forbiddenCall' },
  languages: ['ts'],
  // A file whose text cannot hold a match is never parsed: keep this as narrow as the detector.
  prefilter: (options) => ({ text: new RegExp(`\\b${escapeRegExp(options.callee)}\\b`) }),
  resolveOptions(raw) {
    checkKeys(raw, ['callee']);
    return { callee: identifier(raw, 'callee', __camel__.defaultOptions.callee) };
  },
  detect: (file, options) => (file.language === 'ts' ? detectTs(file, options) : []),
};
