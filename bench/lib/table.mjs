// The one result table, as Markdown (readable in a terminal, pasteable into bench/README.md).

const seconds = (ms) => (ms === undefined ? '' : `${(ms / 1000).toFixed(ms < 1000 ? 3 : 2)} s`);
const megabytes = (kb) => (kb ? `${Math.round(kb / 1024)} MB` : '');

export class Table {
  rows = [];

  section(title) {
    this.rows.push({ section: title });
  }

  /** A measured command: medians of wall and CPU time, the largest peak RSS over its runs. */
  measured(label, m, note = '') {
    this.rows.push({ cells: [label, String(m.runs), seconds(m.ms), seconds(m.cpuMs), megabytes(m.rssKb), '', '', note] });
  }

  /** A target: the figure, what the issue asks, and whether it is met. */
  target(label, figure, target, met, note = '') {
    this.rows.push({ cells: [label, '', '', '', '', figure, target, `${met ? 'met' : '**not met**'}${note ? ` (${note})` : ''}`] });
  }

  info(label, text) {
    this.rows.push({ cells: [label, '', '', '', '', '', '', text] });
  }

  render() {
    const head = ['measurement', 'runs', 'wall (median)', 'CPU (median)', 'peak RSS', 'figure', 'target', 'status / note'];
    const lines = [`| ${head.join(' | ')} |`, `|${head.map((h, i) => (i >= 1 && i <= 5 ? '---:' : '---')).join('|')}|`];
    for (const r of this.rows) lines.push(r.section ? `| **${r.section}** |${' |'.repeat(head.length - 1)}` : `| ${r.cells.join(' | ')} |`);
    return lines.join('\n');
  }
}

export const ratio = (a, b) => (a === undefined || b === undefined || b === 0 ? undefined : a / b);
export const times = (x) => (x === undefined ? 'n/a' : `${x.toFixed(x < 10 ? 2 : 1)}x`);
export { seconds, megabytes };
