import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './stack.js';
import { ensureSystemPackages } from './system-deps.js';
import { playwrightFailures, printDigest, vitestFailures } from './failure-digest.js';

// `npm test`: everything CI runs, in order, with one closing line "N passed, N failed".
// Steps: system packages, typecheck, lint, unit + integration (Vitest), build, browser end-to-end
// (Playwright + Debian Chromium). A failing step does not stop the later ones, so one run shows
// every problem; the exit code is non-zero if anything failed.

const artifacts = join(repoRoot, 'tests/artifacts');
rmSync(artifacts, { recursive: true, force: true });
mkdirSync(artifacts, { recursive: true });

interface StepResult {
  name: string;
  ok: boolean;
  passed: number;
  failed: number;
  skipped: number;
}
const results: StepResult[] = [];

function run(name: string, command: string, args: string[], env: NodeJS.ProcessEnv = {}): boolean {
  console.log(`\n=== ${name}: ${command} ${args.join(' ')}`);
  const started = Date.now();
  const outcome = spawnSync(command, args, { cwd: repoRoot, stdio: 'inherit', env: { ...process.env, ...env } });
  const ok = outcome.status === 0;
  console.log(`=== ${name}: ${ok ? 'ok' : `FAILED (exit ${outcome.status ?? outcome.signal})`} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return ok;
}

function step(name: string, command: string, args: string[], counts?: () => Omit<StepResult, 'name' | 'ok'>, env?: NodeJS.ProcessEnv): void {
  const ok = run(name, command, args, env);
  const counted = counts?.() ?? { passed: ok ? 1 : 0, failed: ok ? 0 : 1, skipped: 0 };
  // A runner that crashed before writing its report still counts as a failure.
  results.push({ name, ok, ...counted, failed: counted.failed + (ok || counted.failed > 0 ? 0 : 1) });
}

function vitestCounts(): Omit<StepResult, 'name' | 'ok'> {
  const file = join(artifacts, 'vitest.json');
  if (!existsSync(file)) return { passed: 0, failed: 0, skipped: 0 };
  const report = JSON.parse(readFileSync(file, 'utf8')) as { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number };
  return { passed: report.numPassedTests, failed: report.numFailedTests, skipped: report.numPendingTests + report.numTodoTests };
}

let flakyTests = 0;
function playwrightCounts(): Omit<StepResult, 'name' | 'ok'> {
  const file = join(artifacts, 'playwright.json');
  if (!existsSync(file)) return { passed: 0, failed: 0, skipped: 0 };
  const report = JSON.parse(readFileSync(file, 'utf8')) as { stats: { expected: number; unexpected: number; flaky: number; skipped: number } };
  flakyTests = report.stats.flaky;
  return { passed: report.stats.expected + report.stats.flaky, failed: report.stats.unexpected, skipped: report.stats.skipped };
}

try {
  ensureSystemPackages();
  results.push({ name: 'system packages', ok: true, passed: 1, failed: 0, skipped: 0 });
} catch (error) {
  console.error((error as Error).message);
  results.push({ name: 'system packages', ok: false, passed: 0, failed: 1, skipped: 0 });
}

const npx = (bin: string) => join(repoRoot, 'node_modules/.bin', bin);
step('typecheck', npx('tsc'), ['-b']);
step('lint', npx('eslint'), ['--max-warnings', '0', '-c', 'tests/config/eslint.config.js', '.']);
step('unit and integration', npx('vitest'), ['run', '--config', 'tests/config/vitest.config.ts', '--reporter=default', '--reporter=json', `--outputFile.json=${join(artifacts, 'vitest.json')}`], vitestCounts);
step('build', 'npm', ['run', 'build']);
step('browser end-to-end', npx('playwright'), ['test', '--config', 'tests/config/playwright.config.ts'], playwrightCounts, {
  PLAYWRIGHT_JSON_OUTPUT_NAME: join(artifacts, 'playwright.json'),
});

// Failed (and flaky: failed once, passed on the retry) tests by name with the start of their error,
// last, where a truncated log still shows them.
const e2e = playwrightFailures(join(artifacts, 'playwright.json'));
printDigest('failed tests', [...vitestFailures(join(artifacts, 'vitest.json')), ...e2e.failed]);
printDigest('flaky browser tests (failed, then passed on the retry: fix them)', e2e.flaky);

const total = results.reduce((acc, r) => ({ passed: acc.passed + r.passed, failed: acc.failed + r.failed, skipped: acc.skipped + r.skipped }), { passed: 0, failed: 0, skipped: 0 });
console.log('\n=== summary');
for (const r of results) console.log(`${r.ok ? 'ok  ' : 'FAIL'} ${r.name}: ${r.passed} passed, ${r.failed} failed${r.skipped ? `, ${r.skipped} skipped` : ''}`);
console.log(`\n${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ''}${flakyTests ? ` (${flakyTests} flaky: passed only on the retry)` : ''}`);
process.exit(results.every((r) => r.ok) ? 0 : 1);
