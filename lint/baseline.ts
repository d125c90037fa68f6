// The baseline: findings accepted for now, so that CI fails only on new ones. One entry per
// finding keyed by rule + file + line-independent fingerprint, sorted, so the file diffs well.
import fs from 'node:fs';
import path from 'node:path';
import { UsageError } from '../plan/errors.js';
import type { BaselineEntry, Finding } from './types.js';

export const DEFAULT_BASELINE_FILE = 'migrate-users.baseline.json';
const VERSION = 1;

interface BaselineDocument {
  version: number;
  tool: string;
  findings: BaselineEntry[];
}

function compareEntries(a: BaselineEntry, b: BaselineEntry): number {
  return a.file.localeCompare(b.file) || a.rule.localeCompare(b.rule) || a.fingerprint.localeCompare(b.fingerprint);
}

const keyOf = (e: { rule: string; file: string; fingerprint: string }): string => `${e.rule}\0${e.file}\0${e.fingerprint}`;

export function entryFor(f: Finding): BaselineEntry {
  return { rule: f.ruleId, file: f.file, fingerprint: f.fingerprint, message: f.message };
}

function isEntry(v: unknown): v is BaselineEntry {
  if (typeof v !== 'object' || v === null) return false;
  const e = v as Record<string, unknown>;
  return typeof e.rule === 'string' && typeof e.file === 'string' && typeof e.fingerprint === 'string';
}

export function readBaseline(file: string, shown: string): BaselineEntry[] {
  let doc: unknown;
  try {
    doc = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'ENOENT') throw new UsageError(`baseline ${shown} does not exist; create it with --update-baseline`);
    throw new UsageError(`baseline ${shown} is not valid JSON (${err.message}); regenerate it with --update-baseline`);
  }
  const d = doc as Partial<BaselineDocument>;
  if (typeof d !== 'object' || d === null || d.version !== VERSION || !Array.isArray(d.findings) || !d.findings.every(isEntry)) {
    throw new UsageError(`baseline ${shown} is not a migrate-users baseline (version ${VERSION}); regenerate it with --update-baseline`);
  }
  return d.findings.map((e) => ({ rule: e.rule, file: e.file, fingerprint: e.fingerprint, message: typeof e.message === 'string' ? e.message : '' }));
}

export function writeBaseline(file: string, findings: readonly Finding[]): void {
  const doc: BaselineDocument = { version: VERSION, tool: 'migrate-users', findings: findings.map(entryFor).sort(compareEntries) };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(doc, null, 2)}\n`);
  fs.renameSync(tmp, file);
}

export interface BaselineComparison {
  fresh: Finding[];
  matched: Finding[];
  stale: BaselineEntry[];
}

/** Each entry absorbs at most one finding, so a second identical finding is new. */
export function compareWithBaseline(findings: readonly Finding[], entries: readonly BaselineEntry[]): BaselineComparison {
  const remaining = new Map<string, BaselineEntry[]>();
  for (const e of entries) remaining.set(keyOf(e), [...(remaining.get(keyOf(e)) ?? []), e]);
  const fresh: Finding[] = [];
  const matched: Finding[] = [];
  for (const f of findings) {
    const pool = remaining.get(keyOf(entryFor(f)));
    if (pool && pool.length > 0) {
      pool.pop();
      matched.push(f);
    } else fresh.push(f);
  }
  const stale = [...remaining.values()].flat().sort(compareEntries);
  return { fresh, matched, stale };
}
