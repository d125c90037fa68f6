// The Python user-id codemod as an operation source: `USER_ID` -> `get_userid()` across a project.
import { editOp } from '../../plan/ops.js';
import { withinPaths } from '../../plan/files.js';
import { loc } from '../../plan/paths.js';
import { decodeText } from '../../plan/text.js';
import type { OperationSource, PlanContext, PlanError, SourceResult, Warning } from '../../plan/types.js';
import { mayContain } from '../shared/prefilter.js';
import { decodeSource, readProjectBytes } from '../shared/read.js';
import { sortWarnings } from '../shared/warnings.js';
import { HELPER_IMPORTS, joinHelperImports, joinableImports } from './helper-imports.js';
import { findLegacyUserIdPaths } from './legacy-paths.js';
import { lineLengthAt, rootFile } from './line-length.js';
import { requiresPython, resolvePythonOptions } from './options.js';
import { loadPythonParser } from './parser.js';
import { projectModules } from './project.js';
import { SOURCE_NAME, transformPython } from './transform.js';
import type { SettingsModule } from './persag-settings.js';
import { moduleName } from './settings-module.js';

export { transformPython, SOURCE_NAME, type PythonUserIdOptions, type TransformResult } from './transform.js';
export { resolvePythonOptions } from './options.js';
export { findLegacyUserIdPaths } from './legacy-paths.js';

/** Source characters whose parse trees are kept from the project pass for the transform (~10x in wasm memory). */
const KEPT_PARSE_BUDGET = 8_000_000;

/** A `keep` predicate accepting files (of the size `sizeOf` gives, undefined = never) until `budget` is spent. */
function keepWithin(budget: number, sizeOf: (file: string) => number | undefined): (file: string) => boolean {
  let left = budget;
  return (file) => {
    const size = sizeOf(file);
    if (size === undefined || size > left) return false;
    left -= size;
    return true;
  };
}

const LEGACY_FILE = 'env.userid';

/** The one defining module, which the persag helpers live in; none when the project has several. */
function settingsModuleOf(pythonFiles: readonly string[], definers: readonly string[]): SettingsModule | undefined {
  return definers.length === 1 ? { file: definers[0]!, module: moduleName(pythonFiles, definers[0]!) } : undefined;
}

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
  for (const file of pythonFiles) {
    const bytes = readProjectBytes(ctx.roots, file);
    if (options.persagHome && inPaths.has(file) && mayContain(bytes, [LEGACY_FILE])) warnings.push(...legacyPathWarnings(file, bytes, options.accessor));
    if (!mayContain(bytes, options.persagHome ? [options.constant, LEGACY_FILE] : [options.constant])) continue;
    const decoded = decodeSource(SOURCE_NAME, file, bytes);
    if (decoded.ok) texts.set(file, decoded.text);
    else if (inPaths.has(file)) warnings.push(decoded.warning);
  }
  if (texts.size > 0) {
    const parser = await loadPythonParser();
    const keep = keepWithin(KEPT_PARSE_BUDGET, (f) => (inPaths.has(f) ? texts.get(f)!.length : undefined));
    const project = projectModules(parser, options, { pythonFiles, texts, editable: (f) => inPaths.has(f), configured: options.modules, keep });
    warnings.push(...project.warnings);
    if (options.persagHome) options.settings = settingsModuleOf(pythonFiles, [...texts.keys()].filter((f) => project.view.provider(f)?.role === 'definer'));
    const targets = [...texts].filter(([file]) => inPaths.has(file));
    targets.forEach(([file, text], i) => {
      ctx.progress?.(i, targets.length, file);
      const parsed = project.parsed.get(file);
      try {
        const result = transformPython(parser, text, file, options, project.view, parsed);
        warnings.push(...result.warnings);
        errors.push(...(result.errors ?? []));
        if (result.splices.length > 0) ctx.emit(editOp(ctx.roots, { source: SOURCE_NAME }, loc('project', file), text, result.splices, joinableImports(result.helperImports)));
      } catch (e) {
        // One pathological file must not sink the whole plan.
        warnings.push({ source: SOURCE_NAME, file, code: 'internal-error', message: `skipped: ${(e as Error).message}` });
      } finally {
        parsed?.dispose();
      }
    });
    ctx.progress?.(targets.length, targets.length, 'done');
  }
  return { operations: [], warnings: sortWarnings(warnings), errors };
}

export const userIdPythonSource: OperationSource = { name: SOURCE_NAME, category: 'code', plan, joiners: { [HELPER_IMPORTS]: joinHelperImports } };
