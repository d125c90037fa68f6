// Lints one file's text: prefilter, parse once, run every applicable rule, apply inline
// suppressions, fingerprint. Pure given its inputs, so it runs the same in a worker thread. The
// one orchestration of a file: `migrate-users lint` uses lintText, the ESLint plugin lintTextSync.
import { forgetFile } from '../../parse/file-memo.js';
import { parseTypeScript } from '../../parse/typescript.js';
import { languageOf } from '../../parse/languages.js';
import { ruleById } from '../rules/index.js';
import { NO_PROJECT_FACTS, type EnabledRule, type Finding, type LintProfile, type LintRule, type ParseFailure, type ParsedFile, type Prefilter, type ProjectFacts, type RuleContext, type RuleMatch, type RuleMeta, type Severity, type SuppressedFinding } from '../types.js';
import { containsAny, requiredLiterals } from './byte-prefilter.js';
import { withoutCommentLines } from './comment-lines.js';
import { viewSafe } from './one-byte-view.js';
import { contentHash, withOccurrence } from './fingerprint.js';
import { LineIndex } from './positions.js';
import { parseSuppressions, suppressionFor, SUPPRESSION_MARKER, type Suppression } from './suppressions.js';

export const UNUSED_SUPPRESSION = 'unused-suppression';

export const unusedSuppressionMeta: RuleMeta = {
  id: UNUSED_SUPPRESSION,
  description: 'Inline suppressions that suppress nothing',
  why: 'A suppression left behind after its finding was fixed would silently hide the next real finding on that line.',
  fix: 'Delete the migrate-users-disable-next-line comment, or correct the rule id it names.',
  docsAnchor: 'unused-suppression',
  defaultSeverity: 'warn',
};

/** An enabled rule with its module and prefilter, ready to run on many files. */
export interface ActiveRule {
  rule: LintRule<any>;
  severity: Severity;
  options: unknown;
  prefilter: Prefilter;
  /** Literals every match of the text prefilter contains; undefined when none can be shown. */
  needles: string[] | undefined;
  /** Whether the prefilter's patterns judge a text's one-byte view (engine/one-byte-view.ts) as they judge the text. */
  viewSafe: boolean;
}

export interface RuleSet {
  active: ActiveRule[];
  /** Severity of `unused-suppression`, undefined when off. */
  unusedSuppression?: Severity;
  /** Ids of every known rule that is switched off: suppressions naming them are never "unused". */
  disabled: Set<string>;
  context: RuleContext;
}

/** The rules on, with what they know of the run: the profile and, where the caller found them, the project's facts. */
export function activateRules(enabled: readonly EnabledRule[], knownIds: readonly string[], profile: LintProfile, project: ProjectFacts = NO_PROJECT_FACTS): RuleSet {
  const active: ActiveRule[] = [];
  let unusedSuppression: Severity | undefined;
  for (const e of enabled) {
    if (e.id === UNUSED_SUPPRESSION) {
      unusedSuppression = e.severity;
      continue;
    }
    const rule = ruleById(e.id);
    if (!rule) throw new Error(`unknown lint rule ${e.id}`);
    const prefilter = rule.prefilter(e.options);
    const safe = viewSafe(prefilter.text) && (!prefilter.narrow || viewSafe(prefilter.narrow));
    active.push({ rule, severity: e.severity, options: e.options, prefilter, needles: requiredLiterals(prefilter.text), viewSafe: safe });
  }
  const on = new Set(enabled.map((e) => e.id));
  return { active, unusedSuppression, disabled: new Set(knownIds.filter((id) => !on.has(id))), context: { profile, project } };
}

export interface FileOutcome {
  file: string;
  parsed: boolean;
  findings: Finding[];
  suppressed: SuppressedFinding[];
  parseError?: ParseFailure;
}

function applicableRules(file: string, rules: RuleSet): ActiveRule[] {
  const language = languageOf(file);
  if (!language) return [];
  return rules.active.filter((a) => a.rule.languages.includes(language) && (a.rule.appliesTo?.(file, a.options) ?? true));
}

