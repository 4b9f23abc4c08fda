import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { repoRoot, type RunningStack } from '../stack/stack.js';
import { freePort, startProcess, waitForHttp } from '../stack/processes.js';
import { createStaffUser, signInAsAdmin, signInConsole } from './console-session.js';
import { expect, snap, test } from './fixtures.js';

// The fleet pages of the console against the real stack (hub, printer emulator, agent processes):
// the stack's kiosk on the overview and its own page, a job sent from the console and its result
// coming back from the real agent, the printer's paper running low showing as "degraded" within
// one heartbeat, and a brand-new kiosk (a second agent process with no credential) enrolled from
// the console page its QR code points to.

const DESKTOP = { width: 1280, height: 720 };
const TABLET = { width: 768, height: 1024 };
/** The agent reports every 30 s (HEARTBEAT_MS default); the console polls every 5 s; plus slack. */
const ONE_HEARTBEAT_MS = 30_000 + 5_000 + 5_000;

async function operatorPage(browser: Browser, stack: RunningStack, viewport = DESKTOP): Promise<Page> {
  const user = await createStaffUser(stack, { username: `operator-${Math.random().toString(36).slice(2, 8)}`, role: 'operator' });
  // The demo municipality works in Spanish: the console picks it from the browser's language.
  const page = await browser.newPage({ viewport, locale: 'es-ES' });
  await signInConsole(page, stack, user);
  return page;
}

async function setPrinter(stack: RunningStack, patch: Record<string, boolean>): Promise<void> {
  const response = await fetch(`${stack.printerHttpUrl}/state`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(patch) });
  expect(response.status).toBe(200);
}

/** The stack's own kiosk (the hub's first run registers it as 'demo-kiosk'). */
const STACK_KIOSK_LABEL = 'demo-kiosk';

async function stackKioskRow(page: Page) {
  const row = page.locator('[data-testid^="fleet-row-"]', { has: page.getByRole('link', { name: STACK_KIOSK_LABEL, exact: true }) });
  await expect(row).toBeVisible();
  return row;
}

test.describe.configure({ mode: 'serial' });

test('overview and kiosk page show the stack kiosk online; a job sent from the console comes back with its result', async ({ stack, browser }, testInfo) => {
  const page = await operatorPage(browser, stack);
  await page.getByTestId('nav-fleet').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Quioscos' })).toBeVisible();
  const row = await stackKioskRow(page);
  await expect(row.getByTestId('kiosk-status')).toHaveAttribute('data-status', /online|degraded/, { timeout: ONE_HEARTBEAT_MS });
  // Status in words, not only colour.
  await expect(row.getByTestId('kiosk-status')).toHaveText(/En línea|Con incidencias/);
  await snap(page, testInfo, 'console-fleet-overview');

  // Filters narrow the table and live in the address.
  await page.getByTestId('filter-status').selectOption('offline');
  await expect(page.getByText('Ningún quiosco cumple estos filtros.')).toBeVisible();
  await expect(page).toHaveURL(/status=offline/);
  await page.getByTestId('filter-status').selectOption('');

  await row.getByTestId('fleet-kiosk-link').click();
  await expect(page.getByTestId('kiosk-summary')).toBeVisible();
  await expect(page.getByTestId('health-timeline').locator('tbody tr').first()).toBeVisible({ timeout: ONE_HEARTBEAT_MS });
  await expect(page.getByTestId('kiosk-versions')).toContainText(/\d+\.\d+\.\d+/);
  await expect(page.getByTestId('config-sync')).toBeVisible();
  await expect(page.getByTestId('kiosk-screenshot')).toContainText('Solo la administración puede ver las capturas'); // an operator: screenshots are for admins
  await expect(page.getByTestId('dead-letters-none')).toBeVisible();

  // A harmless job: the printer prints a test page, the agent reports success with its result.
  const form = page.getByTestId('send-job-form');
  await form.getByTestId('job-type').selectOption('print-test-page');
  await form.getByTestId('job-send').click();
  await expect(form.getByTestId('job-sent')).toBeVisible();
  const jobRow = page.locator('[data-job-type="print-test-page"]').first();
  await expect(jobRow.getByTestId('job-state')).toHaveAttribute('data-state', 'succeeded', { timeout: 30_000 });
  await expect(jobRow.getByTestId('job-state')).toHaveText('Hecho');
  await snap(page, testInfo, 'console-fleet-kiosk-jobs');
  await page.evaluate(() => window.scrollTo(0, 0));
  await snap(page, testInfo, 'console-fleet-kiosk');
  await page.close();
});

