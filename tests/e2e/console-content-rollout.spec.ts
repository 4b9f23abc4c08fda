import type { Browser, Page } from '@playwright/test';
import type { StaffRole } from '@kiosk/shared';
import type { RunningStack } from '../stack/stack.js';
import { createStaffUser, signInConsole } from './console-session.js';
import { expect, snap, test } from './fixtures.js';

// A content rollout from the console on the real stack (issue 7): an editor re-publishes an FAQ
// (same text, a new published revision, so the kiosks' content is not changed for later specs),
// an operator starts a content rollout to every kiosk with no soak time, sees its kind and held
// version on the card, and the hub's rollout job completes it (then kiosks are served the newest
// bundle again: nothing is held back for the specs that follow). The kind filter hides it among
// configuration rollouts.

const DESKTOP = { width: 1280, height: 720 };
const ENTRY = 'demo-ibi-payment-faq';
/** The hub's rollout step runs every 30 s; the page polls every 5 s. */
const ROLLOUT_STEP_AND_POLL_MS = 30_000 + 5_000 + 25_000;

async function staffPage(browser: Browser, stack: RunningStack, role: StaffRole): Promise<Page> {
  const user = await createStaffUser(stack, { username: `${role}-${Math.random().toString(36).slice(2, 8)}`, role });
  const page = await browser.newPage({ viewport: DESKTOP, locale: 'es-ES' });
  await signInConsole(page, stack, user);
  return page;
}

/** A same-origin call from the signed-in page, so the real session cookie and CSRF header are used. */
async function callHub(page: Page, method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const response = await fetch(path, { method, headers: { 'content-type': 'application/json', 'x-requested-with': 'console' }, body: body === undefined ? undefined : JSON.stringify(body) });
      return { status: response.status, json: await response.json().catch(() => null) };
    },
    { method, path, body },
  );
}

test('an operator starts a content rollout in rings from the console and follows it to completion', async ({ stack, browser }, testInfo) => {
  test.setTimeout(150_000);
  const page = await staffPage(browser, stack, 'operator');
  // Held content is content a kiosk already has: wait until the stack's agent reports a bundle (it fetches at start).
  await expect(async () => {
    const overview = await callHub(page, 'GET', '/api/fleet/overview');
    const kiosks = (overview.json as { kiosks: { versions: { content: string | null } | null }[] }).kiosks;
    expect(kiosks.some((k) => k.versions?.content !== null && k.versions?.content !== undefined)).toBe(true);
  }).toPass({ timeout: 45_000 });
  const editor = await staffPage(browser, stack, 'editor');
  const entry = await callHub(editor, 'GET', `/api/content/${ENTRY}`);
  expect(entry.status).toBe(200);
  const version = (entry.json as { publishedVersion: number | null }).publishedVersion;
  expect(version).not.toBeNull();
  expect((await callHub(editor, 'POST', `/api/content/${ENTRY}/publish`, { version })).status).toBe(200);
  await editor.close();

  await page.getByTestId('nav-rollouts').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Despliegues de configuración y contenido' })).toBeVisible();
  await page.getByTestId('rollouts-new').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Nuevo despliegue' })).toBeVisible();
  await page.getByTestId('rollout-kind-content').check();
  // Content needs no configuration patch: the changes are gone, the held-content rule is explained.
  await expect(page.getByTestId('rollout-change-idle')).toHaveCount(0);
  await expect(page.getByTestId('rollout-form')).toContainText('siguen con el contenido que tenían');
  await page.getByTestId('rollout-plan').selectOption('everyone');
  await page.getByLabel('Espera máxima por anillo (minutos)').fill('0');
  await snap(page, testInfo, 'console-content-rollout-new');
  await page.getByTestId('rollout-review').click();
  const dialog = page.getByTestId('confirm-dialog');
  await expect(dialog).toContainText('Contenido publicado, por anillos');
  await expect(dialog).toContainText('Todos los quioscos');
  await page.getByTestId('confirm-dialog-confirm').click();

  await expect(page).toHaveURL(/\/console\/rollouts$/);
  const card = page.locator('[data-testid="rollout-card"][data-kind="content"]').first();
  await expect(card).toBeVisible();
  await expect(card.getByTestId('rollout-kind')).toHaveText('Contenido');
  await expect(card.getByTestId('rollout-content')).toContainText(/revisión \d+\); los quioscos no alcanzados reciben la versión \d+/);
  await expect(card.getByTestId('rollout-ring')).toHaveCount(1);
  await snap(page, testInfo, 'console-content-rollout-started');
  // The hub's rollout step moves it on (no soak time): every kiosk is reached, the rollout completes.
  await expect(card.getByTestId('rollout-state')).toHaveText('Completado', { timeout: ROLLOUT_STEP_AND_POLL_MS });
  await expect(card.getByTestId('rollout-ring')).toHaveAttribute('data-state', 'done');
  await snap(page, testInfo, 'console-content-rollout-completed');

  await page.getByTestId('rollouts-filter-kind').selectOption('config');
  await expect(page.locator('[data-testid="rollout-card"][data-kind="content"]')).toHaveCount(0);
  await page.getByTestId('rollouts-filter-kind').selectOption('content');
  await expect(page.locator('[data-testid="rollout-card"][data-kind="content"]').first()).toBeVisible();
  await expect(page.locator('[data-testid="rollout-card"][data-kind="config"]')).toHaveCount(0);
  await page.close();
});
