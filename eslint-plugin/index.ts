// migrate-users/eslint-plugin: our lint rules in ESLint 9 (flat config), driven by the same
// detectors as `migrate-users lint`, so editors show the findings as you type.
//
//   import migrateUsers from 'migrate-users/eslint-plugin';
//   export default [...migrateUsers.configs.recommended];
import type { ESLint, Linter } from 'eslint';
import { defaultSettings } from '../lint/config.js';
import { detectLintProfile } from '../lint/profile.js';
import { TOOL_VERSION } from '../plan/version.js';
import { eslintRules } from './rules.js';
import { typescriptParser } from './typescript-parser.js';

export const PLUGIN_NAME = 'migrate-users';

export const TS_FILES = ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'];
export const JS_FILES = ['**/*.js', '**/*.jsx', '**/*.mjs', '**/*.cjs'];

interface MigrateUsersPlugin extends ESLint.Plugin {
  meta: { name: string; version: string };
  rules: NonNullable<ESLint.Plugin['rules']>;
  configs: { readonly recommended: Linter.Config[] };
  /** `recommended` for the project at `dir` (a package of a monorepo linted from its root). */
  recommendedFor(dir: string): Linter.Config[];
}

// ESLint 9 lints only .js/.mjs/.cjs unless a config names other files, and parses TypeScript only
// with a TypeScript parser: `recommended` does both, so copying it is all a TypeScript project needs.
// Put your own parser settings after it if you parse TypeScript with something else. Its rules are
// those `migrate-users lint` runs by default in the project's profile (lint/profile.ts), detected
// from ESLint's working directory, as the advice in the messages is.
function recommendedFor(dir: string): Linter.Config[] {
  const settings = defaultSettings(detectLintProfile(dir));
  return [
    { name: `${PLUGIN_NAME}/typescript`, files: TS_FILES, languageOptions: { parser: typescriptParser } },
    { name: `${PLUGIN_NAME}/jsx`, files: ['**/*.jsx'], languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } } },
    {
      name: `${PLUGIN_NAME}/recommended`,
      files: [...JS_FILES, ...TS_FILES],
      plugins: { [PLUGIN_NAME]: plugin },
      rules: Object.fromEntries(Object.entries(settings).map(([id, setting]) => [`${PLUGIN_NAME}/${id}`, setting])),
    },
  ];
}

const plugin: MigrateUsersPlugin = {
  meta: { name: PLUGIN_NAME, version: TOOL_VERSION },
  rules: eslintRules,
  configs: {
    get recommended() {
      return recommendedFor(process.cwd());
    },
  },
  recommendedFor,
};

export default plugin;
