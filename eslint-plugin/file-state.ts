// What our rules share in one ESLint pass over one file: which of them ESLint enabled (each says
// so when ESLint creates it, before any of them sees the file) and the one lint of the file, by
// lint's synchronous per-file entry, that every one of them reports its own findings from.
import path from 'node:path';
import { activateRules, lintTextSync, type FileOutcome, type RuleSet } from '../lint/engine/lint-file.js';
import { knownRuleIds } from '../lint/config.js';
import { LineIndex } from '../lint/engine/positions.js';
import { detectLintProfile } from '../lint/profile.js';
import { importedKeyNameModules, NEEDS_FACTS } from '../lint/project-facts.js';
import { NO_PROJECT_FACTS, type EnabledRule, type ProjectFacts } from '../lint/types.js';
import { languageOf } from '../parse/languages.js';

export interface FileState {
  /** Our rules ESLint runs on this file, with their resolved options. */
  enabled: Map<string, EnabledRule>;
  /** The file linted once, with exactly the enabled rules, as `migrate-users lint` would. */
  outcome(): FileOutcome;
  /** Our line index over ESLint's text, to turn a finding's line and column back into an offset. */
  lines: LineIndex;
}

export interface FileIdentity {
  filename: string;
  cwd: string;
  /** ESLint's `SourceCode`: one per file and pass, so it keys the shared state. */
  sourceCode: { text: string };
}

const states = new WeakMap<object, FileState>();
const ruleSets = new Map<string, RuleSet>();

/** Rule sets are built once per distinct configuration, profile and project facts, not once per file. */
function ruleSetFor(enabled: EnabledRule[], cwd: string, project: ProjectFacts): RuleSet {
  const profile = detectLintProfile(cwd);
  const key = JSON.stringify([profile, enabled, project]);
  let rules = ruleSets.get(key);
  if (!rules) {
    rules = activateRules(enabled, knownRuleIds(), profile, project);
    ruleSets.set(key, rules);
  }
  return rules;
}

/**
 * What `migrate-users lint` knows of the whole project, for this file: the modules it imports
 * that define the constant as a key name (their importers read no user id).
 */
function factsFor(enabled: ReadonlyMap<string, EnabledRule>, cwd: string, file: string, text: string): ProjectFacts {
  const constant = enabled.get(NEEDS_FACTS)?.options.constant;
  return typeof constant === 'string' ? importedKeyNameModules(cwd, file, text, constant) : NO_PROJECT_FACTS;
}

/**
 * The shared state of a file our TypeScript/JavaScript rules apply to; undefined for anything
 * else ESLint may be asked to lint (ESLint cannot parse Python; `migrate-users lint` covers it).
 */
export function fileState(id: FileIdentity): FileState | undefined {
  const existing = states.get(id.sourceCode);
  if (existing) return existing;
  // Project-relative POSIX path, as `migrate-users lint` names the file.
  const file = path.relative(id.cwd, id.filename).split(path.sep).join('/');
  if (languageOf(file) !== 'ts') return undefined;
  const { text } = id.sourceCode;
  const enabled = new Map<string, EnabledRule>();
  let outcome: FileOutcome | undefined;
  const state: FileState = {
    enabled,
    outcome: () => (outcome ??= lintTextSync(file, text, ruleSetFor([...enabled.values()].sort((a, b) => a.id.localeCompare(b.id)), id.cwd, factsFor(enabled, id.cwd, file, text)))),
    lines: new LineIndex(text),
  };
  states.set(id.sourceCode, state);
  return state;
}
