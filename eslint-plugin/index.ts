// migrate-users/eslint-plugin: our lint rules in ESLint 9 (flat config), driven by the same
// detectors as `migrate-users lint`, so editors show the findings as you type.
//
//   import migrateUsers from 'migrate-users/eslint-plugin';
//   export default [migrateUsers.configs.recommended];
import type { ESLint, Linter } from 'eslint';
import { TOOL_VERSION } from '../plan/version.js';
import { defaultSeverities, eslintRules } from './rules.js';

export const PLUGIN_NAME = 'migrate-users';

interface MigrateUsersPlugin extends ESLint.Plugin {
  meta: { name: string; version: string };
  rules: NonNullable<ESLint.Plugin['rules']>;
  configs: { recommended: Linter.Config };
}

const plugin: MigrateUsersPlugin = {
  meta: { name: PLUGIN_NAME, version: TOOL_VERSION },
  rules: eslintRules,
  configs: { recommended: {} },
};

// No `files` and no parser: the config applies to every file the project already lints, with
// the parser it already uses (typescript-eslint for .ts); our rules read only the text.
plugin.configs.recommended = {
  name: `${PLUGIN_NAME}/recommended`,
  plugins: { [PLUGIN_NAME]: plugin },
  rules: Object.fromEntries(Object.entries(defaultSeverities).map(([id, severity]) => [`${PLUGIN_NAME}/${id}`, severity])),
};

export default plugin;
