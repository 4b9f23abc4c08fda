import type { Browser, Page } from '@playwright/test';
import type { FilingResult, RequestDraft } from '@kiosk/shared';
import { expect, snap, test } from './fixtures.js';
import { createStaffUser, signInConsole, type StaffUser } from './console-session.js';
import { passToDescription, passToReview, typeOnKeyboard } from './journey.js';
import type { RunningStack } from '../stack/stack.js';
import { fileAtKiosk } from './kiosk-calls.js';

// The console's cases pages against the real stack: a request filed on the kiosk's screens is
// found in the queue, its personal data revealed on request, handled through to closed (assign,
// internal note, status changes with public notes), and the public status page shows it closed.
// Then a bulk change with its confirmation, and a viewer who sees the queue and a case but no
// control that changes anything.

const DESKTOP = { width: 1280, height: 720 };
const TABLET = { width: 768, height: 1024 };
const DESCRIPTION = 'farola apagada';

/** Files a request through the kiosk's own screens, as a citizen; returns its reference. */
async function fileOnKioskScreens(browser: Browser, stack: RunningStack): Promise<string> {
  const kiosk = await browser.newPage({ viewport: { width: 1080, height: 1920 }, hasTouch: true });
  await kiosk.goto(stack.kioskUrl);
  await kiosk.getByTestId('attract-start').click();
  await kiosk.getByTestId('language-es').click();
  await kiosk.getByTestId('home-file-request').click();
  await kiosk.getByTestId('service-street-lighting').click();
  await passToDescription(kiosk);
  await typeOnKeyboard(kiosk, DESCRIPTION);
  await passToReview(kiosk);
  await kiosk.getByTestId('review-submit').click();
  await expect(kiosk.getByTestId('done-sync')).toHaveAttribute('data-sync', 'sent', { timeout: 30_000 });
  const reference = (await kiosk.getByTestId('done-reference').innerText()).trim();
  await kiosk.close();
  return reference;
}

/** Files through the agent from inside the kiosk page (quicker, for cases the test only needs to exist). */
async function fileThroughAgent(browser: Browser, stack: RunningStack, draft: RequestDraft): Promise<FilingResult> {
  const kiosk = await browser.newPage();
  await kiosk.goto(stack.kioskUrl);
  try {
    return await fileAtKiosk(kiosk, draft);
  } finally {
    await kiosk.close();
  }
}

async function consolePage(browser: Browser, stack: RunningStack, user: StaffUser): Promise<Page> {
  const page = await browser.newPage({ viewport: DESKTOP });
  await signInConsole(page, stack, user);
  // The console is in Spanish unless the browser asks otherwise; pin it so the texts below hold.
  await page.getByTestId('console-language').selectOption('es');
  return page;
}

const row = (page: Page, reference: string) => page.locator(`tr[data-reference="${reference}"]`);

// Generous timeouts: the first test walks the kiosk's screens and then the console, on a machine
// shared with other work.
test.describe.configure({ timeout: 300_000 });

test('a kiosk request is handled from the console queue through to closed, and the status page says so', async ({ stack, browser }, testInfo) => {
  const reference = await fileOnKioskScreens(browser, stack);
  const caseworker = await createStaffUser(stack, { username: 'tramitadora', role: 'caseworker' });
  const page = await consolePage(browser, stack, caseworker);

  await page.goto(`${stack.hubUrl}/console/cases?channel=kiosk&status=open`);
  await expect(row(page, reference)).toBeVisible();
  await expect(page.getByTestId('cases-filter-channel')).toHaveValue('kiosk');
  await expect(row(page, reference)).toContainText('Recibida');
  await expect(page.locator('body')).not.toContainText(DESCRIPTION);
  await snap(page, testInfo, 'console-cases-queue');
  // The view lives in the URL: another filter narrows it and the link keeps both.
  await page.getByTestId('cases-filter-sla').selectOption('within');
  await expect(page).toHaveURL(/channel=kiosk.*sla=within|sla=within.*channel=kiosk/);
  await expect(row(page, reference)).toBeVisible();

  await row(page, reference).getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(reference);
  await expect(page.getByTestId('case-status')).toHaveAttribute('data-status', 'received');
  // Personal data stays hidden until asked for; the reveal is logged in the case's own history.
  await expect(page.getByTestId('case-personal-data')).toHaveCount(0);
  await page.getByTestId('case-reveal').click();
  await expect(page.getByTestId('case-personal-data')).toContainText(DESCRIPTION);
  await expect(page.locator('[data-testid="case-events"] li[data-action="case.personal-data-viewed"]')).toContainText('tramitadora');
  await snap(page, testInfo, 'console-cases-case');

  await page.getByTestId('case-assignee-select').selectOption({ label: 'tramitadora' });
  await page.getByTestId('case-assign').click();
  await expect(page.getByTestId('case-assignee')).toHaveText('tramitadora');

  await page.getByTestId('case-note-input').fill('Avisar a la brigada de alumbrado');
  await page.getByTestId('case-note-submit').click();
  await expect(page.getByTestId('case-internal-notes')).toContainText('Avisar a la brigada de alumbrado');

  await page.getByTestId('case-status-select').selectOption('in-progress');
  await page.getByTestId('case-public-note').fill('La brigada pasará mañana.');
  await page.getByTestId('case-status-submit').click();
  await expect(page.getByTestId('case-status')).toHaveAttribute('data-status', 'in-progress');

  await page.getByTestId('case-status-select').selectOption('resolved');
  await page.getByTestId('case-public-note').fill('Farola reparada.');
  await page.getByTestId('case-status-submit').click();
  await expect(page.getByTestId('case-status')).toHaveAttribute('data-status', 'resolved');
  await expect(page.getByTestId('case-public-history')).toContainText('Farola reparada.');
  await snap(page, testInfo, 'console-cases-case-closed');

  await page.setViewportSize(TABLET);
  await snap(page, testInfo, 'console-cases-case-tablet');
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  await page.getByTestId('case-back').click();
  await expect(page).toHaveURL(/sla=within/);
  await snap(page, testInfo, 'console-cases-queue-tablet');
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);

  const status = await browser.newPage();
  await status.goto(`${stack.hubUrl}/status/${reference}`);
  await expect(status.getByTestId('status-value')).toHaveAttribute('data-status', 'closed');
  await expect(status.locator('body')).toContainText('Farola reparada.');
  await status.close();
  await page.close();
});

