// Which module of a project is "the settings module": the one that assigns the user-id constant
// at top level (the codemod's definer, where the accessor and, with the persag profile, the home
// helpers are generated), and the dotted name other files import it by.
import { mayContain } from '../shared/prefilter.js';
import type { Names } from './facts.js';
import { ModuleIndex } from './modules.js';
import type { Parser } from './parser.js';
import { projectModules } from './project.js';

/** The defining modules, by the same detection the codemod uses (configured ones first when given). */
export function definingModules(parser: Parser, names: Names, pythonFiles: readonly string[], read: (file: string) => string | undefined, configured?: readonly string[]): string[] {
  const texts = new Map<string, string>();
  for (const file of pythonFiles) {
    const text = read(file);
    if (text !== undefined && mayContain(Buffer.from(text), [names.constant])) texts.set(file, text);
  }
  const project = projectModules(parser, names, { pythonFiles, texts, editable: () => true, configured });
  return [...texts.keys()].filter((f) => project.view.provider(f)?.role === 'definer').sort();
}

/** `src/personal_agent/config/settings.py` -> `personal_agent.config.settings` (the deepest source root that holds it). */
export function moduleName(pythonFiles: readonly string[], file: string): string {
  const roots = new ModuleIndex(pythonFiles).roots.filter((r) => r === '' || file.startsWith(`${r}/`));
  const root = roots.sort((a, b) => b.length - a.length)[0] ?? '';
  const rel = (root ? file.slice(root.length + 1) : file).replace(/\.py$/, '').replace(/\/__init__$/, '');
  return rel.split('/').join('.');
}
