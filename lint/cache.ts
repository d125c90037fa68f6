// `lint --cache`: what each file gave last time, so that a run over an unchanged tree reads and
// parses only what changed (as ESLint's --cache). A file is unchanged when its size and mtime
// are the same, or, with a new mtime (a checkout, a touch), when its bytes hash the same. The
// whole cache is dropped when anything that decides the outcome changes: the tool's version,
// the enabled rules with their severities and options, the profile, the project's facts (lint/project-facts.ts).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { TOOL_VERSION } from '../plan/version.js';
import type { FileOutcome } from './engine/lint-file.js';
import type { EnabledRule, LintProfile, ProjectFacts } from './types.js';

/** Where `--cache` keeps its file when no location is given, relative to the root. */
export const DEFAULT_CACHE_FILE = '.migrate-users/lint-cache.json';

interface Entry {
  size: number;
  mtimeMs: number;
  hash: string;
  outcome: FileOutcome;
}

interface CacheFile {
  key: string;
  files: Record<string, Entry>;
}

const hashOf = (bytes: Buffer): string => crypto.createHash('sha256').update(bytes).digest('hex');

/** What the outcome of linting a file depends on besides the file. */
export function cacheKey(enabled: readonly EnabledRule[], profile: LintProfile, project: ProjectFacts): string {
  return crypto.createHash('sha256').update(JSON.stringify({ version: TOOL_VERSION, enabled, profile, project })).digest('hex');
}

export class LintCache {
  private readonly previous: Record<string, Entry>;
  private readonly next: Record<string, Entry> = {};
  /** Files whose outcome came from the cache in this run. */
  reused = 0;

  constructor(
    readonly file: string,
    private readonly key: string,
  ) {
    this.previous = readCache(file, key);
  }

  /** The cached outcome when `rel` is unchanged (size and mtime, else content), or undefined. */
  lookup(rel: string, stat: fs.Stats, read: () => Buffer): { outcome?: FileOutcome; bytes?: Buffer } {
    const entry = this.previous[rel];
    if (!entry || entry.size !== stat.size) return {};
    if (entry.mtimeMs === stat.mtimeMs) return this.reuse(rel, entry, entry.mtimeMs);
    const bytes = read();
    return hashOf(bytes) === entry.hash ? this.reuse(rel, entry, stat.mtimeMs) : { bytes };
  }

  private reuse(rel: string, entry: Entry, mtimeMs: number): { outcome: FileOutcome } {
    this.next[rel] = { ...entry, mtimeMs };
    this.reused++;
    return { outcome: entry.outcome };
  }

  /** Records what a file gave this run. */
  store(rel: string, stat: fs.Stats, bytes: Buffer, outcome: FileOutcome): void {
    this.next[rel] = { size: stat.size, mtimeMs: stat.mtimeMs, hash: hashOf(bytes), outcome };
  }

  /** Writes the entries of this run (files gone since are dropped), atomically. */
  save(): void {
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    const temp = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(temp, JSON.stringify({ key: this.key, files: this.next } satisfies CacheFile));
    fs.renameSync(temp, this.file);
  }
}

/** The entries of a cache written with the same key; none when absent, damaged or stale. */
function readCache(file: string, key: string): Record<string, Entry> {
  let parsed: Partial<CacheFile>;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<CacheFile>;
  } catch {
    return {};
  }
  return parsed.key === key && parsed.files && typeof parsed.files === 'object' ? parsed.files : {};
}
