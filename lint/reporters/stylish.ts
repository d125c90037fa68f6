// The default human report, grouped by file like ESLint's stylish formatter.
import { createColors } from 'picocolors';
import type { LintResult } from '../types.js';
import { plural, problemsOf, type Problem, type ReportContext } from './common.js';

function baselineLines(result: LintResult, c: ReturnType<typeof createColors>): string[] {
  const b = result.baseline;
  if (!b) return [];
  const lines: string[] = [];
  if (b.updated) {
    lines.push(`Baseline ${b.file} written with ${plural(b.matched, 'finding')}${b.stale.length > 0 ? `; ${plural(b.stale.length, 'stale entry', 'stale entries')} pruned` : ''}.`);
    return lines;
  }
  if (b.matched > 0) lines.push(c.dim(`${plural(b.matched, 'known finding')} in baseline ${b.file} not shown.`));
  if (b.stale.length > 0) {
    lines.push(c.yellow(`${plural(b.stale.length, 'stale baseline entry', 'stale baseline entries')} (no longer found; run with --update-baseline to prune):`));
    for (const e of b.stale) lines.push(`  ${e.file}  ${c.dim(e.rule)}  ${e.message}`);
  }
  return lines;
}

export function formatStylish(result: LintResult, ctx: ReportContext): string {
  const c = createColors(ctx.color);
  const problems = problemsOf(result);
  const out: string[] = [];
  const byFile = new Map<string, Problem[]>();
  for (const p of problems) byFile.set(p.file, [...(byFile.get(p.file) ?? []), p]);
  for (const [file, list] of byFile) {
    out.push(c.underline(file));
    const pos = list.map((p) => `${p.line}:${p.column}`);
    const posWidth = Math.max(...pos.map((s) => s.length));
    const msgWidth = Math.max(...list.map((p) => p.message.length));
    list.forEach((p, i) => {
      const severity = p.severity === 'error' ? c.red('error  ') : c.yellow('warning');
      const rule = p.ruleId ? `  ${c.dim(p.ruleId)}` : '';
      out.push(`  ${c.dim(pos[i]!.padEnd(posWidth))}  ${severity}  ${p.ruleId ? p.message.padEnd(msgWidth) : p.message}${rule}`.trimEnd());
    });
    out.push('');
  }
  const total = result.errorCount + result.warningCount;
  if (total > 0) {
    const summary = `✖ ${plural(total, 'problem')} (${plural(result.errorCount, 'error')}, ${plural(result.warningCount, 'warning')})`;
    out.push(result.errorCount > 0 ? c.bold(c.red(summary)) : c.bold(c.yellow(summary)));
  }
  if (result.maxWarnings !== undefined && result.warningCount > result.maxWarnings) {
    out.push(c.red(`Too many warnings (${result.warningCount}, maximum: ${result.maxWarnings}).`));
  }
  out.push(...baselineLines(result, c));
  return out.length === 0 ? '' : `${out.join('\n')}\n`;
}
