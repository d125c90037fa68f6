// One share of the work: load the transforms, then read, decode and transform each file.
// Runs in the main thread or in a worker; returns only files that changed, failed or reported.
import fs from 'node:fs';
import { abs, loc } from '../../plan/paths.js';
import type { Roots, Warning } from '../../plan/types.js';
import { decodeSource } from '../shared/read.js';
import { loadTransform, type TransformSpec } from './load.js';
import { runChain, type ChainOutcome } from './run.js';

export const SOURCE_NAME = 'transform';

export interface FileOutcome extends ChainOutcome {
  /** The text the transforms started from, sent along with `output`. */
  original?: string;
}

export interface ShareResult {
  outcomes: FileOutcome[];
  warnings: Warning[];
}

function worthReturning(o: ChainOutcome): boolean {
  return o.output !== undefined || o.failure !== undefined || o.reports.length > 0 || o.stats.length > 0;
}

export async function transformShare(specs: readonly TransformSpec[], roots: Roots, files: readonly string[], onFile?: () => void): Promise<ShareResult> {
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
        const outcome = await runChain(chain, { file, absolute, text: decoded.text });
        if (worthReturning(outcome)) result.outcomes.push(outcome.output !== undefined ? { ...outcome, original: decoded.text } : outcome);
      }
    }
    onFile?.();
  }
  return result;
}
