// __name__: TODO one sentence on which per-user data moves where, and why. The scaffold moves
// every `<from>/<user id>` to `<to>/<user id>` (config section `__camel__`): replace it with yours.
// It only plans: every change is an operation the engine applies, journals and rolls back.
import { abs, display, loc } from '../../plan/paths.js';
import { moveOp } from '../../plan/ops.js';
import type { OperationSource, PlanContext, SourceResult } from '../../plan/types.js';
import { section, stringOption } from '../shared/config.js';
import { mkdirChain } from '../shared/mkdirs.js';
import { childNames, symlinkWarnings, typeAt } from '../shared/tree.js';
import { checkUserId } from '../shared/user-id.js';

export const SOURCE = '__name__';

export const __camel__Source: OperationSource = {
  name: SOURCE,
  category: 'fs',
  async plan(ctx: PlanContext): Promise<SourceResult> {
    const options = section(ctx, '__camel__');
    const from = stringOption(options, 'from', '__camel__', 'legacy-users');
    const to = stringOption(options, 'to', '__camel__', 'users');
    const { roots } = ctx;
    const result: SourceResult = { operations: [], warnings: [], errors: [] };
    const planned = new Set<string>();
    const fromDir = loc('project', from);
    if (typeAt(roots, fromDir) !== 'dir') return result;
    for (const id of childNames(abs(roots, fromDir))) {
      const source = loc('project', `${from}/${id}`);
      const target = loc('project', `${to}/${id}`);
      const invalid = checkUserId(SOURCE, roots, id, () => [source, target], from);
      if (invalid) {
        result.errors.push(invalid);
        continue;
      }
      if (typeAt(roots, target) !== undefined) {
        result.errors.push({ source: SOURCE, code: 'collision', message: `cannot move ${display(source)} to ${display(target)}: it already exists; skipped`, paths: [display(source), display(target)] });
        continue;
      }
      const dirs = mkdirChain(roots, { source: SOURCE, group: id }, loc('project', to), planned);
      if ('blocked' in dirs) {
        result.errors.push({ source: SOURCE, code: 'not-a-directory', message: `cannot move ${display(source)}: ${dirs.blocked}; skipped`, paths: [display(source)] });
        continue;
      }
      result.operations.push(...dirs.ops, moveOp(roots, { source: SOURCE, group: id }, source, target));
      result.warnings.push(...symlinkWarnings(SOURCE, roots, source, target));
    }
    return result;
  },
};
