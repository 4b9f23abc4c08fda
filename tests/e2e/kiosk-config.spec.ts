import { test as base, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_KIOSK_CONFIG, KIOSK_LOCALES, type FilingResult, type KioskConfig } from '@kiosk/shared';
import { startStack, type RunningStack } from '../stack/stack.js';
import { expect, snap } from './fixtures.js';
import { fileAtKiosk } from './kiosk-calls.js';

// Issue 4: the kiosk honours the configuration staff set for it on the hub (PUT /api/fleet/devices/
// :id/config, signed in as the first-run admin): only the configured languages (default first),
// its idle timers, an out-of-hours screen outside its opening hours (a session already running
// is not cut off), and the municipality's transparency figures on the attract screen.

interface Extras {
  adminPassword: string;
  deviceId: string;
}

const test = base.extend<object, { stack: RunningStack & Extras }>({
  stack: [
    // Playwright reads a fixture's dependencies from this destructuring pattern: it must be `{}`.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use, workerInfo) => {
      const dataDir = mkdtempSync(join(tmpdir(), `kiosk-e2e-config-${workerInfo.workerIndex}-`));
      const lines: string[] = [];
      // Frequent heartbeats: a heartbeat's answer names the desired version the agent then fetches.
      // The admin signs in with the password alone: a TOTP second factor is not what this file tests.
      const env = { HEARTBEAT_MS: '1000', ADMIN_SECOND_FACTOR: 'off' };
      const stack = await startStack({ dataDir, env, output: (_name, line) => lines.push(line) });
      const adminPassword = lines.map((line) => /console password:\s+(\S+)/.exec(line)?.[1]).find((value) => value !== undefined) ?? '';
      const { deviceId } = JSON.parse(readFileSync(join(dataDir, 'demo-kiosk.json'), 'utf8')) as { deviceId: string };
      await use(Object.assign(stack, { adminPassword, deviceId }));
      await stack.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
    { scope: 'worker', timeout: 120_000 },
  ],
});

const PORTRAIT = { width: 1080, height: 1920 };
const LANDSCAPE = { width: 1920, height: 1080 };
const CONSOLE = { 'content-type': 'application/json', 'x-requested-with': 'console' };

async function staffHeaders(stack: RunningStack & Extras): Promise<Record<string, string>> {
  expect(stack.adminPassword).not.toBe('');
  const login = await fetch(`${stack.hubUrl}/api/auth/login`, { method: 'POST', headers: CONSOLE, body: JSON.stringify({ username: 'admin', password: stack.adminPassword }) });
  expect(login.status).toBe(200);
  return { ...CONSOLE, cookie: /^([^;]+);/.exec(login.headers.get('set-cookie') ?? '')?.[1] ?? '' };
}

/** Sets the kiosk's desired configuration as the console does, then waits until the kiosk runs it. */
async function configure(stack: RunningStack & Extras, config: KioskConfig): Promise<void> {
  const headers = await staffHeaders(stack);
  const url = `${stack.hubUrl}/api/fleet/devices/${encodeURIComponent(stack.deviceId)}/config`;
  const current = await fetch(url, { headers });
  expect(current.status).toBe(200);
  const put = await fetch(url, { method: 'PUT', headers: { ...headers, 'if-match': current.headers.get('etag') ?? '"0"' }, body: JSON.stringify(config) });
  expect(put.status, await put.clone().text()).toBe(200);
  await expect
    .poll(async () => ((await (await fetch(url, { headers })).json()) as { inSync: boolean }).inSync, { timeout: 30_000, intervals: [250, 500, 1000] })
    .toBe(true);
}

/** Files through the agent's KioskClient from inside the kiosk page (same origin, per-boot token). */
async function fileLitter(page: Page, description: string): Promise<FilingResult> {
  return fileAtKiosk(page, { draftId: `e2e-config-${Date.now()}-${Math.random().toString(36).slice(2, 10)}`, serviceCode: 'litter', description, attributes: {}, locale: 'es' });
}

