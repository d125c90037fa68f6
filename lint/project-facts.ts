// The facts about the whole project that rules need and cannot see in the one file they lint,
// handed to every rule as plain values (`RuleContext.project`). Today one: which modules define
// the user-id constant as a key name (`export const USER_ID = 'USER_ID'` in a Vuex
// `mutation-types.ts`): static-user-id leaves their importers alone, as the codemod does (both
// through `keyNameValue`, the one notion). Only a file that holds the constant's name can define
// it, and the lint reads those anyway: the finder looks at them as they are read (the lint holds
// back their own linting until every file is read), and scans only the files it will not read.
// Python modules count too (`USER_ID = "USER_ID"`), by the Python codemod's own test.
// The ESLint plugin, which sees one file at a time, asks for the same fact about the modules that
// one file imports (`importedKeyNameModules`).
import fs from 'node:fs';
import path from 'node:path';
import { scanFiles } from '../plan/byte-scan.js';
import { keyNameValue, mayDefineAsString } from '../codemods/user-id-ts/reads.js';
import { candidateFiles, type ModuleAliases } from '../codemods/user-id-ts/resolve.js';
import { loadModuleAliases } from '../codemods/user-id-ts/tsconfig.js';
import { TS_EXTENSIONS } from '../parse/languages.js';
import { parseTypeScript } from '../parse/typescript.js';
import { analyzeScopes, definesKeyName as definesKeyNameInPython } from '../codemods/user-id-python/reads.js';
import { NO_PROJECT_FACTS, type EnabledRule, type ProjectFacts } from './types.js';

const TS_FILE = new Set<string>(TS_EXTENSIONS);
/** The rule that needs the facts: files it may report on wait for them. */
export const NEEDS_FACTS = 'static-user-id';

export class KeyNameFinder {
  private readonly modules = new Set<string>();
  /** Python files that may define the constant as a key name: parsed when the facts are asked for (the parser loads asynchronously). */
  private readonly pending: Array<{ file: string; text: string }> = [];
  private readonly pythonDefinition: RegExp;

  constructor(private readonly constant: string) {
    this.pythonDefinition = new RegExp(`^${constant}\\s*(?::[^=\\n]*)?=\\s*[rRuU]?['"]`, 'm');
  }

  /** Looks at one project file's text. */
  observe(file: string, text: string): void {
    if (path.extname(file) === '.py') {
      if (this.pythonDefinition.test(text)) this.pending.push({ file, text });
    } else if (definesKeyName(file, text, this.constant)) this.modules.add(file);
  }

  /** Reads and looks at files the lint does not read itself. */
  async scan(root: string, files: readonly string[]): Promise<void> {
    const ts = files.filter((f) => TS_FILE.has(path.extname(f)) || path.extname(f) === '.py');
    await scanFiles({ root, files: ts, needles: [this.constant] }, {
      hit: (i, scanned) => {
        try {
          this.observe(ts[i]!, (scanned ?? fs.readFileSync(path.join(root, ts[i]!))).toString('utf8'));
        } catch {
          // unreadable: it defines nothing, and the lint reports it if it lints it
        }
      },
    });
  }

  async facts(): Promise<ProjectFacts> {
    for (const { file, text } of this.pending.splice(0)) if (await definesPythonKeyName(file, text, this.constant)) this.modules.add(file);
    return this.modules.size > 0 ? { keyNameModules: [...this.modules].sort() } : NO_PROJECT_FACTS;
  }
}

/** Whether a project file defines `constant` as a key name (`export const USER_ID = 'USER_ID'`). */
function definesKeyName(file: string, text: string, constant: string): boolean {
  if (!TS_FILE.has(path.extname(file)) || /\.d\.[cm]?ts$/.test(file) || !text.includes(constant) || !mayDefineAsString(text, constant)) return false;
  const parsed = parseTypeScript(file, text);
  return 'sourceFile' in parsed && keyNameValue(parsed.sourceFile, constant) !== undefined;
}

/** The same for a Python module (`USER_ID = "USER_ID"`), by the Python codemod's own test. */
async function definesPythonKeyName(file: string, text: string, constant: string): Promise<boolean> {
  // Loaded on first use, as the lint loads the Python parser only when a Python file needs it.
  const { parsePython } = await import('../parse/python.js');
  const parsed = await parsePython(file, text);
  if (!('tree' in parsed)) return false;
  try {
    return definesKeyNameInPython(analyzeScopes(parsed.root, { text, names: [constant] }), constant);
  } finally {
    parsed.tree.delete();
  }
}

/** `from '...'`, `require('...')`, `import('...')`: the specifiers a file may import the constant through. */
const SPECIFIER = /(?:\bfrom|\brequire\s*\(|\bimport\s*\()\s*(['"])([^'"\n]+)\1/g;

/** Per module file and constant: whether it defines the constant as a key name, as of its last change. */
const definers = new Map<string, { mtimeMs: number; size: number; defines: boolean }>();
const aliasesByRoot = new Map<string, ModuleAliases | undefined>();

function definesKeyNameOnDisk(root: string, file: string, constant: string): boolean | undefined {
  const abs = path.join(root, file);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(abs);
  } catch {
    return undefined; // no such file: another candidate may be the module
  }
  if (!stat.isFile()) return undefined;
  const key = `${constant}\0${abs}`;
  const known = definers.get(key);
  if (known && known.mtimeMs === stat.mtimeMs && known.size === stat.size) return known.defines;
  let defines = false;
  try {
    defines = definesKeyName(file, fs.readFileSync(abs, 'utf8'), constant);
  } catch {
    // unreadable: it defines nothing
  }
  definers.set(key, { mtimeMs: stat.mtimeMs, size: stat.size, defines });
  return defines;
}

/**
 * The facts for one file linted alone (the ESLint plugin): of the modules `file` imports (relative
 * or through tsconfig aliases, resolved under `root`), those that define `constant` as a key name.
 */
export function importedKeyNameModules(root: string, file: string, text: string, constant: string): ProjectFacts {
  if (!text.includes(constant)) return NO_PROJECT_FACTS;
  if (!aliasesByRoot.has(root)) aliasesByRoot.set(root, loadModuleAliases(root).aliases);
  const aliases = aliasesByRoot.get(root);
  const modules = new Set<string>();
  for (const [, , specifier] of text.matchAll(SPECIFIER)) {
    for (const candidate of candidateFiles(file, specifier!, aliases)) {
      const defines = definesKeyNameOnDisk(root, candidate, constant);
      if (defines) modules.add(candidate);
      if (defines !== undefined) break;
    }
  }
  return modules.size > 0 ? { keyNameModules: [...modules].sort() } : NO_PROJECT_FACTS;
}

/** A finder when a rule that needs the facts is on. */
export function keyNameFinder(enabled: readonly EnabledRule[]): KeyNameFinder | undefined {
  const constant = enabled.find((e) => e.id === NEEDS_FACTS)?.options.constant;
  return typeof constant === 'string' ? new KeyNameFinder(constant) : undefined;
}
