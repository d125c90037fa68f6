// Reading a source's section of the config file. Malformed settings are the user's to fix:
// they raise a UsageError (exit 2) with the offending key named.
import { UsageError } from '../../plan/errors.js';
import type { PlanContext } from '../../plan/types.js';

export type Section = Record<string, unknown>;

/** The config section `name` with the profile's/CLI's options for the source laid over it. */
export function section(ctx: Pick<PlanContext, 'config' | 'options'>, name: string): Section {
  const raw = ctx.config[name];
  if (raw !== undefined && (typeof raw !== 'object' || raw === null || Array.isArray(raw))) {
    throw new UsageError(`config: "${name}" must be an object`);
  }
  return { ...(raw as Section | undefined), ...ctx.options };
}

export function stringOption(s: Section, key: string, where: string, fallback: string): string {
  const v = s[key];
  if (v === undefined) return fallback;
  if (typeof v !== 'string' || v === '') throw new UsageError(`config: "${where}.${key}" must be a non-empty string`);
  return v;
}

export function stringListOption(s: Section, key: string, where: string, fallback: readonly string[]): string[] {
  const v = s[key];
  if (v === undefined) return [...fallback];
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) {
    throw new UsageError(`config: "${where}.${key}" must be an array of strings`);
  }
  return v as string[];
}
