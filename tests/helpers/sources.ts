import type { Operation, OperationSource, PlanContext, PlanError, Warning } from '../../plan/types.js';

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
