import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from '@playwright/test';
import type { StaffRole } from '@kiosk/shared';
import type { RunningStack } from '../stack/stack.js';
import { createStaffUser, signInConsole } from './console-session.js';
import { expect, snap, test } from './fixtures.js';

// The alerts and rollouts pages of the console against the real stack: a rule "paper low for more
// than 0 minutes", the stack's printer set to paper-near-end through the emulator, the alert in the
// inbox (and signed at a local webhook receiver), acknowledged; a configuration rollout created in
// rings and listed with them.

const DESKTOP = { width: 1280, height: 720 };
const TABLET = { width: 768, height: 1024 };
/** The agent reports every 30 s; the inbox polls every 5 s; the webhook outbox runs every 10 s. */
const HEARTBEAT_AND_POLL_MS = 30_000 + 5_000 + 25_000;
const WEBHOOK_SECRET = 'e2e-webhook-secret-0123456789';

async function staffPage(browser: Browser, stack: RunningStack, role: StaffRole, viewport = DESKTOP): Promise<Page> {
  const user = await createStaffUser(stack, { username: `${role}-${Math.random().toString(36).slice(2, 8)}`, role });
  const page = await browser.newPage({ viewport, locale: 'es-ES' });
  await signInConsole(page, stack, user);
  return page;
}

async function setPrinter(stack: RunningStack, patch: Record<string, boolean>): Promise<void> {
  const response = await fetch(`${stack.printerHttpUrl}/state`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(patch) });
  expect(response.status).toBe(200);
}

