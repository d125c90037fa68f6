// Profiles are presets: which sources run and with which options. The config file can replace
// a profile's source list (`sources`) and every source reads its own config section. This is
// where the codemods' and the migrators' registries meet; each source is loaded only when used.
import { CODEMODS } from '../codemods/index.js';
import { detectContinuum, detectPersag } from '../migrators/detect.js';
import { MIGRATORS } from '../migrators/index.js';
import { UsageError } from '../plan/errors.js';
import type { SourceRegistry } from '../plan/sources.js';
import type { OperationSource } from '../plan/types.js';

export interface Profile {
  name: string;
  sources: OperationSource[];
  sourceOptions: Record<string, Record<string, unknown>>;
}

export interface ProfileRequest {
  name: string;
  root: string;
  config: Record<string, unknown>;
  /** `code`, `fs` or both. */
  only: ReadonlyArray<'code' | 'fs'>;
}

/** Every source by name: the codemods' registry and the migrators'. */
export const SOURCES: SourceRegistry = { ...CODEMODS, ...MIGRATORS };

interface Preset {
  description: string;
  sources: string[];
  sourceOptions: Record<string, Record<string, unknown>>;
}

const PRESETS: Record<string, Preset> = {
  continuum: {
    description: 'TypeScript app with .continuum/personas: getUserId() codemod and the unified .continuum/users home',
    sources: ['user-id-ts', 'user-id-python', 'path-refs', 'continuum-users', 'moves'],
    sourceOptions: { 'path-refs': { resolvers: ['UserDirectoryManager'] } },
  },
  persag: {
    description: 'Python app with env.userid and lightrag_* dirs: get_userid() reading ~/.persag, and the ~/.persag home',
    sources: ['user-id-python', 'user-id-ts', 'path-refs', 'persag-home', 'moves'],
    sourceOptions: { 'user-id-python': { persagHome: true }, 'path-refs': { pythonHomeAccessor: 'persag_home', pythonHomeDir: '.persag' } },
  },
  generic: {
    description: 'code rewrites only, plus any config-driven moves',
    sources: ['user-id-ts', 'user-id-python', 'path-refs', 'moves'],
    sourceOptions: {},
  },
};

export const PROFILE_NAMES = ['auto', ...Object.keys(PRESETS)];

/** Picks the profile from what the tree holds. */
export function detectProfile(root: string): string {
  if (detectContinuum(root)) return 'continuum';
  if (detectPersag(root)) return 'persag';
  return 'generic';
}

function configuredSources(config: Record<string, unknown>): string[] | undefined {
  const v = config.sources;
  if (v === undefined) return undefined;
  if (!Array.isArray(v) || !v.every((s) => typeof s === 'string' && s in SOURCES)) {
    throw new UsageError(`config "sources" must list source names from: ${Object.keys(SOURCES).join(', ')}`);
  }
  return v as string[];
}

export async function resolveProfile(req: ProfileRequest): Promise<Profile> {
  const name = req.name === 'auto' ? detectProfile(req.root) : req.name;
  const preset = PRESETS[name];
  if (!preset) throw new UsageError(`unknown profile "${req.name}"; use one of ${PROFILE_NAMES.join(', ')}`);
  const names = configuredSources(req.config) ?? preset.sources;
  // Codemods edit code and migrators move data (tests/registries.test.ts holds every source to
  // its registry's category): a source the run leaves out is not even loaded.
  const wanted = names.filter((n) => req.only.includes(n in CODEMODS ? 'code' : 'fs'));
  const sources = await Promise.all(wanted.map((n) => SOURCES[n]!.load()));
  return { name, sources, sourceOptions: preset.sourceOptions };
}
