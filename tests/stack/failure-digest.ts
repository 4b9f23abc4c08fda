import { existsSync, readFileSync } from 'node:fs';

// The closing lines of `npm test` name every failed test with the start of its error, read from the
// runners' JSON reports. CI keeps only the tail of a run's output, and a long Playwright run pushes
// the error far above it: without this, a failure on CI leaves only its title behind.

export interface FailedTest {
  title: string;
  error: string;
}

const LINES_PER_ERROR = 8;
// eslint-disable-next-line no-control-regex -- ANSI colour codes are control characters by definition
const ANSI = /\u001b\[[0-9;]*m/g;

function firstLines(text: string): string {
  return text.replace(ANSI, '').split('\n').filter((line) => line.trim() !== '').slice(0, LINES_PER_ERROR).join('\n');
}

interface VitestReport {
  testResults?: Array<{ name: string; message?: string; assertionResults?: Array<{ fullName: string; status: string; failureMessages?: string[] }> }>;
}

export function vitestFailures(file: string): FailedTest[] {
  if (!existsSync(file)) return [];
  const report = JSON.parse(readFileSync(file, 'utf8')) as VitestReport;
  const failed: FailedTest[] = [];
  for (const suite of report.testResults ?? []) {
    const tests = (suite.assertionResults ?? []).filter((test) => test.status === 'failed');
    for (const test of tests) failed.push({ title: `${suite.name} › ${test.fullName}`, error: firstLines(test.failureMessages?.join('\n') ?? '') });
    // A file that failed to load has no tests, only its own message.
    if (tests.length === 0 && suite.message) failed.push({ title: suite.name, error: firstLines(suite.message) });
  }
  return failed;
}

interface PlaywrightSuite {
  title: string;
  file?: string;
  specs?: Array<{ title: string; line?: number; tests: Array<{ status: string; results: Array<{ status: string; error?: { message?: string } }> }> }>;
  suites?: PlaywrightSuite[];
}

function playwrightSuiteFailures(suite: PlaywrightSuite, failed: FailedTest[], flaky: FailedTest[]): void {
  for (const spec of suite.specs ?? []) {
    for (const test of spec.tests) {
      const firstError = test.results.find((result) => result.error)?.error?.message ?? '';
      const entry = { title: `${suite.file ?? suite.title}:${spec.line ?? 0} › ${spec.title}`, error: firstLines(firstError) };
      if (test.status === 'unexpected') failed.push(entry);
      if (test.status === 'flaky') flaky.push(entry);
    }
  }
  for (const child of suite.suites ?? []) playwrightSuiteFailures(child, failed, flaky);
}

export function playwrightFailures(file: string): { failed: FailedTest[]; flaky: FailedTest[] } {
  const failed: FailedTest[] = [];
  const flaky: FailedTest[] = [];
  if (!existsSync(file)) return { failed, flaky };
  const report = JSON.parse(readFileSync(file, 'utf8')) as { suites?: PlaywrightSuite[]; errors?: Array<{ message?: string }> };
  for (const suite of report.suites ?? []) playwrightSuiteFailures(suite, failed, flaky);
  for (const error of report.errors ?? []) failed.push({ title: 'Playwright (outside a test)', error: firstLines(error.message ?? '') });
  return { failed, flaky };
}

export function printDigest(heading: string, tests: FailedTest[]): void {
  if (tests.length === 0) return;
  console.log(`\n=== ${heading}`);
  for (const test of tests) {
    console.log(`- ${test.title}`);
    if (test.error) console.log(test.error.split('\n').map((line) => `    ${line}`).join('\n'));
  }
}
