import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from '@playwright/test';
import { expect, snap, test } from './fixtures.js';
import { decodeQrPng } from './decode-qr.js';
import type { RunningStack } from '../stack/stack.js';

// The appointments journey against the real stack (hub, printer emulator, agent) in Chromium:
// book (Spanish) -> ticket with its QR; cancel that booking (French); check in with a typed
// reference -> turn ticket, then again -> "already used" explained (Arabic, right to left).

interface PrintedReceipt { id: string; text: string; qrPayloads: string[] }

const PORTRAIT = { width: 1080, height: 1920 };
const DOCUMENT = '12345678Z';

async function receipts(stack: RunningStack): Promise<PrintedReceipt[]> {
  return (await (await fetch(`${stack.printerHttpUrl}/receipts`)).json()) as PrintedReceipt[];
}

async function openAppointments(page: Page, stack: RunningStack, locale: string): Promise<void> {
  await page.goto(stack.kioskUrl);
  await page.getByTestId('attract-start').click();
  await page.getByTestId(`language-${locale}`).click();
  await page.getByTestId('home-appointments').click();
  await expect(page.getByTestId('appt-check-in')).toBeVisible();
}

/** Types on the compact keypad, key by key, as a citizen would. */
async function keypad(page: Page, text: string): Promise<void> {
  for (const char of text) await page.locator(`.appt-keypad [data-skbtn="${char}"]`).first().click();
}

/**
 * A booking made "on the web" for right now: booked through the hub's public API at its first
 * free time, then moved to the present in the hub's own database (the hub's clock cannot be
 * set, and check-in opens only 30 minutes before the appointment).
 */
