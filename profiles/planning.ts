// What a plan is built from (the profile's sources, roots and config for a set of options) and
// planning itself, in memory or into the state dir: the CLI's `plan` and the API's. Apart from
// index.ts, so that `plan` loads neither the executors nor the linter.
import path from 'node:path';
import { buildPlan, type BuildInput } from '../plan/build.js';
import { loadConfig } from '../plan/config.js';
import { UsageError } from '../plan/errors.js';
import { StateDir } from '../plan/state-dir.js';
import { planToStore, type PlannedToStore } from '../plan/store.js';
import type { Plan } from '../plan/types.js';
import { resolvePersagHome } from '../migrators/persag-home/home.js';
import { resolveProfile } from './index.js';
import type { TransformSourceOptions, TransformSpec } from '../codemods/transform/index.js';

export interface PlanOptions {
  /** Project root; also where `.migrate-users/` keeps plans. Default: cwd. */
  root?: string;
  /** `auto` (default), `continuum`, `persag` or `generic`. */
  profile?: string;
  /** Home root for per-user data (persag). Default: config `home`, `PERSAG_HOME`, OS home dir. */
  home?: string;
  /** Which sources run: code edits, file-system moves, or both (default). */
  only?: Array<'code' | 'fs'>;
  /** Limit code edits to these project-relative files or dirs. */
  paths?: string[];
  /** The config object, or a path to the config file. Default: `migrate-users.config.json` at the root if present. */
  config?: Record<string, unknown> | string;
  /**
   * Save the plan under `.migrate-users/plans/` (default true). When a saved plan that was never
   * applied has the same content, that plan is returned (with its id) and nothing new is saved.
   */
  save?: boolean;
  /**
   * jscodeshift or plain transforms to run, in order, on every JS/TS file. Without an explicit
   * `profile` only the transforms run; with one they run after the profile's sources.
   */
  transforms?: TransformSpec[];
  /** How the transforms run: line endings (`eol`), threads, jscodeshift's `extensions` and ignore patterns. */
  transformRun?: TransformSourceOptions;
  progress?: (done: number, total: number, label: string) => void;
}

function configOf(root: string, config: PlanOptions['config']): Record<string, unknown> {
  if (typeof config === 'object') return config;
  return loadConfig(root, config);
}

/** What to build for these options: the profile's sources, roots and config. */
async function planInput(options: PlanOptions): Promise<BuildInput> {
  const root = path.resolve(options.root ?? process.cwd());
  const config = configOf(root, options.config);
  const only = options.only ?? ['code', 'fs'];
  for (const o of only) if (o !== 'code' && o !== 'fs') throw new UsageError(`only takes "code" and/or "fs" (got "${String(o)}")`);
  const transforms = options.transforms ?? [];
  const profileName = options.profile ?? (typeof config.profile === 'string' ? config.profile : 'auto');
  const profile = transforms.length > 0 && !options.profile ? { name: 'transform', sources: [], sourceOptions: {} } : await resolveProfile({ name: profileName, root, config, only });
  if (transforms.length > 0) {
    const { transformSource } = await import('../codemods/transform/index.js');
    profile.sources.push(transformSource(transforms, options.transformRun));
  }
  const home = resolvePersagHome(options.home ?? (typeof config.home === 'string' ? config.home : undefined));
  const paths = options.paths ?? [];
  return {
    roots: { project: root, home },
    sources: profile.sources,
    sourceOptions: profile.sourceOptions,
    config,
    paths,
    profile: profile.name,
    options: { only: only.join(','), ...(paths.length ? { paths } : {}) },
    ...(options.progress ? { progress: options.progress } : {}),
  };
}

/**
 * Plans into the state dir (see `save`): operations go to the plan's store as they are produced
 * and stay there, so memory does not grow with the number of edits. The CLI's `plan`.
 */
export async function planToStateDir(options: Omit<PlanOptions, 'save'> = {}): Promise<PlannedToStore> {
  const root = path.resolve(options.root ?? process.cwd());
  return planToStore(new StateDir(root), await planInput(options));
}

/** Computes every code edit and file-system move; saves the plan unless `save: false`. */
export async function plan(options: PlanOptions = {}): Promise<Plan> {
  if (options.save ?? true) {
    const { plan: saved } = await planToStateDir(options);
    return { ...saved, operations: [...saved.operations] };
  }
  return buildPlan(await planInput(options));
}
