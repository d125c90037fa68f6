import { sha256 } from './fingerprint.js';

const pad = (n: number): string => String(n).padStart(2, '0');

/** Time-sortable id plus a short content hash, e.g. `20261121-231502-3f9a2c`. */
export function makePlanId(now: Date, content: string): string {
  const d = `${now.getUTCFullYear()}${pad(now.getUTCMonth() + 1)}${pad(now.getUTCDate())}`;
  const t = `${pad(now.getUTCHours())}${pad(now.getUTCMinutes())}${pad(now.getUTCSeconds())}`;
  return `${d}-${t}-${sha256(content).slice(0, 6)}`;
}

export const PLAN_ID_PATTERN = /^\d{8}-\d{6}-[0-9a-f]{6}$/;