async function webBookingForNow(stack: RunningStack): Promise<string> {
  const from = new Date().toISOString().slice(0, 10);
  const to = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
  const slots = (await (await fetch(`${stack.hubUrl}/public/v1/appointments/slots?office=oac-centro&service=registro&from=${from}&to=${to}`)).json()) as { slots: { start: string }[] };
  const start = slots.slots.at(-1)?.start;
  if (start === undefined) throw new Error('no free slot to book');
  const booked = await fetch(`${stack.hubUrl}/public/v1/appointments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ office: 'oac-centro', service: 'registro', start, name: 'Web Citizen', idDocument: { kind: 'dni', number: '87654321X' }, locale: 'ar' }),
  });
  expect(booked.status).toBe(201);
  const { reference } = (await booked.json()) as { reference: string };
  // The hub process's own data folder (the stack gives each process DATA_DIR).
  const environ = readFileSync(`/proc/${stack.processes.hub.child.pid}/environ`, 'utf8').split('\0');
  const dataDir = environ.find((entry) => entry.startsWith('DATA_DIR='))?.slice('DATA_DIR='.length);
  if (!dataDir) throw new Error('hub DATA_DIR not found');
  const db = new Database(join(dataDir, 'hub.sqlite'));
  try {
    db.pragma('busy_timeout = 5000');
    const now = new Date();
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Madrid', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
    const changed = db
      .prepare('UPDATE appointments SET starts_at = ?, ends_at = ?, local_day = ? WHERE reference = ?')
      .run(new Date(now.getTime() + 5 * 60_000).toISOString(), new Date(now.getTime() + 15 * 60_000).toISOString(), day, reference);
    expect(changed.changes).toBe(1);
  } finally {
    db.close();
  }
  return reference;
}

test.describe.serial('appointments at the kiosk', () => {
  let reference = '';

  test('book an appointment end to end, with its printed ticket and QR (Spanish)', async ({ stack, browser }, testInfo) => {
    const page = await browser.newPage({ viewport: PORTRAIT, hasTouch: true });
    const shot = (name: string) => snap(page, testInfo, `appointments-es-${name}`);
    const before = (await receipts(stack)).length;
    await openAppointments(page, stack, 'es');
    await shot('01-menu');
    await page.getByTestId('appt-book').click();
    await shot('02-service');
    await page.getByTestId('appt-service-padron').click();
    await page.getByTestId('appt-office-oac-centro').click();
    const firstDay = page.locator('[data-testid^="appt-day-"]').first();
    await expect(firstDay).toBeVisible({ timeout: 15_000 });
    await shot('03-day');
    await firstDay.click();
    await shot('04-time');
    await page.getByTestId('appt-time-0').click();
    await page.getByTestId('appt-name-input').fill('Ana Prueba Ejemplo');
    await shot('05-name');
    await page.getByTestId('appt-name-next').click();
    await page.getByTestId('appt-id-dni').click();
    // A wrong check letter is caught and explained before the hub is asked.
    await keypad(page, '12345678A');
    await page.getByTestId('appt-id-number-next').click();
    await expect(page.getByTestId('appt-id-number-problem')).toBeVisible();
    await shot('06-document-problem');
    await page.getByTestId('appt-id-number-input').fill('');
    await keypad(page, DOCUMENT);
    await page.getByTestId('appt-id-number-next').click();
    await shot('07-contact');
    await page.getByTestId('appt-contact-ticket').click();
    await expect(page.getByTestId('appt-review')).toContainText('Ana Prueba Ejemplo');
    await shot('08-review');
    await page.getByTestId('appt-confirm').click();

    const shown = page.getByTestId('appt-booked-reference');
    await expect(shown).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('appt-ticket')).toHaveAttribute('data-state', 'printed');
    await shot('09-booked');
    reference = (await shown.innerText()).trim();
    expect(reference).toMatch(/^C1TA-[0-9A-Z]{5}-[0-9A-Z]$/);
    expect(decodeQrPng(await page.getByTestId('appt-booked-qr').screenshot())).toBe(`CITA:${reference}`);

    const printed = await receipts(stack);
    expect(printed.length).toBe(before + 1);
    const ticket = printed.at(-1)!;
    expect(ticket.qrPayloads).toEqual([`CITA:${reference}`]);
    expect(ticket.text).toContain(reference);
    expect(ticket.text).toContain('Plaza Mayor');
    // No personal data on paper: neither the name nor the document.
    expect(ticket.text).not.toContain('Ana Prueba');
    expect(ticket.text).not.toContain('678Z');
    await testInfo.attach('appointment-ticket.txt', { body: ticket.text, contentType: 'text/plain' });

    await page.getByTestId('appt-booked-finish').click();
    // The journey is over (the session's closing screens follow; they are not this test's).
    await expect(page.getByTestId('appt-booked-finish')).toBeHidden();
    await page.close();
  });

  test('cancel that booking with its reference and the document (French)', async ({ stack, browser }, testInfo) => {
    expect(reference).not.toBe('');
    const page = await browser.newPage({ viewport: PORTRAIT, hasTouch: true });
    const shot = (name: string) => snap(page, testInfo, `appointments-fr-${name}`);
    await openAppointments(page, stack, 'fr');
    await page.getByTestId('appt-manage').click();
    await keypad(page, reference.replace(/-/g, ''));
    await shot('01-reference');
    await page.getByTestId('appt-manage-reference-next').click();
    await keypad(page, DOCUMENT);
    await page.getByTestId('appt-manage-document-next').click();
    await expect(page.getByTestId('appt-found-status')).toHaveAttribute('data-status', 'booked', { timeout: 15_000 });
    await shot('02-found');
    await page.getByTestId('appt-cancel').click();
    await shot('03-confirm');
    await page.getByTestId('appt-cancel-confirm').click();
    await expect(page.getByTestId('appt-cancelled')).toHaveAttribute('data-reference', reference, { timeout: 15_000 });
    await shot('04-cancelled');
    await page.getByTestId('appt-cancelled-finish').click();

    // The hub agrees: checking in with it now is refused as cancelled.
    await openAppointments(page, stack, 'fr');
    await page.getByTestId('appt-check-in').click();
    await page.getByTestId('appt-by-reference').click();
    await keypad(page, reference.replace(/-/g, ''));
    await page.getByTestId('appt-reference-next').click();
    await expect(page.getByTestId('appt-problem')).toHaveAttribute('data-problem', 'cancelled', { timeout: 15_000 });
    await shot('05-cancelled-check-in');
    await page.close();
  });

  test('check in with a typed reference, get a printed turn, and be told plainly it is used (Arabic)', async ({ stack, browser }, testInfo) => {
    const webReference = await webBookingForNow(stack);
    const page = await browser.newPage({ viewport: PORTRAIT, hasTouch: true });
    const shot = (name: string) => snap(page, testInfo, `appointments-ar-${name}`);
    const before = (await receipts(stack)).length;
    await openAppointments(page, stack, 'ar');
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    await shot('01-menu');
    await page.getByTestId('appt-check-in').click();
    await shot('02-check-in');
    await page.getByTestId('appt-by-reference').click();
    await keypad(page, webReference.replace(/-/g, ''));
    await shot('03-reference');
    await page.getByTestId('appt-reference-next').click();
    const turn = page.getByTestId('appt-checked-in-turn');
    await expect(turn).toHaveText(/^B-\d{3}$/, { timeout: 30_000 });
    await expect(page.getByTestId('appt-ticket')).toHaveAttribute('data-state', 'printed');
    await shot('04-turn');
    const printed = await receipts(stack);
    expect(printed.length).toBe(before + 1);
    expect(printed.at(-1)?.qrPayloads[0]).toMatch(/\/public\/v1\/appointments\/turns\/turn_?[\w-]+$/);
    await page.getByTestId('appt-checked-in-finish').click();

    // The same reference again: refused as already used, with what to do next.
    await openAppointments(page, stack, 'ar');
    await page.getByTestId('appt-check-in').click();
    await page.getByTestId('appt-by-reference').click();
    await keypad(page, webReference.replace(/-/g, ''));
    await page.getByTestId('appt-reference-next').click();
    const problem = page.getByTestId('appt-problem');
    await expect(problem).toHaveAttribute('data-problem', 'already-used', { timeout: 15_000 });
    await expect(problem).toContainText('الشباك');
    await shot('05-already-used');
    expect((await receipts(stack)).length).toBe(before + 1);
    await page.close();
  });
});
