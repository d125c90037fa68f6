// The `lint` section of migrate-users.config.json:
//   { "lint": { "profile": "auto", "rules": { "<id>": "off" | "warn" | "error" | ["warn", { ...options }] }, "ignore": ["glob", ...] } }
// Anything unknown or malformed is a UsageError that says what to write instead. A rule the
// profile does not use (manager-class outside continuum) is off unless the config names it.
import { UsageError } from '../plan/errors.js';
import { UNUSED_SUPPRESSION } from './engine/lint-file.js';
import { isProfileSetting, PROFILE_SETTINGS, resolveLintProfile } from './profile.js';
import { lintRules } from './rules/index.js';
import type { EnabledRule, LintProfile, RuleSetting, Severity } from './types.js';

export interface LintConfig {
  /** Every rule that is not off, with resolved options. */
  enabled: EnabledRule[];
  /** The config's top-level `ignore` globs plus `lint.ignore`. */
  ignore: string[];
  profile: LintProfile;
}

const SETTINGS: readonly RuleSetting[] = ['off', 'warn', 'error'];
const UNUSED_SUPPRESSION_DEFAULT: Severity = 'warn';

export const knownRuleIds = (): string[] => [...lintRules.map((r) => r.id), UNUSED_SUPPRESSION];

/**
 * Every rule's setting in a profile when the config names none: its default severity where the
 * rule's profiles include this one (all, when it lists none), off elsewhere. The ESLint plugin's
 * `recommended` config is this too.
 */
export function defaultSettings(profile: LintProfile): Record<string, RuleSetting> {
  const byRule = lintRules.map((r) => [r.id, !r.profiles || r.profiles.includes(profile) ? r.defaultSeverity : 'off'] as const);
  return { ...Object.fromEntries(byRule), [UNUSED_SUPPRESSION]: UNUSED_SUPPRESSION_DEFAULT };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function parseSetting(id: string, value: unknown): { setting: RuleSetting; options: Record<string, unknown> } {
  const [setting, options, ...extra] = Array.isArray(value) ? value : [value];
  if (!SETTINGS.includes(setting as RuleSetting)) {
    throw new UsageError(`lint.rules.${id}: severity must be "off", "warn" or "error" (or ["warn", { options }]), got ${JSON.stringify(setting)}`);
  }
  if (extra.length > 0 || (options !== undefined && !isObject(options))) {
    throw new UsageError(`lint.rules.${id}: write ["${String(setting)}", { ...options }] with one options object`);
  }
  return { setting: setting as RuleSetting, options: (options as Record<string, unknown> | undefined) ?? {} };
}

/**
 * @param root the project root, where `auto` looks for the profile
 * @param profileSetting a `--profile` given on the command line; wins over `lint.profile`
 */
export function resolveLintConfig(config: Record<string, unknown>, root: string, profileSetting?: string): LintConfig {
  const section = config.lint ?? {};
  if (!isObject(section)) throw new UsageError('config: "lint" must be an object like { "rules": {...}, "ignore": [...] }');
  for (const key of Object.keys(section)) {
    if (key !== 'rules' && key !== 'ignore' && key !== 'profile') throw new UsageError(`config: unknown setting lint.${key} (known: profile, rules, ignore)`);
  }
  const setting = profileSetting ?? section.profile;
  if (setting !== undefined && !isProfileSetting(setting)) {
    const where = profileSetting !== undefined ? '--profile' : 'config: lint.profile';
    throw new UsageError(`${where} must be one of ${PROFILE_SETTINGS.join(', ')}, got ${JSON.stringify(setting)}`);
  }
  const profile = resolveLintProfile(root, setting);
  const rules = section.rules ?? {};
  if (!isObject(rules)) throw new UsageError('config: lint.rules must be an object mapping rule ids to "off" | "warn" | "error"');
  const ignore = section.ignore ?? [];
  if (!Array.isArray(ignore) || ignore.some((g) => typeof g !== 'string' || g === '')) {
    throw new UsageError('config: lint.ignore must be an array of glob strings');
  }
  for (const id of Object.keys(rules)) {
    if (!knownRuleIds().includes(id)) throw new UsageError(`config: unknown lint rule "${id}" (known: ${knownRuleIds().join(', ')})`);
  }
  const defaults = defaultSettings(profile);
  const enabled: EnabledRule[] = [];
  for (const rule of lintRules) {
    const { setting, options } = rules[rule.id] === undefined ? { setting: defaults[rule.id]!, options: {} } : parseSetting(rule.id, rules[rule.id]);
    if (setting === 'off') continue;
    try {
      enabled.push({ id: rule.id, severity: setting, options: rule.resolveOptions(options) as Record<string, unknown> });
    } catch (e) {
      throw new UsageError(`lint.rules.${rule.id}: ${(e as Error).message}`);
    }
  }
  const unused = rules[UNUSED_SUPPRESSION] === undefined ? { setting: defaults[UNUSED_SUPPRESSION]!, options: {} } : parseSetting(UNUSED_SUPPRESSION, rules[UNUSED_SUPPRESSION]);
  if (Object.keys(unused.options).length > 0) throw new UsageError(`lint.rules.${UNUSED_SUPPRESSION} takes no options`);
  if (unused.setting !== 'off') enabled.push({ id: UNUSED_SUPPRESSION, severity: unused.setting, options: {} });
  // The top-level `ignore` means "never scanned" for every part of the tool, the linter included.
  const everywhere = Array.isArray(config.ignore) ? config.ignore.filter((g): g is string => typeof g === 'string' && g !== '') : [];
  return { enabled, ignore: [...everywhere, ...(ignore as string[])], profile };
}
