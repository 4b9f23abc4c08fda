import { test as base, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mintReference } from '@kiosk/shared';
import { startStack, type RunningStack } from '../stack/stack.js';
import { expect, snap } from './fixtures.js';
import { fileAtKiosk } from './kiosk-calls.js';

// Follow-up on the real stack, for requests from ANY channel: one filed at this kiosk (through the
// agent, the kiosk's own filing path) and one filed on the web through Open311, both updated by
// staff through the console API (public note, expected date). The citizen types the reference on
// the reference keypad (a typo is caught on the kiosk) or the web request number, and reads the
// status in words in Spanish, Arabic and French. With the hub down the kiosk says it cannot check
// now, and a request still waiting in its outbox is reported as saved here.

interface FirstRun {
  apiKey: string;
  adminPassword: string;
}

/** The standard stack, plus the first-run secrets the hub prints once (api key, admin password). */
const test = base.extend<object, { stack: RunningStack & FirstRun }>({
  stack: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use, workerInfo) => {
      const dataDir = mkdtempSync(join(tmpdir(), `kiosk-e2e-follow-up-${workerInfo.workerIndex}-`));
      const lines: string[] = [];
      const stack = await startStack({ dataDir, env: { ADMIN_SECOND_FACTOR: 'off' }, output: (name, line) => lines.push(`[${name}] ${line}`) });
      const secret = (label: string) => lines.map((line) => new RegExp(`${label}:\\s+(\\S+)`).exec(line)?.[1]).find((value) => value !== undefined) ?? '';
      await use(Object.assign(stack, { apiKey: secret('Open311 api_key'), adminPassword: secret('console password') }));
      await stack.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
    { scope: 'worker', timeout: 120_000 },
  ],
});

const PORTRAIT = { width: 1080, height: 1920 };
const LANDSCAPE = { width: 1920, height: 1080 };

async function staffSession(stack: RunningStack & FirstRun): Promise<Record<string, string>> {
  const headers = { 'content-type': 'application/json', 'x-requested-with': 'console' };
  const login = await fetch(`${stack.hubUrl}/api/auth/login`, { method: 'POST', headers, body: JSON.stringify({ username: 'admin', password: stack.adminPassword }) });
  expect(login.status).toBe(200);
  const cookie = /^([^;]+);/.exec(login.headers.get('set-cookie') ?? '')?.[1] ?? '';
  return { ...headers, cookie };
}

async function updateCase(stack: RunningStack & FirstRun, id: string, detailedStatus: string, publicNote: string, expectedAt: string): Promise<void> {
  const headers = await staffSession(stack);
  const status = await fetch(`${stack.hubUrl}/api/workflow/cases/${encodeURIComponent(id)}/status`, { method: 'POST', headers, body: JSON.stringify({ detailedStatus, publicNote }) });
  expect(status.status, await status.clone().text()).toBe(200);
  const expected = await fetch(`${stack.hubUrl}/api/workflow/cases/${encodeURIComponent(id)}/expected`, { method: 'POST', headers, body: JSON.stringify({ expectedAt }) });
  expect(expected.status).toBe(200);
}

async function openFollowUp(page: Page, kioskUrl: string, locale: string): Promise<void> {
  await page.goto(kioskUrl);
  await page.getByTestId('attract-start').click();
  await page.getByTestId(`language-${locale}`).click();
  await page.getByTestId('home-followUp').click();
  await expect(page.getByTestId('follow-up-input')).toBeVisible();
}

/** Types on the reference keypad, key by key. */
async function typeOnKeypad(page: Page, text: string): Promise<void> {
  for (const char of text) await page.getByTestId(char === '-' ? 'ref-key-dash' : `ref-key-${char}`).click();
}

let kioskReference = '';
let webId = '';

test.describe.configure({ mode: 'serial' });

test('a request filed at this kiosk: a typo is caught, then status, note and date (Spanish, portrait)', async ({ stack, browser }, testInfo) => {
  const page = await browser.newPage({ viewport: PORTRAIT, hasTouch: true });
  await page.goto(stack.kioskUrl);
  const filed = await fileAtKiosk(page, { draftId: `e2e-follow-up-${Date.now()}`, serviceCode: 'litter', description: 'Contenedor desbordado en la plaza', attributes: {}, locale: 'es' });
  expect(filed.sync).toBe('sent');
  kioskReference = filed.reference;
  const byReference = (await (await fetch(`${stack.hubUrl}/open311/v2/requests/${kioskReference}.json`)).json()) as Array<{ service_request_id: string }>;
  await updateCase(stack, byReference[0]?.service_request_id ?? '', 'planned', 'Lo recogeremos el jueves por la mañana.', '2026-12-03T09:00:00+01:00');

  await openFollowUp(page, stack.kioskUrl, 'es');
  await snap(page, testInfo, 'follow-up-es-01-enter');
  // One wrong character: the check character catches it on the kiosk, nothing is asked of the hub.
  const wrong = kioskReference.replace(/.$/, (last) => (last === '0' ? '1' : '0'));
  await typeOnKeypad(page, wrong);
  await page.getByTestId('follow-up-submit').click();
  await expect(page.getByTestId('follow-up-problem')).toHaveAttribute('data-problem', 'check');
  await expect(page.getByTestId('follow-up-input')).toHaveValue(wrong);
  await snap(page, testInfo, 'follow-up-es-02-typo');
  await page.getByTestId('ref-key-backspace').click();
  await typeOnKeypad(page, kioskReference.slice(-1));
  await page.getByTestId('follow-up-submit').click();

  await expect(page.getByTestId('follow-up-status')).toHaveAttribute('data-status', 'planned');
  await expect(page.getByTestId('follow-up-status')).toHaveText('Programada: ya tiene fecha para resolverse.');
  await expect(page.getByTestId('follow-up-reference')).toHaveText(kioskReference);
  await expect(page.getByTestId('follow-up-note')).toContainText('Lo recogeremos el jueves por la mañana.');
  await expect(page.getByTestId('follow-up-expected')).toContainText('3 de diciembre de 2026');
  await expect(page.locator('body')).not.toContainText('Contenedor desbordado');
  await snap(page, testInfo, 'follow-up-es-03-status');
  await page.getByTestId('follow-up-finish').click();
  await expect(page.getByTestId('follow-up-input')).toBeHidden();
  await page.close();
});

