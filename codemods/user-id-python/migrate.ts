// The Python user-id codemod's work on the files that mention the constant: the tree-sitter
// parser, the project's module view and the transform, loaded only when there are such files.
import { editOp } from '../../plan/ops.js';
import { loc } from '../../plan/paths.js';
import type { PlanContext, PlanError, Warning } from '../../plan/types.js';
import { joinableImports } from './helper-imports.js';
import { loadPythonParser } from './parser.js';
import type { SettingsModule } from './persag-settings.js';
import { projectModules } from './project.js';
import { moduleName } from './settings-module.js';
import type { ResolvedPythonOptions } from './options.js';
import { SOURCE_NAME, transformPython } from './transform.js';

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

/** The one defining module, which the persag helpers live in; none when the project has several. */
function settingsModuleOf(pythonFiles: readonly string[], definers: readonly string[]): SettingsModule | undefined {
  return definers.length === 1 ? { file: definers[0]!, module: moduleName(pythonFiles, definers[0]!) } : undefined;
}

export interface PythonFiles {
  pythonFiles: readonly string[];
  /** The files within the plan's paths: the ones edited. */
  inPaths: ReadonlySet<string>;
  /** Decoded text of every file that may mention the constant. */
  texts: Map<string, string>;
}

/** Parses the mentioning files, transforms those within the paths and emits their edits. */
export async function migrateTexts(ctx: PlanContext, options: ResolvedPythonOptions, { pythonFiles, inPaths, texts }: PythonFiles, out: { warnings: Warning[]; errors: PlanError[] }): Promise<void> {
  const { warnings, errors } = out;
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
