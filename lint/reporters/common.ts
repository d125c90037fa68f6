// What every reporter needs: one ordered list of problems, parse errors included.
import type { LintResult, Severity } from '../types.js';

export interface Problem {
  file: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  severity: Severity;
  message: string;
  /** Undefined for a parse error. */
  ruleId?: string;
  fingerprint?: string;
}

export interface ReportContext {
  color: boolean;
  toolVersion: string;
}

export function problemsOf(result: LintResult): Problem[] {
  const parse: Problem[] = result.parseErrors.map((p) => ({ ...p, severity: 'error', message: `Parsing error: ${p.message}` }));
  return [...result.findings, ...parse].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
}

export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}
