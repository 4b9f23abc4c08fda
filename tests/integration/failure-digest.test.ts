import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { playwrightFailures, vitestFailures } from '../stack/failure-digest.js';

// The digest at the end of `npm test` is what CI's truncated log keeps of a failure: it must name the
// test and carry the start of its error, without colour codes.

const dir = mkdtempSync(join(tmpdir(), 'digest-'));

describe('failure digest', () => {
  it('names failed and flaky Playwright tests with their first error lines', () => {
    const file = join(dir, 'playwright.json');
    const spec = (title: string, line: number, status: string, message?: string) => ({
      title, line, tests: [{ status, results: [{ status: message ? 'failed' : 'passed', ...(message ? { error: { message } } : {}) }] }],
    });
    writeFileSync(file, JSON.stringify({
      suites: [{ title: 'file-request.spec.ts', file: 'file-request.spec.ts', specs: [spec('passes', 3, 'expected')], suites: [{ title: 'inner', file: 'file-request.spec.ts', specs: [spec('breaks', 32, 'unexpected', '\u001b[31mError: expect(received).toBe(expected)\u001b[39m\n\nExpected: 2\nReceived: 3'), spec('wobbles', 40, 'flaky', 'Timeout 15000ms')] }] }],
    }));
    const { failed, flaky } = playwrightFailures(file);
    expect(failed).toEqual([{ title: 'file-request.spec.ts:32 › breaks', error: 'Error: expect(received).toBe(expected)\nExpected: 2\nReceived: 3' }]);
    expect(flaky).toEqual([{ title: 'file-request.spec.ts:40 › wobbles', error: 'Timeout 15000ms' }]);
  });

  it('names failed Vitest tests, and a file that failed to load', () => {
    const file = join(dir, 'vitest.json');
    writeFileSync(file, JSON.stringify({
      testResults: [
        { name: '/r/a.test.ts', assertionResults: [{ fullName: 'a works', status: 'passed' }, { fullName: 'a breaks', status: 'failed', failureMessages: ['AssertionError: nope\n    at a.test.ts:3'] }] },
        { name: '/r/b.test.ts', message: 'Cannot find module ./gone.js', assertionResults: [] },
      ],
    }));
    expect(vitestFailures(file)).toEqual([
      { title: '/r/a.test.ts › a breaks', error: 'AssertionError: nope\n    at a.test.ts:3' },
      { title: '/r/b.test.ts', error: 'Cannot find module ./gone.js' },
    ]);
  });

  it('reports nothing when a runner wrote no report', () => {
    expect(vitestFailures(join(dir, 'missing.json'))).toEqual([]);
    expect(playwrightFailures(join(dir, 'missing.json'))).toEqual({ failed: [], flaky: [] });
  });
});
