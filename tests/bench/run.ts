import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus, totalmem, type } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../stack/stack.js';
import type { Benchmark, Figure } from './figures.js';
import { printRoundTrip } from './print-round-trip.js';
import { qrDecoding } from './qr-decoding.js';
import { open311Post } from './open311-post.js';
import { faqSearch } from './faq-search.js';
import { kioskInteraction } from './kiosk-interaction.js';

// `npm run bench` (`-- --quick` for a first look): runs every benchmark, prints one table and
// writes bench-results.json. Figures come with a baseline measured in the same run, because these
// machines are shared and noisy: read the ratio, not the absolute number.

const quick = process.argv.includes('--quick');
const benchmarks: ReadonlyArray<[string, Benchmark]> = [
  ['qr-decoding', qrDecoding],
  ['print-round-trip', printRoundTrip],
  ['open311-post', open311Post],
  ['faq-search', faqSearch],
  ['kiosk-interaction', kioskInteraction],
];

const figures: Figure[] = [];
for (const [name, run] of benchmarks) {
  process.stdout.write(`running ${name}...\n`);
  figures.push(...(await run({ quick })));
}

const format = (value: number) => (Number.isInteger(value) ? String(value) : value.toFixed(2));
const rows = figures.map((f) => [
  f.benchmark,
  f.name,
  `${format(f.value)} ${f.unit}`,
  f.baseline ? `${format(f.baseline.value)} ${f.baseline.unit} (${f.baseline.name})` : '',
  f.baseline && f.baseline.value !== 0 ? `x${(f.value / f.baseline.value).toFixed(2)}` : '',
  f.note ?? '',
]);
const header = ['benchmark', 'figure', 'value', 'baseline (same run)', 'ratio', 'note'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
const line = (cells: readonly string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ');
console.log(`\n${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('-|-')}\n${rows.map(line).join('\n')}\n`);

let commit = 'unknown';
try {
  commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' }).trim();
} catch {
  // not a git checkout: the report says so
}
const cpu = cpus();
const report = {
  date: new Date().toISOString(),
  commit,
  quick,
  machine: { os: type(), cpu: cpu[0]?.model ?? 'unknown', cores: cpu.length, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version },
  figures,
};
const out = join(repoRoot, 'bench-results.json');
writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
console.log(`wrote ${out}`);