/** A file's text, and its code without comment lines, computed once and only when a rule asks. */
class PrefilterText {
  private code: string | undefined;
  constructor(
    readonly file: string,
    readonly text: string,
  ) {}

  /** What the rule's text prefilter reads: the code alone for `inCode` rules on TS/JS. */
  for(prefilter: Prefilter): string {
    if (!prefilter.inCode || languageOf(this.file) !== 'ts') return this.text;
    return (this.code ??= withoutCommentLines(this.text));
  }
}

function passesPrefilter(a: ActiveRule, source: PrefilterText): boolean {
  if (a.prefilter.path?.test(source.file)) return true;
  // The whole text first: most files fail here, and a file that fails it fails on its code too.
  const { text, inCode, narrow } = a.prefilter;
  if (!text.test(source.text)) return false;
  const searched = source.for(a.prefilter);
  return (!inCode || text.test(searched)) && (!narrow || narrow.test(searched));
}

/**
 * The byte-level stage, before any decoding: the applicable rules whose literals occur in the
 * bytes (or cannot be shown) or whose path prefilter matches. The others cannot pass their
 * text prefilter, which is then never run for them.
 */
export function rulesFoundInBytes(file: string, bytes: Buffer, rules: RuleSet): ActiveRule[] {
  return applicableRules(file, rules).filter((a) => a.needles === undefined || (a.prefilter.path?.test(file) ?? false) || containsAny(bytes, a.needles));
}

/** Whether the bytes may hold a suppression that unused-suppression would look at. */
export function maySuppress(file: string, bytes: Buffer, rules: RuleSet): boolean {
  return rules.unusedSuppression !== undefined && languageOf(file) !== undefined && bytes.includes(SUPPRESSION_MARKER);
}

/** False only when isCandidate would say no as well, from the bytes alone. */
export function mayBeCandidate(file: string, bytes: Buffer, rules: RuleSet): boolean {
  return rulesFoundInBytes(file, bytes, rules).length > 0 || maySuppress(file, bytes, rules);
}

/** Whether prefilterVerdict gives the same verdict on the file's one-byte view as on its text. */
export function judgedOnView(file: string, rules: RuleSet): boolean {
  return applicableRules(file, rules).every((a) => a.viewSafe);
}

/**
 * Which rules must run on the file (ids of the applicable rules whose prefilter passes), or
 * undefined when it need not be parsed at all: no rule may match and it holds no suppression.
 * The text is without its BOM. `among`: the applicable rules that may pass (rulesFoundInBytes).
 */
export function prefilterVerdict(file: string, text: string, rules: RuleSet, among: readonly ActiveRule[] = applicableRules(file, rules)): string[] | undefined {
  const source = new PrefilterText(file, text);
  const passing = among.filter((a) => passesPrefilter(a, source)).map((a) => a.rule.id);
  if (passing.length > 0) return passing;
  return rules.unusedSuppression !== undefined && languageOf(file) !== undefined && text.includes(SUPPRESSION_MARKER) ? passing : undefined;
}

/** Whether the file must be parsed at all: some rule may match, or it holds a suppression. */
export function isCandidate(file: string, text: string, rules: RuleSet): boolean {
  return prefilterVerdict(file, text, rules) !== undefined;
}

async function parse(file: string, text: string): Promise<ParsedFile | ParseFailure> {
  if (languageOf(file) !== 'python') return parseTypeScript(file, text);
  // Loaded with the first Python file: a TS project's run never evaluates the tree-sitter runtime.
  const { parsePython } = await import('../../parse/python.js');
  return parsePython(file, text);
}

function isFailure(p: ParsedFile | ParseFailure): p is ParseFailure {
  return !('language' in p);
}

interface Located extends Omit<Finding, 'fingerprint'> {
  hash: string;
}

function locate(file: string, ruleId: string, severity: Severity, match: RuleMatch, lines: LineIndex, text: string): Located {
  const start = lines.position(match.start);
  const end = lines.position(Math.max(match.start, match.end));
  return {
    ruleId,
    severity,
    message: match.message,
    file,
    line: start.line,
    column: start.column,
    endLine: end.line,
    endColumn: end.column,
    hash: contentHash(ruleId, lines.lineText(start.line), text.slice(match.start, match.end)),
  };
}

