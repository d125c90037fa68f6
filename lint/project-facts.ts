// The facts about the whole project that rules need and cannot see in the one file they lint,
// found once per run before any file is linted and handed to every rule as plain values
// (`RuleContext.project`). Today one: which modules define the user-id constant as a key name
// (`export const USER_ID = 'USER_ID'` in a Vuex `mutation-types.ts`): static-user-id leaves
// their importers alone, as the codemod does (both through `keyNameValue`, the one notion).
import fs from 'node:fs';
import path from 'node:path';
import { scanFiles } from '../plan/byte-scan.js';
import { keyNameValue, mayDefineAsString } from '../codemods/user-id-ts/reads.js';
import { TS_EXTENSIONS } from '../parse/languages.js';
import { parseTypeScript } from '../parse/typescript.js';
import { NO_PROJECT_FACTS, type EnabledRule, type ProjectFacts } from './types.js';

const TS_FILE = new Set<string>(TS_EXTENSIONS);

/** The facts the enabled rules need, from every file of the project (not only the paths linted). */
export async function projectFacts(root: string, files: readonly string[], enabled: readonly EnabledRule[]): Promise<ProjectFacts> {
  const rule = enabled.find((e) => e.id === 'static-user-id');
  const constant = rule?.options.constant;
  if (typeof constant !== 'string') return NO_PROJECT_FACTS;
  const tsFiles = files.filter((f) => TS_FILE.has(path.extname(f)) && !/\.d\.[cm]?ts$/.test(f));
  const keyNameModules: string[] = [];
  await scanFiles({ root, files: tsFiles, needles: [constant] }, {
    hit: (i, scanned) => {
      const file = tsFiles[i]!;
      let text: string;
      try {
        text = (scanned ?? fs.readFileSync(path.join(root, file))).toString('utf8');
      } catch {
        return; // unreadable: the lint reports it with the file
      }
      if (!mayDefineAsString(text, constant)) return;
      const parsed = parseTypeScript(file, text);
      if ('sourceFile' in parsed && keyNameValue(parsed.sourceFile, constant) !== undefined) keyNameModules.push(file);
    },
  });
  return keyNameModules.length > 0 ? { keyNameModules: keyNameModules.sort() } : NO_PROJECT_FACTS;
}
