// The project-wide pass: parse every file that may mention the constant once for its module
// facts, find the providers, and hand each file's transform a view of the result.
import type { Warning } from '../../plan/types.js';
import { moduleFacts, type Names } from './facts.js';
import { findProviders, ModuleIndex, moduleView, type ModuleFacts, type ModuleView } from './modules.js';
import { parsePython, type ParsedPython } from './parsed.js';
import type { Parser } from './parser.js';
import { SOURCE_NAME } from './source-name.js';

export interface ProjectInput {
  /** Every Python file of the project (for module resolution), project-relative. */
  pythonFiles: readonly string[];
  /** Decoded text of the files that may mention the constant. */
  texts: ReadonlyMap<string, string>;
  /** Files this plan may edit. */
  editable(file: string): boolean;
  /** Defining modules from the config, replacing auto-detection. */
  configured?: readonly string[];
  /** Keep this file's parse for its transform (the caller disposes it); others are freed at once. */
  keep?(file: string): boolean;
}

export interface ProjectModules {
  view: ModuleView;
  warnings: Warning[];
  parsed: Map<string, ParsedPython>;
}

export function projectModules(parser: Parser, names: Names, input: ProjectInput): ProjectModules {
  const facts = new Map<string, ModuleFacts>();
  const parsed = new Map<string, ParsedPython>();
  for (const [file, text] of input.texts) {
    let p: ParsedPython | undefined;
    try {
      p = parsePython(parser, text, names);
      if (p.analysis) facts.set(file, moduleFacts(p.analysis, names));
    } catch {
      // Left without facts: the file provides nothing and is reported when it is transformed.
    }
    if (p && input.keep?.(file) && !parsed.has(file)) parsed.set(file, p);
    else p?.dispose();
  }
  const warnings: Warning[] = [];
  for (const m of input.configured ?? []) {
    if (!facts.get(m)?.defines) {
      warnings.push({ source: SOURCE_NAME, file: m, code: 'module-not-found', message: `configured module ${m} does not assign ${names.constant} (or does not parse)` });
    }
  }
  const index = new ModuleIndex(input.pythonFiles);
  const providers = findProviders(index, facts, { editable: (f) => input.editable(f) && facts.has(f), configured: input.configured });
  return { view: moduleView(index, providers, facts), warnings, parsed };
}
