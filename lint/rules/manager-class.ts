// manager-class: `*Manager` classes pull heavy work onto the main thread; the seed's fix is a
// daemon reached by message passing. Path utilities such as UserDirectoryManager are allowed.
import path from 'node:path';
import type ts from 'typescript';
import { typescript } from '../parse/ts-api.js';
import picomatch from 'picomatch';
import type { LintRule, RuleMatch, TsParsedFile } from '../types.js';
import { nodesOf } from '../parse/ts-bindings.js';
import { checkKeys, matchesGlobs, stringList } from './options.js';
import { tsMatch } from './match.js';

export interface ManagerClassOptions {
  /**
   * Allowed managers: an entry with a `/` is a glob over project-relative paths; any other entry
   * is a class-name pattern (`UserDirectoryManager`, `*PathManager`).
   */
  allow: string[];
}

const MANAGER_FILE = /Manager\.(?:[cm]?[jt]s|[jt]sx)$/;

function nameAllowed(name: string, allow: readonly string[]): boolean {
  return allow.some((a) => !a.includes('/') && picomatch.isMatch(name, a));
}

function pathAllowed(file: string, allow: readonly string[]): boolean {
  return matchesGlobs(file, allow.filter((a) => a.includes('/')));
}

function message(name: string): string {
  return `${name} is a *Manager class: managers run on the main thread; move the work into a daemon reached through Commands.execute`;
}

function detect(file: TsParsedFile, options: ManagerClassOptions): RuleMatch[] {
  const out: RuleMatch[] = [];
  let declaresManager = false;
  for (const node of nodesOf(file.sourceFile)) {
    if ((typescript.isClassDeclaration(node) || typescript.isClassExpression(node)) && node.name && /Manager$/.test(node.name.text)) {
      declaresManager = true;
      if (!nameAllowed(node.name.text, options.allow)) out.push(tsMatch(node.name, message(node.name.text)));
    }
  }
  // A *Manager file without a *Manager class (functions, an object literal) is still a manager module.
  const fileName = path.posix.basename(file.path);
  const base = fileName.replace(/\.[^.]+$/, '');
  if (!declaresManager && MANAGER_FILE.test(fileName) && !nameAllowed(base, options.allow)) {
    out.push({ start: 0, end: 0, message: `${fileName} is a *Manager module: move the work into a daemon reached through Commands.execute` });
  }
  return out;
}

export const managerClass: LintRule<ManagerClassOptions> = {
  id: 'manager-class',
  description: 'Classes named *Manager and *Manager.ts modules outside the allowlist',
  why: 'Managers do heavy work synchronously on the main thread and duplicate what the daemons (DataDaemon, UserDaemon) already provide with message-passing concurrency.',
  fix: 'Move the work into a daemon and call it with Commands.execute(...); keep only lightweight path utilities (allowlist them with the "allow" option).',
  docsAnchor: 'manager-class',
  defaultSeverity: 'warn',
  defaultOptions: { allow: ['UserDirectoryManager'] },
  languages: ['ts'],
  prefilter: () => ({ text: /Manager\b/, path: MANAGER_FILE }),
  resolveOptions(raw) {
    checkKeys(raw, ['allow']);
    return { allow: stringList(raw, 'allow', managerClass.defaultOptions.allow) };
  },
  appliesTo: (file, options) => !pathAllowed(file, options.allow),
  detect: (file, options) => (file.language === 'ts' ? detect(file, options) : []),
};
