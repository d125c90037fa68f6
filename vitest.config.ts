import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts', 'codemods/**/*.test.ts', 'lint/**/*.test.ts', 'migrators/**/*.test.ts', 'plan/**/*.test.ts', 'parse/**/*.test.ts', 'eslint-plugin/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'dist/**', 'fixtures/**'],
    globalSetup: ['tests/helpers/temp-root.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