test('bulk changes go through a confirmation and report each case', async ({ stack, browser }, testInfo) => {
  const filed = [];
  for (const n of [1, 2]) {
    filed.push(await fileThroughAgent(browser, stack, { draftId: `e2e-bulk-${n}-${Date.now()}`, serviceCode: 'litter', description: `Contenedor lleno ${n}`, attributes: {}, locale: 'es' }));
  }
  const caseworker = await createStaffUser(stack, { username: 'tramitador-bloque', role: 'caseworker' });
  const page = await consolePage(browser, stack, caseworker);
  await page.goto(`${stack.hubUrl}/console/cases?service=litter&status=open`);
  for (const f of filed) {
    await expect(row(page, f.reference)).toBeVisible();
    await row(page, f.reference).getByRole('checkbox').check();
  }
  await expect(page.getByTestId('cases-bulk')).toContainText('2 solicitudes seleccionadas');
  await page.getByTestId('cases-bulk-status').selectOption('planned');
  await page.getByTestId('cases-bulk-change-status').click();
  await expect(page.getByTestId('confirm-dialog')).toBeVisible();
  await expect(page.getByTestId('confirm-dialog')).toContainText('Planificada');
  await snap(page, testInfo, 'console-cases-bulk-dialog');
  await page.setViewportSize(TABLET);
  await snap(page, testInfo, 'console-cases-bulk-dialog-tablet');
  await page.setViewportSize(DESKTOP);
  await page.getByTestId('confirm-dialog-confirm').click();
  await expect(page.getByTestId('cases-bulk-report')).toContainText('Cambiadas: 2. No cambiadas: 0.');
  for (const f of filed) await expect(row(page, f.reference)).toContainText('Planificada');
  await snap(page, testInfo, 'console-cases-bulk-done');
  await page.close();
});

test('a viewer sees the queue and a case, but nothing that changes it nor the personal data', async ({ stack, browser }, testInfo) => {
  await fileThroughAgent(browser, stack, { draftId: `e2e-viewer-${Date.now()}`, serviceCode: 'litter', description: 'Papelera rota', attributes: {}, locale: 'es' });
  const viewer = await createStaffUser(stack, { username: 'consulta', role: 'viewer' });
  const page = await consolePage(browser, stack, viewer);
  await page.goto(`${stack.hubUrl}/console/cases`);
  await expect(page.getByTestId('cases-table')).toBeVisible();
  await expect(page.getByRole('checkbox')).toHaveCount(0);
  await expect(page.getByTestId('cases-bulk')).toHaveCount(0);
  await snap(page, testInfo, 'console-cases-queue-viewer');
  await page.locator('[data-testid^="case-link-"]').first().click();
  await expect(page.getByTestId('case-details')).toBeVisible();
  await expect(page.getByTestId('case-actions')).toHaveCount(0);
  await expect(page.getByTestId('case-merge')).toHaveCount(0);
  await expect(page.getByTestId('case-reveal')).toHaveCount(0);
  await snap(page, testInfo, 'console-cases-case-viewer');
  // And the hub refuses the reveal to a viewer even when asked directly.
  const refused = await page.evaluate(async (url) => {
    const id = location.pathname.split('/').pop() ?? '';
    const response = await fetch(`${url}/api/workflow/cases/${id}/personal-data`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-requested-with': 'console' }, body: '{}' });
    return response.status;
  }, stack.hubUrl);
  expect(refused).toBe(403);
  await page.close();
});
