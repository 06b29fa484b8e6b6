/** One line of the chaos table: what was measured, its value, the target and whether it holds. */
export interface Figure {
  part: string;
  figure: string;
  value: string;
  target: string;
  /** null: reported without a target (sizes, informative timings). */
  ok: boolean | null;
}

export const zero = (part: string, figure: string, count: number): Figure => ({
  part,
  figure,
  value: String(count),
  target: '0',
  ok: count === 0,
});

export const info = (part: string, figure: string, value: string): Figure => ({
  part,
  figure,
  value,
  target: '',
  ok: null,
});

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

export const ms = (value: number): string => `${value.toFixed(value < 10 ? 2 : 0)} ms`;

/** The table as `npm run chaos` prints it and the README shows it (Markdown). */
export function formatTable(figures: readonly Figure[]): string {
  const rows = [
    ['Part', 'Figure', 'Value', 'Target', ''],
    ...figures.map((f) => [f.part, f.figure, f.value, f.target, f.ok === null ? '' : f.ok ? 'ok' : 'FAIL']),
  ];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  const line = (row: string[]) => `| ${row.map((cell, column) => cell.padEnd(widths[column]!)).join(' | ')} |`;
  return [line(rows[0]!), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.slice(1).map(line)].join('\n');
}

/** How many were done, and how many were asked for when a time limit stopped the part early. */
export const performed = (done: number, asked: number): string =>
  done === asked ? String(done) : `${done} of ${asked} asked (stopped at the time limit)`;
