import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, expect, it } from 'vitest';
import { repoRoot } from '../stack/stack.js';

const run = promisify(execFile);
const outDir = mkdtempSync(join(tmpdir(), 'soak-smoke-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

// The soak command itself, short: it must restart the hub under load, lose and duplicate nothing,
// and write its report. (The 10-minute run for the performance report is `npm run soak`.)
it('npm run soak survives hub restarts with every filing at the hub once', async () => {
  const out = join(outDir, 'soak.json');
  await run(process.execPath, ['--import', 'tsx', 'tests/soak/soak.ts', '--minutes', '0.6', '--kiosks', '20', '--restart-every', '12', '--heartbeat', '3', '--probe-every', '2', '--out', out], {
    cwd: repoRoot,
    timeout: 170_000,
  });
  const report = JSON.parse(readFileSync(out, 'utf8')) as { failures: string[]; counters: { restarts: number; heartbeats: number; casesAtHub: number; filed: number; agentFiled: number } };
  expect(report.failures).toEqual([]);
  expect(report.counters.restarts).toBeGreaterThanOrEqual(2);
  expect(report.counters.heartbeats).toBeGreaterThan(0);
  expect(report.counters.agentFiled).toBeGreaterThan(0);
  expect(report.counters.casesAtHub).toBe(report.counters.filed + report.counters.agentFiled);
}, 180_000);
