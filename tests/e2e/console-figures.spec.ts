import { test as base, type Page } from '@playwright/test';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ANALYTICS_PATH, PROTOCOL_VERSION, PROTOCOL_VERSION_HEADER, type AnalyticsCount } from '@kiosk/shared';
import { startStack, type RunningStack } from '../stack/stack.js';
import { createStaffUser, signInConsole } from './console-session.js';
import { expect, snap } from './fixtures.js';

// Figures in the console on the real stack: a citizen searches the kiosk's FAQ for something it
// does not know and takes the "file a request" offer; the agent counts the search and sends its
// counts to the hub; a viewer sees the query in "searches without a result" and in the FAQ
// journey's row, sees the kiosk's journeys in the heat map's cell of the Madrid hour they started
// in, filters by date and site, and downloads the tables as CSV.

const test = base.extend<object, { stack: RunningStack }>({
  stack: [
    // Playwright reads a fixture's dependencies from this destructuring pattern: it must be `{}`.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use, workerInfo) => {
      const dataDir = mkdtempSync(join(tmpdir(), `kiosk-e2e-figures-${workerInfo.workerIndex}-`));
      const lines: string[] = [];
      // The agent sends its usage counts every second instead of every five minutes.
      const stack = await startStack({ dataDir, env: { ANALYTICS_MS: '1000' }, output: (name, line) => lines.push(`[${name}] ${line}`) }).catch((error: Error) => {
        throw new Error(`${error.message}\n--- process output ---\n${lines.slice(-60).join('\n')}`);
      });
      await use(stack);
      await stack.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
    { scope: 'worker', timeout: 120_000 },
  ],
});

const DESKTOP = { width: 1280, height: 720 };
const TABLET = { width: 768, height: 1024 };
const QUERY = 'cocodrilo suelto';
/** The demo municipality's time zone: the heat map's hours are its local hours. */
const TIME_ZONE = 'Europe/Madrid';

/** The hour (0-23) it is now in the municipality. */
function municipalityHour(): number {
  return Number(new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, hour: '2-digit', hourCycle: 'h23' }).format(new Date()));
}

async function searchWithoutResult(page: Page, kioskUrl: string): Promise<void> {
  await page.goto(kioskUrl);
  await page.getByTestId('attract-start').click();
  await page.getByTestId('language-es').click();
  await page.getByTestId('home-faq').click();
  await expect(async () => {
    if (await page.getByTestId('faq-retry').isVisible()) await page.getByTestId('faq-retry').click();
    await expect(page.getByTestId('faq-search-open')).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await page.getByTestId('faq-search-open').click();
  for (const char of QUERY) await page.locator(`.keyboard [data-skbtn="${char === ' ' ? '{space}' : char}"]`).first().click();
  await expect(page.getByTestId('faq-no-result')).toBeVisible();
  // Taking the offer ends the search: that is when the no-result search is counted.
  await page.getByTestId('faq-offer-request').click();
  await expect(page.locator('[data-testid^="service-"]').first()).toBeVisible({ timeout: 15_000 });
}

function demoKiosk(stack: RunningStack): { deviceId: string; token: string } {
  return JSON.parse(readFileSync(join(stack.dataDir, 'demo-kiosk.json'), 'utf8')) as { deviceId: string; token: string };
}

async function expectNoPageScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

test('a search without result on the kiosk shows up in the figures and in their CSV', async ({ stack, browser }, testInfo) => {
  const kiosk = await browser.newPage({ viewport: { width: 1080, height: 1920 }, hasTouch: true });
  // The journeys start in this hour, or in the next one if the clock turns meanwhile.
  const hourBefore = municipalityHour();
  await searchWithoutResult(kiosk, stack.kioskUrl);
  const hourAfter = municipalityHour();
  await kiosk.close();
  const { deviceId } = demoKiosk(stack);

  const viewer = await createStaffUser(stack, { username: `viewer-${Math.random().toString(36).slice(2, 8)}`, role: 'viewer' });
  // The console is used at the town hall: its default range ends on the municipality's today.
  const page = await browser.newPage({ viewport: DESKTOP, locale: 'es-ES', timezoneId: TIME_ZONE, acceptDownloads: true });
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });
  await signInConsole(page, stack, viewer).catch((error: Error) => {
    throw new Error(`${error.message}\npage errors: ${pageErrors.join(' | ')}`);
  });
  await page.getByTestId('nav-figures').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Cifras de uso y servicio');
  // The agent sends every second; the page refetches every minute, so reload until it is there.
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId('faq-table')).toContainText(QUERY, { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  const faqRow = page.getByTestId('faq-table').getByRole('row').filter({ hasText: QUERY });
  await expect(faqRow.getByRole('cell')).toHaveText('1');
  const faqJourney = page.getByTestId('funnel-table').getByRole('row').filter({ hasText: 'Preguntas frecuentes' });
  await expect(faqJourney.getByRole('cell').first()).toHaveText('1'); // started
  await expect(page.getByTestId('languages-table')).toContainText('español');
  await expectNoPageScroll(page);
  await snap(page, testInfo, 'console-figures');

  // The heat map: journeys started (not cases filed) per kiosk and Madrid hour.
  const usage = page.getByTestId('figure-usage');
  await expect(usage.getByRole('heading', { level: 2 })).toHaveText('Recorridos iniciados por quiosco y hora');
  await expect(usage.getByRole('table')).toContainText('hora local del ayuntamiento (Europe/Madrid)');
  const kioskRow = page.getByTestId(`usage-row-${deviceId}`);
  const total = Number(await kioskRow.getByRole('cell').first().textContent());
  expect(total).toBeGreaterThanOrEqual(1); // the FAQ journey at least (taking the offer may start a request journey too)
  const cellCounts = (await kioskRow.locator('td[data-hour]').allTextContents()).map(Number);
  expect(cellCounts).toHaveLength(24); // no "no hour" column: this agent reports hours
  const started = new Set([hourBefore, hourAfter]);
  expect(cellCounts.filter((_, hour) => started.has(hour)).reduce((a, b) => a + b, 0)).toBe(total);
  expect(cellCounts.filter((n, hour) => n > 0 && !started.has(hour))).toEqual([]);
  await usage.scrollIntoViewIfNeeded();
  await snap(page, testInfo, 'console-figures-usage');

  const [usageDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('csv-usage').click()]);
  const [usageHeader, usageRow] = readFileSync((await usageDownload.path()) ?? '', 'utf8').split('\r\n');
  expect(usageHeader?.split(',').slice(-2)).toEqual(['h23', 'hour_unknown']);
  expect(usageRow?.split(',').slice(2)).toEqual([String(total), ...cellCounts.map(String), '0']);

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('csv-faq-no-result').click()]);
  expect(download.suggestedFilename()).toMatch(/^figures-faq-no-result-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = readFileSync((await download.path()) ?? '', 'utf8');
  expect(csv).toBe(`query,count\r\n${QUERY},1\r\n`);

  // A range before anything happened: the same tables, empty.
  await page.getByTestId('figures-from').fill('2020-01-01');
  await page.getByTestId('figures-to').fill('2020-01-31');
  await page.getByTestId('figures-apply').click();
  await expect(page).toHaveURL(/from=2020-01-01&to=2020-01-31/);
  await expect(page.getByTestId('figure-faq-no-result')).toContainText('Sin datos en este periodo.');

  await page.setViewportSize(TABLET);
  await page.goto(`${stack.hubUrl}/console/figures`);
  await expect(page.getByTestId('faq-table')).toContainText(QUERY);
  await expectNoPageScroll(page);
  await snap(page, testInfo, 'console-figures-tablet');
  await page.close();
});

