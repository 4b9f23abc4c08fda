import { test as base, type Page, type TestInfo } from '@playwright/test';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot, startStack, type RunningStack } from '../stack/stack.js';

export const screenshotDir = join(repoRoot, 'tests/artifacts/screenshots');

/**
 * One real product stack per test file (hub, printer emulator, agent as separate processes, each
 * with its own data folder), exactly what `npm start` runs.
 */
export const test = base.extend<object, { stack: RunningStack }>({
  stack: [
    // Playwright reads a fixture's dependencies from this destructuring pattern: it must be `{}`.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use, workerInfo) => {
      const dataDir = mkdtempSync(join(tmpdir(), `kiosk-e2e-${workerInfo.workerIndex}-`));
      const lines: string[] = [];
      const stack = await startStack({ dataDir, output: (name, line) => lines.push(`[${name}] ${line}`) }).catch((error: Error) => {
        throw new Error(`${error.message}\n--- process output ---\n${lines.slice(-60).join('\n')}`);
      });
      await use(stack);
      await stack.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
    { scope: 'worker', timeout: 120_000 },
  ],
});

export { expect } from '@playwright/test';

/** Saves a full-page screenshot as a test artifact (and attaches it to the report). */
export async function snap(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  const path = join(screenshotDir, `${name}.png`);
  await page.screenshot({ path, fullPage: false });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}