test('a request filed on the web through Open311, by its number (Arabic and French)', async ({ stack, browser }, testInfo) => {
  const body = new URLSearchParams({ api_key: stack.apiKey, service_code: 'pavement-damage', lat: '40.4170', long: '-3.7040', description: 'Baldosa suelta frente al número 12', email: 'vecina@example.org' });
  const created = await fetch(`${stack.hubUrl}/open311/v2/requests.json`, { method: 'POST', body });
  expect(created.status, await created.clone().text()).toBe(201);
  webId = ((await created.json()) as Array<{ service_request_id: string }>)[0]?.service_request_id ?? '';
  expect(webId).toMatch(/^\d+$/);
  await updateCase(stack, webId, 'in-progress', 'Una brigada revisará la acera esta semana.', '2026-12-10T09:00:00+01:00');

  const page = await browser.newPage({ viewport: PORTRAIT, hasTouch: true });
  await openFollowUp(page, stack.kioskUrl, 'ar');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await typeOnKeypad(page, webId);
  await expect(page.getByTestId('follow-up-input')).toHaveValue(webId);
  await snap(page, testInfo, 'follow-up-ar-01-enter');
  await page.getByTestId('follow-up-submit').click();
  await expect(page.getByTestId('follow-up-status')).toHaveText('قيد المعالجة: نحن نعمل عليه.');
  await expect(page.getByTestId('follow-up-request-number')).toHaveText(webId);
  await expect(page.getByTestId('follow-up-note')).toContainText('Una brigada revisará la acera esta semana.');
  await expect(page.locator('body')).not.toContainText('vecina@example.org');
  await snap(page, testInfo, 'follow-up-ar-02-status');
  await page.close();

  const french = await browser.newPage({ viewport: LANDSCAPE, hasTouch: true });
  await openFollowUp(french, stack.kioskUrl, 'fr');
  // The physical keyboard works too (and lower case is accepted).
  await french.getByTestId('follow-up-input').fill(kioskReference.toLowerCase());
  await french.getByTestId('follow-up-submit').click();
  await expect(french.getByTestId('follow-up-status')).toHaveText('Programmée : une date est fixée pour la traiter.');
  await expect(french.getByTestId('follow-up-expected')).toContainText('3 décembre 2026');
  await snap(french, testInfo, 'follow-up-fr-01-status');
  // Check another: the web case, by number.
  await french.getByTestId('follow-up-another').click();
  await expect(french.getByTestId('follow-up-input')).toHaveValue('');
  await typeOnKeypad(french, webId);
  await french.getByTestId('follow-up-submit').click();
  await expect(french.getByTestId('follow-up-request-number')).toHaveText(webId);
  await french.close();
});

test('an unknown reference, then the hub down: "cannot check now", and a queued request is "saved here"', async ({ stack, browser }, testInfo) => {
  const page = await browser.newPage({ viewport: PORTRAIT, hasTouch: true });
  await openFollowUp(page, stack.kioskUrl, 'es');
  // A valid reference (right check character) that no request has.
  const unknown = mintReference('ZZZZ', 1).display;
  await typeOnKeypad(page, unknown);
  await page.getByTestId('follow-up-submit').click();
  await expect(page.getByTestId('follow-up-not-found')).toBeVisible();
  await snap(page, testInfo, 'follow-up-es-04-not-found');
  await page.getByTestId('follow-up-back').click();
  await expect(page.getByTestId('follow-up-input')).toHaveValue(unknown);

  await stack.stopProcess('hub');
  const queued = await fileAtKiosk(page, { draftId: `e2e-follow-up-queued-${Date.now()}`, serviceCode: 'litter', description: 'Papelera rota', attributes: {}, locale: 'es' });
  expect(queued.sync).toBe('queued');
  await page.getByTestId('ref-key-clear').click();
  await typeOnKeypad(page, kioskReference);
  await page.getByTestId('follow-up-submit').click();
  await expect(page.getByTestId('follow-up-offline')).toBeVisible({ timeout: 30_000 });
  await snap(page, testInfo, 'follow-up-es-05-offline');
  await page.getByTestId('follow-up-back').click();
  await page.getByTestId('ref-key-clear').click();
  await typeOnKeypad(page, queued.reference);
  await page.getByTestId('follow-up-submit').click();
  await expect(page.getByTestId('follow-up-waiting')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('follow-up-reference')).toHaveText(queued.reference);
  await snap(page, testInfo, 'follow-up-es-06-saved-here');
  await page.close();
});
