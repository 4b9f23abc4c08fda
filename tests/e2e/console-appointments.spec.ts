import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { PROTOCOL_VERSION } from '@kiosk/shared';
import type { RunningStack } from '../stack/stack.js';
import { createStaffUser, signInConsole } from './console-session.js';
import { expect, snap, test } from './fixtures.js';

// Appointments in the console on the real stack: an editor changes an office's calendar (holiday,
// capacity, opening hours) and sees it after a reload; a caseworker watches the day board, where a
// booking made through the public API shows its state, and calls the next walk-in turn issued by
// the demo kiosk: the queue moves, and a new kiosk turn appears without reloading (live refresh).

const DESKTOP = { width: 1280, height: 720 };
const TABLET = { width: 768, height: 1024 };
/** Christmas Eve next year: always ahead, inside the settings page's holiday horizon. */
const EVE = `${new Date().getFullYear() + 1}-12-24`;

async function consolePage(browser: Browser, stack: RunningStack, role: 'editor' | 'caseworker' | 'viewer', viewport = DESKTOP): Promise<Page> {
  const user = await createStaffUser(stack, { username: `${role}-${Math.random().toString(36).slice(2, 8)}`, role });
  const page = await browser.newPage({ viewport, locale: 'es-ES' });
  await signInConsole(page, stack, user);
  return page;
}

async function expectNoPageScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

/** A walk-in turn from the demo kiosk, through the fleet API with its device credential. */
async function walkIn(stack: RunningStack, service: string): Promise<string> {
  const { token } = JSON.parse(readFileSync(join(stack.dataDir, 'demo-kiosk.json'), 'utf8')) as { token: string };
  const response = await fetch(`${stack.hubUrl}/fleet/v1/appointments/walk-in`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'x-protocol-version': String(PROTOCOL_VERSION), 'content-type': 'application/json' },
    body: JSON.stringify({ office: 'oac-centro', service }),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { label: string }).label;
}

/**
 * The end-to-end stack is shared by the spec files of one Playwright worker, so turns other
 * files took (e.g. a kiosk check-in) may be waiting: call them first, so this test's queue holds
 * only its own turns.
 */
async function callEveryWaitingTurn(page: Page): Promise<void> {
  const rows = page.getByTestId('queue-row');
  await expect(page.getByTestId('queue-count')).toBeVisible();
  for (let waiting = await rows.count(); waiting > 0; waiting -= 1) {
    await page.getByTestId('call-next').click();
    await expect(rows).toHaveCount(waiting - 1);
  }
}

