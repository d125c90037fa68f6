import fs from 'node:fs';
import path from 'node:path';
import { UsageError } from './errors.js';

export const CONFIG_FILE_NAME = 'migrate-users.config.json';

/** Reads the config file: `file` if given (must exist), else the default one at the root if present. */
export function loadConfig(root: string, file?: string): Record<string, unknown> {
  const explicit = file !== undefined;
  const p = explicit ? path.resolve(file) : path.join(root, CONFIG_FILE_NAME);
  if (!fs.existsSync(p)) {
    if (explicit) throw new UsageError(`config file ${file} does not exist; check the --config path`);
    return {};
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(p, 'utf8'));
  } catch (e) {
    throw new UsageError(`config file ${path.relative(process.cwd(), p) || p} is not valid JSON (${(e as Error).message}); fix it or pass --config`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new UsageError(`config file ${p} must hold a JSON object`);
  }
  return parsed as Record<string, unknown>;
}
