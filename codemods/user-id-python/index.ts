// The Python user-id codemod as an operation source: `USER_ID` -> `get_userid()` across a project.
import { editOp } from '../../plan/ops.js';
import { withinPaths } from '../../plan/files.js';
import { loc } from '../../plan/paths.js';
import type { Operation, OperationSource, PlanContext, SourceResult, Warning } from '../../plan/types.js';
import { mayContain } from '../shared/prefilter.js';
import { decodeSource, readProjectBytes } from '../shared/read.js';
import { sortWarnings } from '../shared/warnings.js';
import { resolvePythonOptions } from './options.js';
import { loadPythonParser } from './parser.js';
import { projectModules } from './project.js';
import { SOURCE_NAME, transformPython } from './transform.js';

export { transformPython, SOURCE_NAME, type PythonUserIdOptions, type TransformResult } from './transform.js';
export { resolvePythonOptions } from './options.js';
export { findLegacyUserIdPaths } from './legacy-paths.js';

async function plan(ctx: PlanContext): Promise<SourceResult> {
  const options = resolvePythonOptions(ctx);
  const pythonFiles = await ctx.files.list(['.py']);
  const inPaths = new Set(withinPaths(pythonFiles, ctx.paths));
  const warnings: Warning[] = [];
  const texts = new Map<string, string>();
  for (const file of pythonFiles) {
    const bytes = readProjectBytes(ctx.roots, file);
    if (!mayContain(bytes, [options.constant])) continue;
    const decoded = decodeSource(SOURCE_NAME, file, bytes);
    if (decoded.ok) texts.set(file, decoded.text);
    else if (inPaths.has(file)) warnings.push(decoded.warning);
  }
  const operations: Operation[] = [];
  if (texts.size > 0) {
    const parser = await loadPythonParser();
    const project = projectModules(parser, options, { pythonFiles, texts, editable: (f) => inPaths.has(f), configured: options.modules });
    warnings.push(...project.warnings);
    const targets = [...texts].filter(([file]) => inPaths.has(file));
    targets.forEach(([file, text], i) => {
      ctx.progress?.(i, targets.length, file);
      try {
        const result = transformPython(parser, text, file, options, project.view);
        warnings.push(...result.warnings);
        if (result.splices.length > 0) operations.push(editOp(ctx.roots, { source: SOURCE_NAME }, loc('project', file), text, result.splices));
      } catch (e) {
        // One pathological file (say, nesting deeper than the stack) must not sink the whole plan.
        warnings.push({ source: SOURCE_NAME, file, code: 'internal-error', message: `skipped: ${(e as Error).message}` });
      }
    });
    ctx.progress?.(targets.length, targets.length, 'done');
  }
  return { operations, warnings: sortWarnings(warnings), errors: [] };
}

export const userIdPythonSource: OperationSource = { name: SOURCE_NAME, category: 'code', plan };