/** Five requests filed at the kiosk and resolved by staff: enough for the hub to publish figures. */
async function closeFiveCases(stack: RunningStack & Extras, page: Page): Promise<void> {
  const headers = await staffHeaders(stack);
  for (let i = 0; i < 5; i += 1) {
    const filed = await fileLitter(page, `Papelera llena número ${i + 1}`);
    expect(filed.sync).toBe('sent');
    const found = (await (await fetch(`${stack.hubUrl}/open311/v2/requests/${filed.reference}.json`)).json()) as Array<{ service_request_id: string }>;
    const id = found[0]?.service_request_id ?? '';
    const status = await fetch(`${stack.hubUrl}/api/workflow/cases/${encodeURIComponent(id)}/status`, { method: 'POST', headers, body: JSON.stringify({ detailedStatus: 'resolved', publicNote: 'Vaciada.' }) });
    expect(status.status, await status.clone().text()).toBe(200);
  }
}

/** Nothing on the screen is cut off or sticks out (as text-fits.spec.ts checks the journeys). */
async function expectNothingSpills(page: Page): Promise<void> {
  const spills = await page.evaluate(() => {
    const found: string[] = [];
    const { clientWidth, clientHeight } = document.documentElement;
    for (const el of document.querySelectorAll<HTMLElement>('main h1, main h2, main p, main li, main button, main section')) {
      if (el.offsetParent === null) continue;
      const rect = el.getBoundingClientRect();
      const name = `${el.tagName.toLowerCase()} "${el.innerText.trim().slice(0, 40)}"`;
      if (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1) found.push(`${name} overflows its box`);
      if (rect.left < -1 || rect.right > clientWidth + 1 || rect.bottom > clientHeight + 1) found.push(`${name} sticks out of the screen`);
    }
    return found;
  });
  expect(spills).toEqual([]);
}

async function switchLanguage(page: Page, locale: string): Promise<void> {
  await page.getByTestId('top-language').click();
  await page.getByTestId(`switch-language-${locale}`).click();
  await expect(page.locator('html')).toHaveAttribute('lang', locale);
}

test.describe.configure({ mode: 'serial' });

test('the attract screen shows the municipality figures, in the display language', async ({ stack, browser }, testInfo) => {
  const page = await browser.newPage({ viewport: PORTRAIT, hasTouch: true });
  await page.goto(stack.kioskUrl);
  // Before any case is closed the hub has no figures worth showing: the panel is not there.
  await expect(page.getByTestId('attract-start')).toBeVisible();
  await expect(page.getByTestId('attract-figures')).toHaveCount(0);

  await closeFiveCases(stack, page);
  await page.reload();
  const figure = page.getByTestId('attract-figure-litter');
  await expect(figure).toBeVisible();
  await expect(figure).toContainText(/:/);
  await expect(page.getByTestId('attract-figures')).toHaveAttribute('data-stale', 'false');
  await expect(page.getByTestId('attract-figures-age')).toContainText('90');
  const spanish = await figure.textContent();
  await expect(figure).toContainText('%');

  for (const locale of ['es', 'eu', 'ar'] as const) {
    if (locale !== 'es') {
      await page.setViewportSize(PORTRAIT);
      await switchLanguage(page, locale);
      // In the display language: the sentence changes (the service name is the hub's, in its language).
      await expect(figure).not.toHaveText(spanish ?? '');
    }
    for (const [name, viewport] of [['portrait', PORTRAIT], ['landscape', LANDSCAPE]] as const) {
      await page.setViewportSize(viewport);
      await expect(figure).toBeVisible();
      await snap(page, testInfo, `kiosk-config-${locale}-figures-${name}`);
      await expectNothingSpills(page);
    }
  }
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await page.close();
});

