import { defineConfig } from '@playwright/test';
import { fileURLToPath } from 'node:url';

// Browser end-to-end tests: real processes (hub, agent, printer emulator) and Debian's Chromium.
// Playwright never downloads a browser here; `npm test` installs Debian's chromium when missing.
const testDir = fileURLToPath(new URL('../e2e', import.meta.url));
const outputDir = fileURLToPath(new URL('../artifacts/playwright', import.meta.url));

export default defineConfig({
  testDir,
  outputDir,
  timeout: 120_000,
  expect: { timeout: 15_000 },
  workers: 1,
  // One retry: a test that fails and then passes is reported as flaky by name at the end of `npm test`
  // (tests/stack/failure-digest.ts) so it gets fixed, without one timing fault on a shared machine
  // failing the whole run. A test that fails twice fails the run.
  retries: 1,
  reporter: [['list'], ['json', { outputFile: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ?? fileURLToPath(new URL('../artifacts/playwright.json', import.meta.url)) }]],
  use: {
    browserName: 'chromium',
    headless: true,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
});
