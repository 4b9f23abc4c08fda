import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../stack/stack.js';
import type { Figure } from './figures.js';

/** The performance report; the measured parts sit between markers and are rewritten by the tools. */
export const PERFORMANCE_DOC = join(repoRoot, 'tests/docs/performance.md');

const format = (value: number) => (Number.isInteger(value) ? String(value) : value.toFixed(2));

/** Replaces the text between `<!-- name:begin -->` and `<!-- name:end -->` in the report. */
export function replaceSection(name: string, body: string, file = PERFORMANCE_DOC): void {
  const text = readFileSync(file, 'utf8');
  const begin = `<!-- ${name}:begin -->`;
  const end = `<!-- ${name}:end -->`;
  const from = text.indexOf(begin);
  const to = text.indexOf(end);
  if (from < 0 || to < from) throw new Error(`${file} has no ${begin} ... ${end} section`);
  writeFileSync(file, `${text.slice(0, from + begin.length)}\n${body.trim()}\n${text.slice(to)}`);
}

/** The bench table as Markdown, with the machine and commit it was measured on. */
export function benchMarkdown(
  report: { date: string; commit: string; quick: boolean; machine: { cpu: string; cores: number; memoryGiB: number; node: string }; figures: Figure[]; rerun?: string[]; previous?: { date: string; commit: string } },
  loadAverage: number,
): string {
  const merged = report.rerun && report.previous ? ` Only ${report.rerun.join(', ')} were measured then (\`--only\`); the other figures are from the run of ${report.previous.date.slice(0, 16).replace('T', ' ')} UTC on commit \`${report.previous.commit.slice(0, 10)}\`.` : '';
  const rows = report.figures.map((f) => {
    const ratio = f.baseline && f.baseline.value !== 0 ? `x${(f.value / f.baseline.value).toFixed(2)}` : '';
    const baseline = f.baseline ? `${format(f.baseline.value)} ${f.baseline.unit} (${f.baseline.name})` : '';
    return `| ${f.benchmark} | ${f.name} | ${format(f.value)} ${f.unit} | ${baseline} | ${ratio} |`;
  });
  return [
    `Measured ${report.date.slice(0, 16).replace('T', ' ')} UTC on commit \`${report.commit.slice(0, 10)}\`${report.quick ? ' (quick mode)' : ''}: ${report.machine.cpu}, ${report.machine.cores} cores, ${report.machine.memoryGiB} GiB, Node ${report.machine.node}; load average ${loadAverage.toFixed(1)} when it started. Command: \`npm run bench -- --write-doc\`.${merged}`,
    '',
    '| benchmark | figure | value | baseline (same run) | ratio |',
    '|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}