test('only the configured languages are offered, the default first; the idle timers are the configured ones', async ({ stack, browser }, testInfo) => {
  await configure(stack, { ...DEFAULT_KIOSK_CONFIG, languages: ['ar', 'eu', 'es'], defaultLanguage: 'es', idleTimeoutSeconds: 30, idleWarningSeconds: 20 });
  const page = await browser.newPage({ viewport: PORTRAIT, hasTouch: true });
  await page.goto(stack.kioskUrl);
  await page.getByTestId('attract-start').click();
  const buttons = page.locator('[data-testid^="language-"]');
  await expect(buttons).toHaveCount(3);
  expect(await buttons.evaluateAll((list) => list.map((b) => b.getAttribute('data-testid')))).toEqual(['language-es', 'language-eu', 'language-ar']);
  await snap(page, testInfo, 'kiosk-config-es-languages-portrait');
  await page.getByTestId('language-eu').click();
  await expect(page.getByTestId('home-faq')).toBeVisible();

  // The top bar's switch offers the same three.
  await page.getByTestId('top-language').click();
  await expect(page.locator('[data-testid^="switch-language-"]:not([data-testid="switch-language-close"])')).toHaveCount(3);
  await snap(page, testInfo, 'kiosk-config-eu-switch-portrait');
  await page.getByTestId('switch-language-close').click();

  // 30 s of quiet, not the default 90: the warning comes, and it gives the configured 20 s.
  const quietFrom = Date.now();
  await expect(page.getByTestId('idle-warning')).toBeVisible({ timeout: 40_000 });
  const warnedAt = Date.now();
  expect(warnedAt - quietFrom).toBeGreaterThan(25_000);
  await snap(page, testInfo, 'kiosk-config-eu-idle-warning-portrait');
  await expect(page.getByTestId('attract-start')).toBeVisible({ timeout: 30_000 });
  const resetAfter = Date.now() - warnedAt;
  expect(resetAfter).toBeGreaterThan(15_000);
  expect(resetAfter).toBeLessThan(26_000);
  await page.close();
});

test('outside its opening hours the kiosk says when it opens; a session already running ends normally', async ({ stack, browser }, testInfo) => {
  const page = await browser.newPage({ viewport: PORTRAIT, hasTouch: true });
  await page.goto(stack.kioskUrl);
  // A citizen is in a session when the kiosk closes.
  await page.getByTestId('attract-start').click();
  await page.getByTestId('language-es').click();
  await expect(page.getByTestId('home-faq')).toBeVisible();

  // Open one hour, two hours from now (UTC), every day: closed now, opens later today or tomorrow.
  const hour = new Date().getUTCHours();
  const from = hour < 20 ? hour + 2 : 1;
  const clock = (h: number) => `${String(h).padStart(2, '0')}:00`;
  const day = [{ from: clock(from), to: clock(from + 1) }];
  await configure(stack, {
    ...DEFAULT_KIOSK_CONFIG,
    languages: ['es', 'eu', 'ar'],
    idleTimeoutSeconds: 60,
    openingHours: { timeZone: 'UTC', week: { mon: day, tue: day, wed: day, thu: day, fri: day, sat: day, sun: day } },
  });
  // Not cut off: the citizen's home screen stays until they leave.
  await expect(page.getByTestId('home-faq')).toBeVisible();
  await page.getByTestId('top-start-over').click();
  const next = page.getByTestId('out-of-hours-next');
  await expect(next).toBeVisible();
  await expect(next).toContainText(clock(from));
  await expect(page.getByTestId('attract-start')).toHaveCount(0);
  await snap(page, testInfo, 'kiosk-config-es-closed-portrait');
  await expectNothingSpills(page);
  await page.setViewportSize(LANDSCAPE);
  await snap(page, testInfo, 'kiosk-config-es-closed-landscape');
  await expectNothingSpills(page);

  for (const locale of ['eu', 'ar'] as const) {
    await switchLanguage(page, locale);
    await expect(next).toContainText(clock(from));
    await page.setViewportSize(PORTRAIT);
    await snap(page, testInfo, `kiosk-config-${locale}-closed-portrait`);
    await expectNothingSpills(page);
    await page.setViewportSize(LANDSCAPE);
    await snap(page, testInfo, `kiosk-config-${locale}-closed-landscape`);
    await expectNothingSpills(page);
  }

  // Open again (no hours): the attract screen comes back without a reload.
  await configure(stack, { ...DEFAULT_KIOSK_CONFIG });
  await expect(page.getByTestId('attract-start')).toBeVisible();
  await page.close();
});