interface Hook {
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

async function startReceiver(): Promise<{ url: string; received: Hook[]; close(): Promise<void> }> {
  const received: Hook[] = [];
  const server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      received.push({ headers: request.headers, body });
      response.end('');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/kiosk-alerts`, received, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

test.describe.configure({ mode: 'serial' });

test('paper low for more than 0 minutes: the alert reaches the inbox and the signed webhook, and is acknowledged', async ({ stack, browser }, testInfo) => {
  test.setTimeout(180_000);
  const receiver = await startReceiver();
  const page = await staffPage(browser, stack, 'operator');
  try {
    await page.getByTestId('nav-alerts').click();
    await expect(page.getByRole('heading', { level: 1, name: 'Bandeja de alertas' })).toBeVisible();

    // The webhook first, so the alert is delivered to it.
    await page.getByTestId('alerts-nav-webhook').click();
    await page.getByTestId('webhook-url').fill('ftp://127.0.0.1/nope');
    await page.getByTestId('webhook-secret').fill(WEBHOOK_SECRET);
    // The browser's own URL check accepts ftp://; the hub refuses it and the console names the field and the rule.
    await page.getByTestId('webhook-save').click();
    await expect(page.getByRole('alert')).toContainText('(campos: url: el formato no es válido)');
    await page.getByTestId('webhook-url').fill(receiver.url);
    await page.getByTestId('webhook-save').click();
    await expect(page.getByTestId('webhook-saved')).toBeVisible();

    await page.getByTestId('alerts-nav-rules').click();
    await expect(page.getByRole('heading', { level: 1, name: 'Reglas de alerta' })).toBeVisible();
    await page.getByTestId('rule-name').fill('Poco papel, aviso inmediato');
    await page.getByTestId('rule-condition').selectOption('paper-low');
    await page.getByTestId('rule-minutes').fill('0');
    await page.getByTestId('rule-save').click();
    await expect(page.getByTestId('rule-row').filter({ hasText: 'Poco papel, aviso inmediato' })).toBeVisible();
    await page.evaluate(() => window.scrollTo(0, 0));
    await snap(page, testInfo, 'console-alerts-rules');

    await setPrinter(stack, { paperEnd: false, paperNearEnd: true });
    await page.getByTestId('alerts-nav-inbox').click();
    const alert = page.locator('[data-testid="alert-row"][data-condition="paper-low"][data-state="open"]');
    await expect(alert).toBeVisible({ timeout: HEARTBEAT_AND_POLL_MS });
    await expect(alert).toContainText('Poco papel');
    await expect(alert).toContainText('demo-kiosk');
    await expect(alert.getByTestId('alert-state')).toHaveText('Abierta');
    await snap(page, testInfo, 'console-alerts-inbox');

    await page.setViewportSize(TABLET);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
    await snap(page, testInfo, 'console-alerts-inbox-tablet');
    await page.setViewportSize(DESKTOP);

    await alert.getByTestId('alert-acknowledge').click();
    await expect(alert).toBeHidden();
    await page.getByTestId('alerts-filter-state').selectOption('acknowledged');
    const acknowledged = page.locator('[data-testid="alert-row"][data-condition="paper-low"][data-state="acknowledged"]');
    await expect(acknowledged).toBeVisible();
    await expect(acknowledged.getByTestId('alert-state')).toHaveText('Vista');

    // The receiver got the opening, signed with the secret over "<timestamp>.<body>".
    await expect.poll(() => receiver.received.length, { timeout: 30_000 }).toBeGreaterThan(0);
    const hook = receiver.received[0];
    const timestamp = String(hook?.headers['x-kiosk-timestamp']);
    const expected = `sha256=${crypto.createHmac('sha256', WEBHOOK_SECRET).update(`${timestamp}.${hook?.body ?? ''}`).digest('hex')}`;
    expect(hook?.headers['x-kiosk-signature']).toBe(expected);
    expect(JSON.parse(hook?.body ?? '{}')).toMatchObject({ event: 'alert.opened', alert: { condition: 'paper-low', deviceLabel: 'demo-kiosk' } });

    await page.getByTestId('alerts-nav-webhook').click();
    await expect(page.getByTestId('delivery-row').first()).toContainText('Entregada', { timeout: 20_000 });
    await snap(page, testInfo, 'console-alerts-webhook');
  } finally {
    await setPrinter(stack, { paperEnd: false, paperNearEnd: false });
    await receiver.close();
  }
  await page.close();
});

test('a viewer reads the inbox and rules but cannot change them', async ({ stack, browser }, testInfo) => {
  const page = await staffPage(browser, stack, 'viewer');
  await page.goto(`${stack.hubUrl}/console/alerts/rules`);
  await expect(page.getByRole('heading', { level: 1, name: 'Reglas de alerta' })).toBeVisible();
  await expect(page.getByTestId('rule-row').first()).toBeVisible();
  await expect(page.getByTestId('rule-form')).toHaveCount(0);
  await expect(page.getByTestId('rule-delete')).toHaveCount(0);
  await page.getByTestId('alerts-nav-inbox').click();
  await page.getByTestId('alerts-filter-state').selectOption('');
  await expect(page.getByTestId('alert-row').first()).toBeVisible();
  await expect(page.getByTestId('alert-acknowledge')).toHaveCount(0);
  // Rollouts are for operators and admins: no link in the navigation.
  await expect(page.getByTestId('nav-rollouts')).toHaveCount(0);
  await snap(page, testInfo, 'console-alerts-inbox-viewer');
  await page.close();
});

test('a configuration rollout is created in rings after a confirmation and listed with its rings', async ({ stack, browser }, testInfo) => {
  const page = await staffPage(browser, stack, 'operator');
  await page.getByTestId('nav-rollouts').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Despliegues de configuración y contenido' })).toBeVisible();
  await page.getByTestId('rollouts-new').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Nuevo despliegue' })).toBeVisible();

  // Nothing ticked: refused on the page, nothing sent.
  await page.getByTestId('rollout-review').click();
  await expect(page.getByRole('alert')).toContainText('al menos un ajuste');

  await page.getByTestId('rollout-change-idle').check();
  await page.getByTestId('rollout-idle').fill('120');
  await page.getByTestId('rollout-plan').selectOption('canary');
  await snap(page, testInfo, 'console-rollouts-new');
  await page.getByTestId('rollout-review').click();
  const dialog = page.getByTestId('confirm-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('Tiempo de inactividad: 120');
  await expect(dialog).toContainText('Todos los quioscos');
  await snap(page, testInfo, 'console-rollouts-confirm');
  await page.getByTestId('confirm-dialog-confirm').click();

  await expect(page).toHaveURL(/\/console\/rollouts$/);
  const card = page.getByTestId('rollout-card').first();
  await expect(card).toBeVisible();
  await expect(card.getByTestId('rollout-ring')).toHaveCount(2);
  await expect(card.getByTestId('rollout-ring').first()).toContainText('1 quiosco de prueba');
  await expect(card.getByTestId('rollout-ring').nth(1)).toContainText('hasta el 100 %');
  await expect(card.getByTestId('rollout-state')).toHaveText(/En curso|Completado/);
  await snap(page, testInfo, 'console-rollouts-list');
  await page.setViewportSize(TABLET);
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
  await snap(page, testInfo, 'console-rollouts-list-tablet');
  await page.close();
});
