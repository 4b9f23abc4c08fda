import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem, type } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../stack/stack.js';
import type { Benchmark, Figure } from './figures.js';
import { PERFORMANCE_DOC, benchMarkdown, replaceSection } from './performance-doc.js';
import { printRoundTrip } from './print-round-trip.js';
import { qrDecoding } from './qr-decoding.js';
import { open311Post } from './open311-post.js';
import { faqSearch } from './faq-search.js';
import { backlogDrain } from './backlog-drain.js';
import { kioskInteraction } from './kiosk-interaction.js';
import { slotContention } from './slot-contention.js';
import { heartbeatIngestion } from './heartbeat-ingestion.js';

// `npm run bench` (`-- --quick` for a first look): runs every benchmark, prints one table and
// writes bench-results.json. Figures come with a baseline measured in the same run, because these
// machines are shared and noisy: read the ratio, not the absolute number.

const quick = process.argv.includes('--quick');
// --write-doc: also rewrite the measured table in tests/docs/performance.md.
const writeDoc = process.argv.includes('--write-doc');
const loadAtStart = loadavg()[0] ?? 0;
const benchmarks: ReadonlyArray<[string, Benchmark]> = [
  ['qr-decoding', qrDecoding],
  ['print-round-trip', printRoundTrip],
  ['open311-post', open311Post],
  ['faq-search', faqSearch],
  ['backlog-drain', backlogDrain],
  ['kiosk-interaction', kioskInteraction],
  ['slot-contention', slotContention],
  ['heartbeat-ingestion', heartbeatIngestion],
];

// --only a,b: run just these and keep the other figures of the last bench-results.json (a rerun of
// one benchmark after a change, without waiting for all of them).
const onlyAt = process.argv.indexOf('--only');
const only = onlyAt >= 0 ? new Set((process.argv[onlyAt + 1] ?? '').split(',').filter((n) => n !== '')) : null;
const unknown = [...(only ?? [])].filter((n) => !benchmarks.some(([name]) => name === n));
if (unknown.length > 0) throw new Error(`--only: no benchmark named ${unknown.join(', ')} (known: ${benchmarks.map(([n]) => n).join(', ')})`);
const out = join(repoRoot, 'bench-results.json');
const previous = only === null || !existsSync(out) ? null : (JSON.parse(readFileSync(out, 'utf8')) as { date: string; commit: string; figures: Figure[] });
const kept: Figure[] = previous === null || only === null ? [] : previous.figures.filter((f) => f.suite === undefined || !only.has(f.suite));

const figures: Figure[] = [...kept];
for (const [name, run] of benchmarks) {
  if (only !== null && !only.has(name)) continue;
  process.stdout.write(`running ${name}...\n`);
  figures.push(...(await run({ quick })).map((figure) => ({ ...figure, suite: name })));
}
// The table keeps the order of the benchmark list, whichever ran this time.
const order = (f: Figure) => benchmarks.findIndex(([name]) => name === f.suite);
figures.sort((a, b) => order(a) - order(b));

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
  /** With --only: which benchmarks this run measured; the other figures come from `previous`. */
  ...(only === null || previous === null ? {} : { rerun: [...only], previous: { date: previous.date, commit: previous.commit } }),
};
writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
console.log(`wrote ${out}`);
if (writeDoc) {
  replaceSection('bench', benchMarkdown(report, loadAtStart));
  console.log(`updated ${PERFORMANCE_DOC}`);
}