/** axe with issue 8's tags; each violation as "where: rule target". */
async function axeProblems(page: Page, where: string): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  return result.violations.flatMap((violation) => violation.nodes.map((node) => `${where}: ${violation.id} ${node.target.join(' ')}`));
}

/** Flips one of the Help dialog's display switches (the citizen's way to large text or high contrast). */
async function toggleInHelp(page: Page, name: 'textSize' | 'contrast'): Promise<void> {
  await page.getByTestId('top-help').click();
  await page.getByTestId(`a11y-${name}`).click();
  await page.getByTestId('help-close').click();
  await expect(page.getByTestId('help-dialog')).toHaveCount(0);
}

// Issue 8, checklist 20 for the two screens the every-screen walk (a11y-checklist-axe.spec.ts) cannot
// reach on its stack, because staff configuration makes them: out of hours (seven languages x
// default, large text, high contrast) and out of service (maintenance; no Help there, so default only).
test('checklist 20: the out-of-hours screen in every language and display mode, and the out-of-service screen, have zero axe violations', async ({ stack, browser }, testInfo) => {
  test.setTimeout(240_000);
  const context = await browser.newContext({ viewport: PORTRAIT, hasTouch: true });
  const page = await context.newPage();
  const hour = new Date().getUTCHours();
  const from = hour < 20 ? hour + 2 : 1;
  const clock = (h: number) => `${String(h).padStart(2, '0')}:00`;
  const day = [{ from: clock(from), to: clock(from + 1) }];
  await configure(stack, {
    ...DEFAULT_KIOSK_CONFIG,
    languages: [...KIOSK_LOCALES],
    openingHours: { timeZone: 'UTC', week: { mon: day, tue: day, wed: day, thu: day, fri: day, sat: day, sun: day } },
  });
  await page.goto(stack.kioskUrl);
  await expect(page.getByTestId('out-of-hours-next')).toBeVisible();
  const problems: string[] = [];
  const root = page.getByTestId('a11y-root');
  for (const locale of KIOSK_LOCALES) {
    if (locale !== 'es') await switchLanguage(page, locale);
    problems.push(...(await axeProblems(page, `${locale} out-of-hours default`)));
    await toggleInHelp(page, 'textSize');
    await expect(root).toHaveAttribute('data-text-size', 'large');
    problems.push(...(await axeProblems(page, `${locale} out-of-hours large text`)));
    await toggleInHelp(page, 'textSize');
    await toggleInHelp(page, 'contrast');
    await expect(root).toHaveAttribute('data-contrast', 'high');
    problems.push(...(await axeProblems(page, `${locale} out-of-hours high contrast`)));
    if (locale === 'ar') await snap(page, testInfo, 'checklist-20-out-of-hours-ar-high-contrast');
    await toggleInHelp(page, 'contrast');
  }

  await configure(stack, { ...DEFAULT_KIOSK_CONFIG, maintenance: true });
  await expect(page.locator('.screen-unavailable')).toBeVisible();
  problems.push(...(await axeProblems(page, 'out-of-service')));
  await snap(page, testInfo, 'checklist-20-out-of-service');
  await configure(stack, { ...DEFAULT_KIOSK_CONFIG });
  await expect(page.getByTestId('attract-start')).toBeVisible();
  expect(problems).toEqual([]);
  await context.close();
});
