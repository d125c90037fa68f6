// The Python user-id codemod as an operation source: `USER_ID` -> `get_userid()` across a project.
import { withinPaths } from '../../plan/files.js';
import { decodeText } from '../../plan/text.js';
import type { OperationSource, PlanContext, PlanError, SourceResult, Warning } from '../../plan/types.js';
import { mayContain } from '../shared/prefilter.js';
import { decodeSource } from '../shared/read.js';
import { FileReader } from '../../plan/file-reader.js';
import { abs, loc } from '../../plan/paths.js';
import { sortWarnings } from '../shared/warnings.js';
import { helperImportJoiners } from './helper-joiner.js';
import { findLegacyUserIdPaths } from './legacy-paths.js';
import { lineLengthAt, rootFile } from './line-length.js';
import { requiresPython, resolvePythonOptions } from './options.js';
import { SOURCE_NAME } from './source-name.js';

export { SOURCE_NAME };
export type { PythonUserIdOptions, TransformResult } from './transform.js';
export { resolvePythonOptions } from './options.js';
export { findLegacyUserIdPaths } from './legacy-paths.js';

const LEGACY_FILE = 'env.userid';

/** What the project's own configuration says: its Python version and its line length. */
function projectStyle(ctx: PlanContext): { target?: string; lineLength: number } {
  const pyproject = rootFile(ctx.roots, 'pyproject.toml');
  return { target: pyproject === undefined ? undefined : requiresPython(pyproject), lineLength: lineLengthAt(ctx.roots) };
}

/** With the persag accessor, code still reading the repo-root env.userid reads a file that is moving. */
function legacyPathWarnings(file: string, bytes: Uint8Array, accessor: string): Warning[] {
  const decoded = decodeText(bytes);
  if (!decoded.ok) return [];
  return findLegacyUserIdPaths(decoded.text).map((hit) => ({
    source: SOURCE_NAME, file, line: hit.line, column: hit.column, code: 'legacy-user-path', movedPath: true,
    message: `${hit.literal} names the repo-root env.userid, which moves to <persag home>/env.userid; read the user id with ${accessor}() instead`,
  }));
}

async function plan(ctx: PlanContext): Promise<SourceResult> {
  const options = resolvePythonOptions(ctx, projectStyle(ctx));
  const pythonFiles = await ctx.files.list(['.py']);
  const inPaths = new Set(withinPaths(pythonFiles, ctx.paths));
  const warnings: Warning[] = [];
  const errors: PlanError[] = [];
  const texts = new Map<string, string>();
  const reader = new FileReader();
  for (const file of pythonFiles) {
    const bytes = reader.read(abs(ctx.roots, loc('project', file)));
    if (options.persagHome && inPaths.has(file) && mayContain(bytes, [LEGACY_FILE])) warnings.push(...legacyPathWarnings(file, bytes, options.accessor));
    if (!mayContain(bytes, options.persagHome ? [options.constant, LEGACY_FILE] : [options.constant])) continue;
    const decoded = decodeSource(SOURCE_NAME, file, bytes);
    if (decoded.ok) texts.set(file, decoded.text);
    else if (inPaths.has(file)) warnings.push(decoded.warning);
  }
  if (texts.size > 0) {
    // The parser and the transform are loaded only for a project with Python that mentions the constant.
    const { migrateTexts } = await import('./migrate.js');
    await migrateTexts(ctx, options, { pythonFiles, inPaths, texts }, { warnings, errors });
  }
  return { operations: [], warnings: sortWarnings(warnings), errors };
}

export const userIdPythonSource: OperationSource = { name: SOURCE_NAME, category: 'code', plan, joiners: helperImportJoiners };
