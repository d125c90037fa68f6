// ESLint flat config equivalent to `migrate-users lint` (see patterns.mjs), for the benchmark.
// Run with the corpus as cwd: `eslint -c <this file> --format json .`
import tsParser from '@typescript-eslint/parser';
import { LINTED_GLOB, RULES } from './patterns.mjs';

const message = (id) => `migrate-users ${id}`;

export default [
  {
    files: [`**/${LINTED_GLOB}`],
    languageOptions: {
      parser: tsParser,
      sourceType: 'module',
      parserOptions: { ecmaFeatures: { jsx: true } },
    },
    linterOptions: { reportUnusedDisableDirectives: 'off' },
    rules: {
      'no-restricted-syntax': ['error', ...RULES.flatMap((r) => r.selectors.map((selector) => ({ selector, message: message(r.id) })))],
      'no-restricted-imports': [
        'error',
        {
          paths: RULES.flatMap((r) => (r.restrictedImportPaths ?? []).map((name) => ({ name, message: message(r.id) }))),
          patterns: RULES.flatMap((r) => (r.restrictedImportPatterns ?? []).map((p) => ({ ...p, message: message(r.id) }))),
        },
      ],
    },
  },
];