test('jobs page: a disruptive job asks for confirmation first and then runs on the kiosk', async ({ stack, browser }, testInfo) => {
  // Disruptive jobs wait for the citizen's session to end. The stack is shared with earlier spec
  // files whose kiosk pages may have closed mid-journey: a kiosk screen freshly on its attract
  // screen tells the agent no session is active (App.tsx).
  const kiosk = await browser.newPage();
  await kiosk.goto(stack.kioskUrl);
  await expect(kiosk.getByTestId('attract-start')).toBeVisible();
  const page = await operatorPage(browser, stack);
  await page.goto(`${stack.hubUrl}/console/fleet/jobs`);
  await expect(page.getByRole('heading', { level: 1, name: 'Trabajos remotos' })).toBeVisible();
  const form = page.getByTestId('send-job-form');
  await form.getByTestId('job-type').selectOption('reload-content');
  await form.getByTestId('job-target-kiosk').check();
  await form.getByTestId('job-target').selectOption({ label: STACK_KIOSK_LABEL });
  await form.getByTestId('job-send').click();
  // Disruptive: nothing is queued before the confirmation.
  const dialog = page.getByTestId('confirm-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('Recargar contenidos');
  await snap(page, testInfo, 'console-fleet-jobs-confirm');
  await dialog.getByTestId('confirm-dialog-confirm').click();
  await expect(form.getByTestId('job-sent')).toBeVisible();
  const jobRow = page.locator('[data-job-type="reload-content"]').first();
  await expect(jobRow.getByTestId('job-state')).toHaveAttribute('data-state', /succeeded|in-progress|delivered|queued/);
  await expect(jobRow.getByTestId('job-state')).toHaveAttribute('data-state', 'succeeded', { timeout: 60_000 });
  await snap(page, testInfo, 'console-fleet-jobs');
  await page.close();
  await kiosk.close();
});

test('the stack kiosk going paper-low shows as degraded within one heartbeat', async ({ stack, browser }, testInfo) => {
  const page = await operatorPage(browser, stack);
  await page.goto(`${stack.hubUrl}/console/fleet`);
  const row = await stackKioskRow(page);
  await expect(row.getByTestId('kiosk-status')).toHaveAttribute('data-status', 'online', { timeout: ONE_HEARTBEAT_MS });
  await setPrinter(stack, { paperEnd: false, paperNearEnd: true });
  try {
    const started = Date.now();
    await expect(row.getByTestId('kiosk-status')).toHaveAttribute('data-status', 'degraded', { timeout: ONE_HEARTBEAT_MS });
    await expect(row.getByTestId('kiosk-reasons')).toContainText('Poco papel');
    testInfo.annotations.push({ type: 'degraded after', description: `${Math.round((Date.now() - started) / 1000)} s` });
    // The reason filter finds it.
    await page.getByTestId('filter-reason').selectOption('paper-low');
    await expect(row).toBeVisible();
    await expect(page).toHaveURL(/reason=paper-low/);
    await snap(page, testInfo, 'console-fleet-overview-paper-low');
    // The same page on a tablet: the table scrolls inside its box, the page does not.
    await page.setViewportSize(TABLET);
    await expect(row).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
    await snap(page, testInfo, 'console-fleet-overview-tablet');
  } finally {
    await setPrinter(stack, { paperEnd: false, paperNearEnd: false });
  }
  await page.close();
});

test('a new kiosk shows a code; an admin approves it on /console/enrol and the kiosk gets its credential', async ({ stack, browser }, testInfo) => {
  // A second agent process starts, enrols and reports; the admin signs in with a second factor.
  test.setTimeout(180_000);
  const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-e2e-enrol-'));
  const port = await freePort();
  const kioskUrl = `http://127.0.0.1:${port}`;
  const lines: string[] = [];
  // A second agent with no credential at all: it enrols itself against the stack's hub.
  const agent = startProcess({
    name: 'new-agent',
    command: process.execPath,
    args: ['--import', 'tsx', 'kiosk/src/agent/main.ts'],
    env: { ...process.env, DATA_DIR: dataDir, KIOSK_PORT: String(port), HUB_URL: stack.hubUrl, PRINTER: 'none', HEARTBEAT_MS: '2000' },
    cwd: repoRoot,
    output: (_name, line) => lines.push(line),
  });
  try {
    await waitForHttp(`${kioskUrl}/healthz`, 60_000, agent);
    const kioskPage = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
    await kioskPage.goto(kioskUrl);
    const codeOnScreen = kioskPage.getByTestId('enrolment-code');
    await expect(codeOnScreen).toBeVisible({ timeout: 30_000 });
    const code = (await codeOnScreen.innerText()).replace(/[^0-9A-Z]/gi, '');
    expect(code).toHaveLength(8);

    const page = await browser.newPage({ viewport: DESKTOP, locale: 'es-ES' });
    await signInAsAdmin(page, stack);
    // Pending enrolments: listed without their codes.
    await page.goto(`${stack.hubUrl}/console/fleet/enrolments`);
    await expect(page.getByTestId('enrolments-table').locator('tbody tr')).not.toHaveCount(0);
    await expect(page.getByTestId('enrolments-table')).not.toContainText(code);
    await snap(page, testInfo, 'console-fleet-enrolments');

    // Where the kiosk's QR code leads: the code is filled in.
    await page.goto(`${stack.hubUrl}/console/enrol?code=${code}`);
    await expect(page.getByTestId('enrol-code')).toHaveValue(code);
    await page.getByTestId('enrol-label').fill('Quiosco biblioteca');
    await page.getByTestId('enrol-site').fill('Biblioteca');
    await page.getByTestId('enrol-group').fill('piloto');
    await snap(page, testInfo, 'console-fleet-enrol');
    await page.getByTestId('enrol-approve').click();
    await expect(page.getByTestId('enrol-approved')).toContainText('Quiosco biblioteca');

    // The kiosk learns it was approved, keeps its credential and starts reporting.
    await expect.poll(() => existsSync(join(dataDir, 'kiosk', 'credentials.json')), { timeout: 30_000 }).toBe(true);
    await expect(codeOnScreen).toBeHidden({ timeout: 30_000 });
    await page.goto(`${stack.hubUrl}/console/fleet?site=Biblioteca`);
    const newRow = page.locator('[data-testid^="fleet-row-"]', { hasText: 'Quiosco biblioteca' });
    await expect(newRow).toHaveCount(1);
    await expect(newRow.getByTestId('kiosk-status')).toHaveAttribute('data-status', /online|degraded/, { timeout: 30_000 });
    await expect(page.getByRole('heading', { level: 2, name: /Biblioteca/ })).toBeVisible();

    // The admin's view of that kiosk: revoking asks first.
    await newRow.getByTestId('fleet-kiosk-link').click();
    await expect(page.getByTestId('kiosk-revoke')).toBeVisible();
    await page.getByTestId('kiosk-revoke').click();
    await expect(page.getByTestId('confirm-dialog')).toBeVisible();
    await snap(page, testInfo, 'console-fleet-revoke-confirm');
    await page.getByTestId('confirm-dialog-confirm').click();
    await expect(page.getByTestId('kiosk-revoked')).toBeVisible();
    await page.close();
    await kioskPage.close();
  } catch (error) {
    throw new Error(`${(error as Error).message}\n--- new agent output ---\n${lines.slice(-30).join('\n')}`, { cause: error });
  } finally {
    await agent.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
