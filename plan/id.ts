import crypto from 'node:crypto';

const pad = (n: number): string => String(n).padStart(2, '0');

/**
 * Time-sortable id plus a random part, e.g. `20261121-231502-3f9a2c`. The random part makes the
 * id unique per plan (two plans of one tree never share it), so it alone names a plan too.
 */
export function makePlanId(now: Date): string {
  const d = `${now.getUTCFullYear()}${pad(now.getUTCMonth() + 1)}${pad(now.getUTCDate())}`;
  const t = `${pad(now.getUTCHours())}${pad(now.getUTCMinutes())}${pad(now.getUTCSeconds())}`;
  return `${d}-${t}-${crypto.randomBytes(3).toString('hex')}`;
}

export const PLAN_ID_PATTERN = /^\d{8}-\d{6}-[0-9a-f]{6}$/;

/** When the plan was made, read from its id (no need to load a possibly large plan file). */
export function planIdTime(id: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})-/.exec(id);
  return m ? new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!)) : undefined;
}
