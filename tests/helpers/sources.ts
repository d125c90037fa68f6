import type { Operation, OperationSource, PlanContext, PlanError, SourceResult, Warning } from '../../plan/types.js';

/** An operation source defined inline by a test. */
export function inlineSource(
  build: (ctx: PlanContext) => Operation[] | Promise<Operation[]>,
  extra: { warnings?: Warning[]; errors?: PlanError[]; category?: 'code' | 'fs'; name?: string } = {},
): OperationSource {
  return {
    name: extra.name ?? 'test-source',
    category: extra.category ?? 'fs',
    async plan(ctx) {
      return { operations: await build(ctx), warnings: extra.warnings ?? [], errors: extra.errors ?? [] };
    },
  };
}

/** Runs one source as the plan builder does, its emitted and returned operations in one list. */
export async function runSource(source: OperationSource, ctx: Omit<PlanContext, 'emit'> & { emit?: PlanContext['emit'] }): Promise<SourceResult> {
  const emitted: Operation[] = [];
  const res = await source.plan({ ...ctx, emit: (op) => emitted.push(op) });
  return { ...res, operations: [...emitted, ...res.operations] };
}
