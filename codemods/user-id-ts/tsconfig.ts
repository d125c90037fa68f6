// Module aliases from the project's tsconfig.json (or jsconfig.json), `extends` followed, so
// that `import { USER_ID } from '@/config/settings'` is recognised like a relative import.
import fs from 'node:fs';
import path from 'node:path';
import type ts from 'typescript';
import { loadTypeScript } from '../../parse/ts-api.js';
import type { Warning } from '../../plan/types.js';
import type { ModuleAliases } from './resolve.js';
import { SOURCE_NAME } from './transform.js';

const toProject = (root: string, abs: string): string | undefined => {
  const rel = path.relative(root, abs).split(path.sep).join('/');
  return rel.startsWith('..') || path.isAbsolute(rel) ? undefined : rel;
};

/** The aliases, or a warning when the config exists but cannot be read. */
export function loadModuleAliases(projectRoot: string): { aliases?: ModuleAliases; warning?: Warning } {
  const file = ['tsconfig.json', 'jsconfig.json'].map((f) => path.join(projectRoot, f)).find((f) => fs.existsSync(f));
  if (!file) return {};
  const typescript = loadTypeScript();
  const read = typescript.readConfigFile(file, typescript.sys.readFile);
  if (read.error) {
    const message = `cannot read ${path.basename(file)} (${typescript.flattenDiagnosticMessageText(read.error.messageText, ' ')}); path aliases are not followed`;
    return { warning: { source: SOURCE_NAME, file: path.basename(file), code: 'tsconfig-unreadable', message } };
  }
  // Listing the project's files is not needed for the options, so the host lists none.
  const host: ts.ParseConfigHost = { ...typescript.sys, readDirectory: () => [] };
  const { options } = typescript.parseJsonConfigFileContent(read.config, host, path.dirname(file), undefined, file);
  // Without baseUrl, `paths` are relative to the config that declares them (TS keeps that dir here).
  const pathsBase = options.baseUrl ?? (options as { pathsBasePath?: string }).pathsBasePath ?? path.dirname(file);
  const paths = Object.entries(options.paths ?? {}).map(([pattern, targets]) => ({
    pattern,
    targets: targets.flatMap((t) => toProject(projectRoot, path.resolve(pathsBase, t)) ?? []),
  }));
  const baseUrl = options.baseUrl === undefined ? undefined : toProject(projectRoot, options.baseUrl);
  if (paths.length === 0 && baseUrl === undefined) return {};
  return { aliases: { ...(baseUrl !== undefined ? { baseUrl } : {}), paths } };
}
