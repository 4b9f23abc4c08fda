import type { Page } from '@playwright/test';
import { expect, snap, test } from './fixtures.js';
import { decodeQrPng } from './decode-qr.js';
import { webBookingForNow } from './web-booking.js';
import type { RunningStack } from '../stack/stack.js';

// The appointments journey against the real stack (hub, printer emulator, agent) in Chromium:
// book (Spanish) -> ticket with its QR; cancel that booking (French); check in with a typed
// reference -> turn ticket, then again -> "already used" explained (Arabic, right to left); a walk-in
// turn where only the services that take walk-ins are offered (English).

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
    const webReference = await webBookingForNow(stack, 'ar');
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

  test('take a walk-in turn: only the services that take walk-ins are offered (English)', async ({ stack, browser }, testInfo) => {
    const page = await browser.newPage({ viewport: PORTRAIT, hasTouch: true });
    const shot = (name: string) => snap(page, testInfo, `appointments-en-walk-in-${name}`);
    const before = (await receipts(stack)).length;
    await openAppointments(page, stack, 'en');
    await page.getByTestId('appt-walk-in').click();
    await expect(page.getByTestId('appt-walk-in-padron')).toBeVisible();
    await expect(page.getByTestId('appt-walk-in-registro')).toBeVisible();
    // Taxes at this office are by appointment only (the hub's per-service walk-in flag;
    // the hub's own refusal is tested in admin/server/test/appointments-walk-in.test.ts).
    await expect(page.getByTestId('appt-walk-in-tributos')).toHaveCount(0);
    await expect(page.getByTestId('appt-walk-in-by-appointment')).toContainText('Taxes and fees');
    await shot('01-services');
    await page.getByTestId('appt-walk-in-padron').click();
    const turn = page.getByTestId('appt-walked-in-turn');
    await expect(turn).toHaveText(/^A-\d{3}$/, { timeout: 30_000 });
    await shot('02-turn');
    const printed = await receipts(stack);
    expect(printed.length).toBe(before + 1);
    expect(printed.at(-1)?.text).toContain((await turn.innerText()).trim());
    await page.close();
  });
});
