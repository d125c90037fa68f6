// __name__: TODO one sentence on what the codemod rewrites and why. Reads the project's
// TypeScript/JavaScript files and returns one edit per changed file; it never writes.
import { withinPaths } from '../../plan/files.js';
import { editOp } from '../../plan/ops.js';
import { loc } from '../../plan/paths.js';
import type { OperationSource, PlanContext, SourceResult } from '../../plan/types.js';
import { identifierOption, sectionOptions } from '../shared/options.js';
import { mayContain } from '../shared/prefilter.js';
import { decodeSource, readProjectBytes } from '../shared/read.js';
import { transform__Pascal__, type __Pascal__Options } from './transform.js';

export const SOURCE_NAME = '__name__';
const EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];

/** The config's `__camel__` section, under the profile's or the CLI's options. */
export function __camel__Options(ctx: Pick<PlanContext, 'config' | 'options'>): __Pascal__Options {
  const raw = sectionOptions(ctx, '__camel__');
  return { from: identifierOption(raw, 'from', 'oldName'), to: identifierOption(raw, 'to', 'newName') };
}

export const __camel__Source: OperationSource = {
  name: SOURCE_NAME,
  category: 'code',
  async plan(ctx: PlanContext): Promise<SourceResult> {
    const options = __camel__Options(ctx);
    const result: SourceResult = { operations: [], warnings: [], errors: [] };
    for (const file of withinPaths(await ctx.files.list(EXTENSIONS), ctx.paths)) {
      const bytes = readProjectBytes(ctx.roots, file);
      if (!mayContain(bytes, [options.from])) continue;
      const decoded = decodeSource(SOURCE_NAME, file, bytes);
      if (!decoded.ok) {
        result.warnings.push(decoded.warning);
        continue;
      }
      const splices = transform__Pascal__(file, decoded.text, options);
      // Straight into the plan's store: a codemod keeps no edit in memory.
      if (splices.length > 0) ctx.emit(editOp(ctx.roots, { source: SOURCE_NAME }, loc('project', file), decoded.text, splices));
    }
    return result;
  },
};
