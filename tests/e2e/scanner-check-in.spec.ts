import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, type Page } from '@playwright/test';
import { mintReference } from '@kiosk/shared';
import { startPtyPair, type PtyPair } from '@kiosk/hardware/sim';
import { expect, snap } from './fixtures.js';
import { webBookingForNow } from './web-booking.js';
import { startStack, type RunningStack } from '../stack/stack.js';

// Check-in with a serial QR scanner: the agent opens one end of a real socat pty pair
// (KIOSK_SCANNER=serial:<link>), the test "holds a confirmation to the scanner" by typing its
// CITA:<reference> into the other end, and the kiosk in Chromium checks the citizen in.

const PORTRAIT = { width: 1080, height: 1920 };

/** The fixtures' stack, plus a scanner on a pty that the agent opens. */
const test = base.extend<object, { scanner: PtyPair; stack: RunningStack }>({
  scanner: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const dir = mkdtempSync(join(tmpdir(), 'kiosk-e2e-scanner-'));
      const pair = await startPtyPair({ scannerLink: join(dir, 'ttyScanner'), kioskLink: join(dir, 'ttyKiosk') });
      await use(pair);
      await pair.close();
      rmSync(dir, { recursive: true, force: true });
    },
    { scope: 'worker' },
  ],
  stack: [
    async ({ scanner }, use, workerInfo) => {
      const dataDir = mkdtempSync(join(tmpdir(), `kiosk-e2e-${workerInfo.workerIndex}-`));
      const lines: string[] = [];
      const stack = await startStack({ dataDir, env: { KIOSK_SCANNER: `serial:${scanner.kioskLink}` }, output: (name, line) => lines.push(`[${name}] ${line}`) }).catch(
        (error: Error) => {
          throw new Error(`${error.message}\n--- process output ---\n${lines.slice(-60).join('\n')}`);
        },
      );
      await use(stack);
      await stack.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
    { scope: 'worker', timeout: 120_000 },
  ],
});

async function receiptCount(stack: RunningStack): Promise<number> {
  return ((await (await fetch(`${stack.printerHttpUrl}/receipts`)).json()) as unknown[]).length;
}

async function openCheckIn(page: Page, stack: RunningStack, locale: string): Promise<void> {
  await page.goto(stack.kioskUrl);
  await page.getByTestId('attract-start').click();
  await page.getByTestId(`language-${locale}`).click();
  await page.getByTestId('home-appointments').click();
  await page.getByTestId('appt-check-in').click();
  await expect(page.getByTestId('appt-scan-hint')).toBeVisible();
}

test.describe.serial('check-in with a serial QR scanner', () => {
  test('a scanned confirmation checks in; scanned again it is already used; a receipt is not an appointment', async ({ stack, scanner, browser }, testInfo) => {
    const reference = await webBookingForNow(stack, 'es');
    const page = await browser.newPage({ viewport: PORTRAIT, hasTouch: true });
    const shot = (name: string) => snap(page, testInfo, `scanner-check-in-${name}`);
    const before = await receiptCount(stack);

    await openCheckIn(page, stack, 'es');
    await shot('01-scan-hint');
    // The scanner sends what a real one does: AIM prefix, the text, CR LF.
    await scanner.type(`CITA:${reference}`, { aimPrefix: ']Q1' });
    await expect(page.getByTestId('appt-checked-in-turn')).toHaveText(/^B-\d{3}$/, { timeout: 30_000 });
    await expect(page.getByTestId('appt-ticket')).toHaveAttribute('data-state', 'printed');
    await shot('02-turn');
    expect(await receiptCount(stack)).toBe(before + 1);
    await page.getByTestId('appt-checked-in-finish').click();

    // Scanned again, this time while the reference keypad is open: refused, nothing printed.
    await openCheckIn(page, stack, 'es');
    await page.getByTestId('appt-by-reference').click();
    await scanner.type(`CITA:${reference}`);
    await expect(page.getByTestId('appt-problem')).toHaveAttribute('data-problem', 'already-used', { timeout: 15_000 });
    await shot('03-already-used');

    // A case receipt's reference is not an appointment: the hub says so and the screen explains.
    await page.getByTestId('appt-check-in-again').click();
    await scanner.type(reference);
    await expect(page.getByTestId('appt-problem')).toHaveAttribute('data-problem', 'invalid-code', { timeout: 15_000 });
    await shot('04-not-an-appointment');

    expect(await receiptCount(stack)).toBe(before + 1);
    await page.close();
  });

  test('follow-up takes a scanned receipt link and refuses an appointment code (same scanner)', async ({ stack, scanner, browser }, testInfo) => {
    const page = await browser.newPage({ viewport: PORTRAIT, hasTouch: true });
    const shot = (name: string) => snap(page, testInfo, `scanner-follow-up-${name}`);
    await page.goto(stack.kioskUrl);
    await page.getByTestId('attract-start').click();
    await page.getByTestId('language-es').click();
    await page.getByTestId('home-followUp').click();
    await expect(page.getByTestId('follow-up-input')).toBeVisible();

    // An appointment confirmation is not a case: refused on the spot, the citizen stays on the screen.
    const unknownCase = mintReference('K7QM', 98_765).display;
    await scanner.type(`CITA:${unknownCase}`);
    await expect(page.getByTestId('follow-up-problem')).toBeVisible();
    await shot('01-appointment-refused');

    // A receipt's status link: looked up at once (this reference was never filed, so: not found).
    await scanner.type(`${stack.hubUrl}/status/${unknownCase}`);
    await expect(page.getByTestId('follow-up-not-found')).toBeVisible({ timeout: 15_000 });
    await shot('02-link-looked-up');
    await page.close();
  });
});
