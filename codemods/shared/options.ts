// Codemod options come from one section of the config file, overridden by the profile / CLI.
import { UsageError } from '../../plan/errors.js';
import type { PlanContext } from '../../plan/types.js';

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `ctx.config[section]` merged with `ctx.options` (the latter wins); unknown shapes are ignored. */
export function sectionOptions(ctx: Pick<PlanContext, 'config' | 'options'>, section: string): Record<string, unknown> {
  const fromConfig = ctx.config[section];
  return { ...(isRecord(fromConfig) ? fromConfig : {}), ...ctx.options };
}

/** A string option, or the fallback; anything else is a usage error the caller reports. */
export function stringOption(opts: Record<string, unknown>, key: string, fallback: string): string;
export function stringOption(opts: Record<string, unknown>, key: string): string | undefined;
export function stringOption(opts: Record<string, unknown>, key: string, fallback?: string): string | undefined {
  const v = opts[key];
  if (v === undefined || v === null || v === '') return fallback;
  if (typeof v !== 'string') throw new UsageError(`option ${key} must be a string, got ${JSON.stringify(v)}`);
  return v;
}

/** An option naming an identifier (a constant, an accessor): must be a valid identifier. */
export function identifierOption(opts: Record<string, unknown>, key: string, fallback: string): string {
  const v = stringOption(opts, key, fallback);
  if (!/^[A-Za-z_$][\w$]*$/.test(v)) throw new UsageError(`option ${key} must be an identifier, got ${JSON.stringify(v)}`);
  return v;
}
