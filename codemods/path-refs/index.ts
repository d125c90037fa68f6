// path-refs: code follows the data (SPEC §8). Takes the locations the plan's migrators move
// (`ctx.relocations`, a plain value) and rewrites, in the same plan, the path expressions that
// name them, so that the migrated app finds its data. Paths it cannot follow are plan errors.
import { editOp } from '../../plan/ops.js';
import { withinPaths } from '../../plan/files.js';
import { abs, loc } from '../../plan/paths.js';
import type { OperationSource, PlanContext, PlanError, Relocation, SourceResult, Span, Warning } from '../../plan/types.js';
import { sectionOptions } from '../shared/options.js';
import { mayContain } from '../shared/prefilter.js';
import { decodeSource } from '../shared/read.js';
import { FileReader } from '../../plan/file-reader.js';
import { positionAt, sortWarnings } from '../shared/warnings.js';
import { helperImportJoiners } from '../user-id-python/helper-joiner.js';
import { USER_ID_SEGMENT } from '../shared/relocate.js';

export const SOURCE_NAME = 'path-refs';

/** Literal segments of the moved locations: a file that names none of them cannot name one. */
function needles(relocations: readonly Relocation[]): string[] {
  return [...new Set(relocations.flatMap((r) => r.from.path.split('/').filter((s) => !s.includes(USER_ID_SEGMENT))))];
}

/** Files inside a moved location travel with it; what they name relative to themselves still holds. */
function movesWithData(file: string, relocations: readonly Relocation[]): boolean {
  return relocations.some((r) => r.from.root === 'project' && !r.from.path.includes(USER_ID_SEGMENT) && (file === r.from.path || file.startsWith(`${r.from.path}/`)));
}

async function plan(ctx: PlanContext): Promise<SourceResult> {
  const relocations = ctx.relocations ?? [];
  const result: SourceResult = { operations: [], warnings: [], errors: [] };
  if (relocations.length === 0) return result;
  const words = needles(relocations);
  const options = sectionOptions(ctx, 'pathRefs');
  const warnings: Warning[] = [];
  const errors: PlanError[] = [];
  const rewrote: Span[] = [];
  const { FRONT_ENDS } = await import('./front-ends.js');
  const reader = new FileReader();
  for (const frontEnd of FRONT_ENDS) {
    const projectFiles = await ctx.files.list(frontEnd.extensions);
    const files = withinPaths(projectFiles, ctx.paths).filter((f) => !movesWithData(f, relocations));
    for (const file of files) {
      const bytes = reader.read(abs(ctx.roots, loc('project', file)));
      if (!mayContain(bytes, words)) continue;
      const decoded = decodeSource(SOURCE_NAME, file, bytes);
      if (!decoded.ok) continue;
      const out = await frontEnd.rewrite({ file, text: decoded.text, roots: ctx.roots, relocations, options, projectFiles });
      warnings.push(...out.warnings);
      errors.push(...out.errors);
      for (const r of out.rewritten ?? out.splices) rewrote.push(spanOf(file, decoded.text, r));
      if (out.splices.length > 0) ctx.emit(editOp(ctx.roots, { source: SOURCE_NAME }, loc('project', file), decoded.text, out.splices, out.joinable ? { joinable: out.joinable } : {}));
    }
  }
  return { operations: [], warnings: sortWarnings(warnings), errors, rewrote };
}

function spanOf(file: string, text: string, range: { start: number; end: number }): Span {
  const start = positionAt(text, range.start);
  const end = positionAt(text, range.end);
  return { file, line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
}

export const pathRefsSource: OperationSource = { name: SOURCE_NAME, category: 'code', followsRelocations: true, plan, joiners: helperImportJoiners };