test('day counts from an older agent (no hour) show in a column of their own, not in an hour', async ({ stack, browser }, testInfo) => {
  // What an agent from before per-hour counts sends: today's counts without an hour.
  const { deviceId, token } = demoKiosk(stack);
  const today = new Date().toISOString().slice(0, 10);
  const dayOnly: AnalyticsCount = { day: today, type: 'journey.started', journey: 'appointments', step: '', reason: '', locale: 'eu', modes: '', detail: '', count: 3 };
  const sent = await fetch(`${stack.hubUrl}${ANALYTICS_PATH}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, [PROTOCOL_VERSION_HEADER]: String(PROTOCOL_VERSION), 'content-type': 'application/json' },
    body: JSON.stringify({ batchId: `older-agent-${Date.now()}`, counts: [dayOnly] }),
  });
  expect(sent.status, await sent.text()).toBe(200);

  const viewer = await createStaffUser(stack, { username: `viewer-${Math.random().toString(36).slice(2, 8)}`, role: 'viewer' });
  const page = await browser.newPage({ viewport: DESKTOP, locale: 'es-ES', timezoneId: TIME_ZONE });
  await signInConsole(page, stack, viewer);
  await page.goto(`${stack.hubUrl}/console/figures`);
  const usage = page.getByTestId('figure-usage');
  await expect(usage.getByRole('columnheader', { name: 'Sin hora' })).toBeVisible();
  const kioskRow = page.getByTestId(`usage-row-${deviceId}`);
  await expect(kioskRow.locator('td[data-hour="unknown"]')).toHaveText('3');
  const total = Number(await kioskRow.getByRole('cell').first().textContent());
  const hourly = (await kioskRow.locator('td[data-hour]:not([data-hour="unknown"])').allTextContents()).map(Number);
  expect(total).toBe(hourly.reduce((a, b) => a + b, 0) + 3);
  await expect(usage).toContainText('«Sin hora»: recorridos contados por quioscos con software anterior');
  await expectNoPageScroll(page);
  await usage.scrollIntoViewIfNeeded();
  await snap(page, testInfo, 'console-figures-usage-no-hour');
  await page.close();
});