function unusedMessage(s: Suppression, ruleId: string | undefined, disabled: Set<string>): string | undefined {
  if (ruleId === undefined) return 'unused suppression: no finding to suppress on the next line';
  if (disabled.has(ruleId)) return undefined;
  if (ruleId !== UNUSED_SUPPRESSION && !ruleById(ruleId)) return `suppression names an unknown rule "${ruleId}"`;
  return `unused suppression: no ${ruleId} finding on the next line`;
}

function unusedSuppressions(suppressions: Suppression[], rules: RuleSet, file: string, lines: LineIndex, text: string): Located[] {
  const severity = rules.unusedSuppression;
  if (!severity) return [];
  const out: Located[] = [];
  for (const s of suppressions) {
    const unused = s.rules.length === 0 ? (s.used.size === 0 ? [undefined] : []) : s.rules.filter((r) => !s.used.has(r));
    for (const ruleId of unused) {
      const message = unusedMessage(s, ruleId, rules.disabled);
      if (message) out.push(locate(file, UNUSED_SUPPRESSION, severity, { start: s.start, end: s.end, message }, lines, text));
    }
  }
  return out;
}

function byPosition(a: Located, b: Located): number {
  return a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId) || a.message.localeCompare(b.message);
}

const withoutBom = (text: string): string => text.replace(/^\uFEFF/, '');

/** A file no enabled rule can report on: never parsed. */
const skipped = (file: string): FileOutcome => ({ file, parsed: false, findings: [], suppressed: [] });

/**
 * The entry for `migrate-users lint` and its workers: any language (Python's parser loads
 * asynchronously). `passing`: the file's prefilter verdict when the caller has it already.
 */
export async function lintText(file: string, rawText: string, rules: RuleSet, passing?: readonly string[]): Promise<FileOutcome> {
  const text = withoutBom(rawText);
  const verdict = passing ?? prefilterVerdict(file, text, rules);
  if (!verdict) return skipped(file);
  return lintParsed(file, text, await parse(file, text), rules, verdict);
}

/** The same, synchronously, for TS/JS (whose parser is synchronous): ESLint rules cannot wait. */
export function lintTextSync(file: string, rawText: string, rules: RuleSet): FileOutcome {
  if (languageOf(file) !== 'ts') throw new Error(`${file}: only TypeScript and JavaScript files lint synchronously`);
  const text = withoutBom(rawText);
  const verdict = prefilterVerdict(file, text, rules);
  if (!verdict) return skipped(file);
  return lintParsed(file, text, parseTypeScript(file, text), rules, verdict);
}

function lintParsed(file: string, text: string, parsed: ParsedFile | ParseFailure, rules: RuleSet, passing: readonly string[]): FileOutcome {
  if (isFailure(parsed)) return { file, parsed: true, findings: [], suppressed: [], parseError: parsed };
  try {
    const lines = new LineIndex(text);
    const located: Located[] = [];
    for (const a of rules.active) {
      if (!passing.includes(a.rule.id)) continue;
      for (const m of a.rule.detect(parsed, a.options, rules.context)) located.push(locate(file, a.rule.id, a.severity, m, lines, text));
    }
    const suppressions = parseSuppressions(parsed, lines);
    const findings: Located[] = [];
    const suppressed: Array<Located & { justification: string }> = [];
    for (const f of located.sort(byPosition)) {
      const s = suppressionFor(suppressions, f.ruleId, f.line);
      if (s) suppressed.push({ ...f, justification: s.justification });
      else findings.push(f);
    }
    findings.push(...unusedSuppressions(suppressions, rules, file, lines, text));
    return {
      file,
      parsed: true,
      findings: withOccurrence(findings.sort(byPosition)).map(stripHash),
      suppressed: withOccurrence(suppressed).map(stripHash),
    };
  } finally {
    if (parsed.language === 'python') parsed.tree.delete();
    else forgetFile(parsed.sourceFile);
  }
}

function stripHash<T extends { hash: string }>(item: T): Omit<T, 'hash'> {
  const { hash: _hash, ...rest } = item;
  return rest;
}
