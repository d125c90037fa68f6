// Which parser a file goes to, decided by its extension alone.
import type { Language } from './types.js';

export const TS_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'] as const;
export const PY_EXTENSIONS = ['.py'] as const;
export const LINTED_EXTENSIONS: readonly string[] = [...TS_EXTENSIONS, ...PY_EXTENSIONS];

export function languageOf(file: string): Language | undefined {
  if (PY_EXTENSIONS.some((e) => file.endsWith(e))) return 'python';
  if (TS_EXTENSIONS.some((e) => file.endsWith(e))) return 'ts';
  return undefined;
}
