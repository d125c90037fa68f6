// One share of the work: load the transforms, then read, decode and transform each file, with
// the transforms' own file-system changes captured in this thread's overlay. Runs in the main
// thread or in a worker; returns only files that changed something, failed or reported.
import fs from 'node:fs';
import path from 'node:path';
import { abs, loc } from '../../plan/paths.js';
import { encodeText } from '../../plan/text.js';
import type { Roots, Warning } from '../../plan/types.js';
import { decodeSource } from '../shared/read.js';
import { runCaptured, type Capture } from './capture.js';
import type { EolMode } from './eol.js';
import { loadTransform, type LoadedTransform, type TransformSpec } from './load.js';
import { Overlay, type Effect } from './overlay.js';
import { runChain, type ChainOutcome, type Guard } from './run.js';

export const SOURCE_NAME = 'transform';

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

export interface FileOutcome extends Omit<ChainOutcome, 'output'> {
  /** The changes made while this file was transformed, its own new text last; none when it failed. */
  effects: Effect[];
}

export interface ShareResult {
  outcomes: FileOutcome[];
  warnings: Warning[];
}

function worthReturning(o: FileOutcome): boolean {
  return o.effects.length > 0 || o.failure !== undefined || o.reports.length > 0 || o.stats.length > 0;
}

/** Loads the chain; a module that writes while it loads is refused, since nothing would capture it. */
async function loadChain(specs: readonly TransformSpec[], overlay: Overlay): Promise<LoadedTransform[]> {
  const chain = [];
  for (const spec of specs) chain.push(await runCaptured({ overlay, transform: spec.path, refused: [], loading: true }, () => loadTransform(spec)));
  return chain;
}

/** Absolute project paths in a message, shown the way `file.path` is. */
function hideRoot(message: string, roots: Roots, settings: RunSettings): string {
  if (settings.absolutePaths) return message;
  const shownRoot = path.relative(settings.cwd, roots.project);
  return message.split(roots.project + path.sep).join(shownRoot ? shownRoot + path.sep : '');
}

async function transformFile(chain: readonly LoadedTransform[], overlay: Overlay, roots: Roots, file: string, text: string, settings: RunSettings): Promise<FileOutcome> {
  const absolute = abs(roots, loc('project', file));
  const mark = overlay.checkpoint();
  const capture: Capture = { overlay, transform: '', refused: [] };
  const guard: Guard = (transform, call) => {
    capture.transform = transform;
    return runCaptured(capture, call);
  };
  const { output, ...outcome } = await runChain(chain, { file, absolute, shown: shownPath(settings, absolute), text }, settings.eol, guard);
  // A refused change the transform caught and went on from still leaves the file out.
  if (capture.refused.length > 0) {
    outcome.failure = { transform: capture.transform, code: 'uncapturable', message: `${capture.refused.join('; ')}: such changes cannot be captured into the plan` };
  }
  if (outcome.failure) overlay.rollbackTo(mark);
  else if (output !== undefined) overlay.writeFile(absolute, encodeText(output), outcome.changedBy.join(' + '));
  const hide = (m: string): string => hideRoot(m, roots, settings);
  return {
    ...outcome,
    reports: outcome.reports.map((r) => ({ ...r, message: hide(r.message) })),
    ...(outcome.failure ? { failure: { ...outcome.failure, message: hide(outcome.failure.message) } } : {}),
    effects: overlay.log.slice(mark.log),
  };
}

export async function transformShare(
  specs: readonly TransformSpec[],
  roots: Roots,
  files: readonly string[],
  settings: RunSettings,
  onFile?: () => void,
): Promise<ShareResult> {
  const overlay = new Overlay(roots.project);
  const chain = await loadChain(specs, overlay);
  const result: ShareResult = { outcomes: [], warnings: [] };
  for (const file of files) {
    const absolute = abs(roots, loc('project', file));
    // A symlink is transformed through its target, which is listed on its own when in the project.
    // A file an earlier transform removed is not there to transform, as with jscodeshift.
    if (fs.lstatSync(absolute).isFile() && overlay.exists(absolute)) {
      const decoded = decodeSource(SOURCE_NAME, file, overlay.readFile(absolute, file));
      if (!decoded.ok) result.warnings.push(decoded.warning);
      else {
        const outcome = await transformFile(chain, overlay, roots, file, decoded.text, settings);
        if (worthReturning(outcome)) result.outcomes.push(outcome);
      }
    }
    onFile?.();
  }
  return result;
}
