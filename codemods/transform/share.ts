// One share of the work: load the transforms, then read, decode and transform each file.
// Runs in the main thread or in a worker; returns only files that changed, failed or reported.
import fs from 'node:fs';
import path from 'node:path';
import { abs, loc } from '../../plan/paths.js';
import type { Roots, Warning } from '../../plan/types.js';
import { decodeSource } from '../shared/read.js';
import { loadTransform, type TransformSpec } from './load.js';
import type { EolMode } from './eol.js';
import { runChain, type ChainOutcome } from './run.js';

export const SOURCE_NAME = 'transform';

export interface FileOutcome extends ChainOutcome {
  /** The text the transforms started from, sent along with `output`. */
  original?: string;
}

/** What every share of one run is told, in the main thread and in workers alike. */
export interface RunSettings {
  /** `file.path` is relative to this directory (jscodeshift's working directory)... */
  cwd: string;
  /** ...unless the user named absolute paths, as jscodeshift passes paths on as given. */
  absolutePaths: boolean;
  eol: EolMode;
}

/** The path a transform sees, and messages mention, for an absolute path. */
export function shownPath(settings: RunSettings, absolute: string): string {
  return settings.absolutePaths ? absolute : path.relative(settings.cwd, absolute) || '.';
}

export interface ShareResult {
  outcomes: FileOutcome[];
  warnings: Warning[];
}

function worthReturning(o: ChainOutcome): boolean {
  return o.output !== undefined || o.failure !== undefined || o.reports.length > 0 || o.stats.length > 0;
}

export async function transformShare(
  specs: readonly TransformSpec[],
  roots: Roots,
  files: readonly string[],
  settings: RunSettings,
  onFile?: () => void,
): Promise<ShareResult> {
  const chain = [];
  for (const spec of specs) chain.push(await loadTransform(spec));
  const result: ShareResult = { outcomes: [], warnings: [] };
  for (const file of files) {
    const absolute = abs(roots, loc('project', file));
    // A symlink is transformed through its target, which is listed on its own when in the project.
    if (fs.lstatSync(absolute).isFile()) {
      const decoded = decodeSource(SOURCE_NAME, file, fs.readFileSync(absolute));
      if (!decoded.ok) result.warnings.push(decoded.warning);
      else {
        const outcome = await runChain(chain, { file, absolute, shown: shownPath(settings, absolute), text: decoded.text }, settings.eol);
        if (worthReturning(outcome)) result.outcomes.push(outcome.output !== undefined ? { ...outcome, original: decoded.text } : outcome);
      }
    }
    onFile?.();
  }
  return result;
}
