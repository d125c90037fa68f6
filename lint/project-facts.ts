// The facts about the whole project that rules need and cannot see in the one file they lint,
// handed to every rule as plain values (`RuleContext.project`). Today one: which modules define
// the user-id constant as a key name (`export const USER_ID = 'USER_ID'` in a Vuex
// `mutation-types.ts`): static-user-id leaves their importers alone, as the codemod does (both
// through `keyNameValue`, the one notion). Only a file that holds the constant's name can define
// it, and the lint reads those anyway: the finder looks at them as they are read (the lint holds
// back their own linting until every file is read), and scans only the files it will not read.
import fs from 'node:fs';
import path from 'node:path';
import { scanFiles } from '../plan/byte-scan.js';
import { keyNameValue, mayDefineAsString } from '../codemods/user-id-ts/reads.js';
import { TS_EXTENSIONS } from '../parse/languages.js';
import { parseTypeScript } from '../parse/typescript.js';
import { NO_PROJECT_FACTS, type EnabledRule, type ProjectFacts } from './types.js';

const TS_FILE = new Set<string>(TS_EXTENSIONS);
/** The rule that needs the facts: files it may report on wait for them. */
export const NEEDS_FACTS = 'static-user-id';

export class KeyNameFinder {
  private readonly modules = new Set<string>();

  constructor(private readonly constant: string) {}

  /** Looks at one project file's text. */
  observe(file: string, text: string): void {
    if (!TS_FILE.has(path.extname(file)) || /\.d\.[cm]?ts$/.test(file) || !text.includes(this.constant) || !mayDefineAsString(text, this.constant)) return;
    const parsed = parseTypeScript(file, text);
    if ('sourceFile' in parsed && keyNameValue(parsed.sourceFile, this.constant) !== undefined) this.modules.add(file);
  }

  /** Reads and looks at files the lint does not read itself. */
  async scan(root: string, files: readonly string[]): Promise<void> {
    const ts = files.filter((f) => TS_FILE.has(path.extname(f)));
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

  facts(): ProjectFacts {
    return this.modules.size > 0 ? { keyNameModules: [...this.modules].sort() } : NO_PROJECT_FACTS;
  }
}

/** A finder when a rule that needs the facts is on. */
export function keyNameFinder(enabled: readonly EnabledRule[]): KeyNameFinder | undefined {
  const constant = enabled.find((e) => e.id === NEEDS_FACTS)?.options.constant;
  return typeof constant === 'string' ? new KeyNameFinder(constant) : undefined;
}
