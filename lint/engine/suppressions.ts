// Inline suppressions: `// migrate-users-disable-next-line rule-a, rule-b -- reason` (also in a
// block comment) and `# migrate-users: disable-next-line rule -- reason` in Python.
import type { ParsedFile } from '../types.js';
import { commentsWith } from './comments.js';
import type { LineIndex } from './positions.js';

export const SUPPRESSION_MARKER = 'migrate-users';
const DIRECTIVE = /^\s*\*?\s*migrate-users(?:-|:\s*)disable-next-line(?=\s|$)(.*)$/s;

export interface Suppression {
  /** Rule ids it names; empty means every rule. */
  rules: string[];
  justification: string;
  /** The line whose findings it suppresses. */
  targetLine: number;
  start: number;
  end: number;
  /** Rule ids (or '*' for all) that suppressed at least one finding. */
  used: Set<string>;
}

export function parseSuppressions(file: ParsedFile, lines: LineIndex): Suppression[] {
  const out: Suppression[] = [];
  for (const comment of commentsWith(file, SUPPRESSION_MARKER)) {
    const match = DIRECTIVE.exec(comment.body.trim());
    if (!match) continue;
    const rest = match[1]!;
    const dash = rest.search(/(?:^|\s)--(?:\s|$)/);
    const rulesPart = dash === -1 ? rest : rest.slice(0, dash);
    const justification = dash === -1 ? '' : rest.slice(dash).replace(/^\s*--/, '').trim();
    out.push({
      rules: rulesPart.split(/[\s,]+/).filter((r) => r !== ''),
      justification,
      targetLine: lines.position(comment.end).line + 1,
      start: comment.start,
      end: comment.end,
      used: new Set(),
    });
  }
  return out;
}

/** The suppression covering a finding of `ruleId` on `line`, marking it used. */
export function suppressionFor(suppressions: readonly Suppression[], ruleId: string, line: number): Suppression | undefined {
  const hit = suppressions.find((s) => s.targetLine === line && (s.rules.length === 0 || s.rules.includes(ruleId)));
  hit?.used.add(hit.rules.length === 0 ? '*' : ruleId);
  return hit;
}