/** The first free slot of a service through the public API, booked; its office-local day. */
async function bookFirstFreeSlot(stack: RunningStack): Promise<{ reference: string; day: string }> {
  const from = new Date(Date.now() + 24 * 3600_000).toISOString().slice(0, 10);
  const to = new Date(Date.now() + 15 * 24 * 3600_000).toISOString().slice(0, 10);
  const slots = (await (await fetch(`${stack.hubUrl}/public/v1/appointments/slots?office=oac-centro&service=registro&from=${from}&to=${to}`)).json()) as { slots: Array<{ start: string }> };
  const start = slots.slots[0]?.start;
  if (start === undefined) throw new Error('no free slot in the next two weeks');
  const response = await fetch(`${stack.hubUrl}/public/v1/appointments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ office: 'oac-centro', service: 'registro', start, name: 'Persona De Prueba', idDocument: { kind: 'dni', number: '12345678Z' }, locale: 'es' }),
  });
  expect(response.status).toBe(201);
  return { reference: ((await response.json()) as { reference: string }).reference, day: start.slice(0, 10) };
}

test('an editor changes an office calendar and the change is saved and shown', async ({ stack, browser }, testInfo) => {
  const page = await consolePage(browser, stack, 'editor');
  await page.getByTestId('nav-appointments').click();
  await page.getByTestId('appointments-settings-link').click();
  await page.getByTestId('appointments-office').selectOption('cc-norte');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Calendario de la oficina');
  await expect(page.getByTestId('hours-row')).toHaveCount(2);
  await expectNoPageScroll(page);
  await snap(page, testInfo, 'console-appointments-settings');

  // A holiday, a second citizen per padrón slot, and Friday mornings.
  await page.getByTestId('holiday-day').fill(EVE);
  await page.getByTestId('holiday-name').fill('Nochebuena');
  await page.getByTestId('holiday-add').click();
  await expect(page.getByTestId('holiday-list')).toContainText(`${EVE}: Nochebuena`);
  const padron = page.getByTestId('service-padron');
  await padron.getByTestId('service-capacity').fill('3');
  await padron.getByTestId('service-save').click();
  await expect(padron.getByRole('status')).toHaveText('Cambios guardados.');
  await page.getByTestId('hours-add').click();
  const added = page.getByTestId('hours-row').nth(2);
  await added.getByRole('combobox').selectOption('5');
  await added.getByTestId('hours-opens').fill('08:30');
  await added.getByTestId('hours-closes').fill('13:30');
  await page.getByTestId('hours-save').click();
  await expect(page.getByTestId('hours-form').getByRole('status')).toHaveText('Cambios guardados.');

  // An overlapping interval: the hub refuses the whole week, the console names the field; nothing is lost.
  await page.getByTestId('hours-add').click();
  const overlap = page.getByTestId('hours-row').nth(3);
  await overlap.getByRole('combobox').selectOption('5');
  await overlap.getByTestId('hours-opens').fill('12:00');
  await overlap.getByTestId('hours-closes').fill('14:00');
  await page.getByTestId('hours-save').click();
  await expect(page.getByTestId('save-error')).toContainText('(campos: hours: se solapa con otro tramo)');
  await snap(page, testInfo, 'console-appointments-settings-refused');

  await page.reload();
  await expect(page.getByTestId('hours-row')).toHaveCount(3);
  await expect(page.getByTestId('hours-row').nth(2).getByTestId('hours-opens')).toHaveValue('08:30');
  await expect(page.getByTestId('holiday-list')).toContainText(`${EVE}: Nochebuena`);
  await expect(page.getByTestId('service-padron').getByTestId('service-capacity')).toHaveValue('3');

  await page.setViewportSize(TABLET);
  await expectNoPageScroll(page);
  await snap(page, testInfo, 'console-appointments-settings-tablet');
  await page.close();
});

test('a caseworker sees the day board and calls the next turn; the queue refreshes by itself', async ({ stack, browser }, testInfo) => {
  const page = await consolePage(browser, stack, 'caseworker');
  await page.getByTestId('nav-appointments').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Citas y turnos del día');
  await callEveryWaitingTurn(page);
  const booking = await bookFirstFreeSlot(stack);
  const first = await walkIn(stack, 'padron');
  const second = await walkIn(stack, 'registro');
  // The board refreshes itself every few seconds.
  await expect(page.getByTestId('queue-row')).toHaveCount(2, { timeout: 15_000 });
  await expect(page.getByTestId('queue-row').first()).toContainText(first);
  await expectNoPageScroll(page);
  await snap(page, testInfo, 'console-appointments-board');

  await page.getByTestId('call-next-desk').selectOption('2');
  await page.getByTestId('call-next').click();
  await expect(page.getByTestId('call-next-result')).toHaveText(`Turno ${first} llamado a la mesa 2.`);
  await expect(page.getByTestId('queue-row')).toHaveCount(1);
  await expect(page.getByTestId('queue-row').first()).toContainText(second);
  await expect(page.getByTestId('called-table')).toContainText(first);
  await snap(page, testInfo, 'console-appointments-called');

  // A new turn from the kiosk shows up without touching the page.
  const third = await walkIn(stack, 'padron');
  await expect(page.getByTestId('queue-row')).toHaveCount(2, { timeout: 15_000 });
  await expect(page.getByTestId('queue-row').last()).toContainText(third);

  // The booked day: reference and state, no name.
  await page.getByTestId('appointments-day').fill(booking.day);
  const row = page.getByTestId('booking-row').filter({ hasText: booking.reference });
  await expect(row).toContainText('reservada');
  await expect(page.getByTestId('bookings-table')).not.toContainText('Persona De Prueba');
  await page.setViewportSize(TABLET);
  await expectNoPageScroll(page);
  await snap(page, testInfo, 'console-appointments-board-tablet');
  await page.close();
});

test('a viewer reads the board and the calendar but gets no controls', async ({ stack, browser }, testInfo) => {
  const page = await consolePage(browser, stack, 'viewer');
  await page.goto(`${stack.hubUrl}/console/appointments/settings?office=oac-centro`);
  await expect(page.getByTestId('hours-list')).toContainText('jueves: 16:00–18:30');
  await expect(page.getByTestId('hours-save')).toHaveCount(0);
  await expect(page.getByTestId('service-save')).toHaveCount(0);
  await snap(page, testInfo, 'console-appointments-settings-viewer');
  await page.getByTestId('appointments-board-link').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Citas y turnos del día');
  await expect(page.getByTestId('call-next')).toHaveCount(0);
  await page.close();
});
