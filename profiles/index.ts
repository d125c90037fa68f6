// Profiles are presets: which sources run and with which options. Everything a profile sets can
// be overridden in the config file. This is the one place that knows every source.
import { UsageError } from '../plan/errors.js';
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

const PROFILES: Record<string, (req: ProfileRequest) => Omit<Profile, 'name'>> = {
  generic: () => ({ sources: [], sourceOptions: {} }),
};

export const PROFILE_NAMES = ['auto', ...Object.keys(PROFILES)];

function detect(_req: ProfileRequest): string {
  return 'generic';
}

export function resolveProfile(req: ProfileRequest): Profile {
  const name = req.name === 'auto' ? detect(req) : req.name;
  const make = PROFILES[name];
  if (!make) throw new UsageError(`unknown profile "${req.name}"; use one of ${PROFILE_NAMES.join(', ')}`);
  const profile = make(req);
  return { name, ...profile, sources: profile.sources.filter((s) => req.only.includes(s.category)) };
}
