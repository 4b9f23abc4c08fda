import { expect, snap, test } from './fixtures.js';
import { decodeQrPng } from './decode-qr.js';
import { leaveAfterDone, passToDescription, passToReview, typeOnKeyboard } from './journey.js';

// Issue 4, receipt fallback: "if the printer is out of paper ... (the agent reports it before the
// journey promises a receipt), the citizen is told before submitting and gets the reference on
// screen as a large QR to photograph". The emulator's paper runs out through its HTTP controls;
// the agent learns it from the printer itself (ESC/POS status), not from this test.

async function setPrinter(printerHttpUrl: string, patch: Record<string, boolean>): Promise<void> {
  const response = await fetch(`${printerHttpUrl}/state`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(patch) });
  expect(response.status).toBe(200);
}

async function receiptCount(printerHttpUrl: string): Promise<number> {
  return ((await (await fetch(`${printerHttpUrl}/receipts`)).json()) as unknown[]).length;
}

test('out of paper: told before sending, the big QR replaces the receipt, the hub still gets the request', async ({ stack, browser }, testInfo) => {
  const page = await browser.newPage({ viewport: { width: 1080, height: 1920 }, hasTouch: true });
  const shot = (screen: string) => snap(page, testInfo, `no-paper-${screen}`);
  await setPrinter(stack.printerHttpUrl, { paperEnd: true });
  const receiptsBefore = await receiptCount(stack.printerHttpUrl);
  try {
    await page.goto(stack.kioskUrl);
    await page.getByTestId('attract-start').click();
    await page.getByTestId('language-es').click();
    await page.getByTestId('home-file-request').click();
    await page.locator('[data-testid^="service-"]').first().click();
    await passToDescription(page);
    await typeOnKeyboard(page, 'banco roto');
    await passToReview(page);

    // Before anything is sent: the citizen reads that no paper receipt will come.
    await expect(page.getByTestId('review-no-receipt')).toBeVisible();
    await shot('01-review-warning');
    await page.getByTestId('review-submit').click();

    const reference = page.getByTestId('done-reference');
    await expect(reference).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('done-receipt')).not.toHaveAttribute('data-state', 'printed');
    await expect(page.getByTestId('done-qr-figure')).toHaveAttribute('data-large', 'true');
    await shot('02-done-big-qr');
    const code = (await reference.innerText()).trim();
    // The big QR really scans, and it opens this request's status page.
    await expect.poll(async () => decodeQrPng(await page.getByTestId('done-qr').screenshot()), { timeout: 10_000 }).toBe(`${stack.hubUrl}/status/${code}`);
    // Big means big: most of the panel's width, far beyond the 320 px of the printed-receipt case.
    const box = await page.getByTestId('done-qr').boundingBox();
    expect(box?.width ?? 0).toBeGreaterThanOrEqual(600);
    // Nothing came out of the printer.
    expect(await receiptCount(stack.printerHttpUrl)).toBe(receiptsBefore);

    // The request itself is not affected: the hub has it under the same reference.
    await expect
      .poll(async () => (await fetch(`${stack.hubUrl}/open311/v2/requests/${code}.json`)).status, { timeout: 30_000, intervals: [250, 500, 1000] })
      .toBe(200);
    const [found] = (await (await fetch(`${stack.hubUrl}/open311/v2/requests/${code}.json`)).json()) as Array<{ local_reference: string; channel: string }>;
    expect(found).toMatchObject({ local_reference: code, channel: 'kiosk' });
    await leaveAfterDone(page);
  } finally {
    await setPrinter(stack.printerHttpUrl, { paperEnd: false });
  }

  // Paper back: the next citizen is promised (and gets) a printed receipt again.
  await page.getByTestId('goodbye-finish').click();
  await page.getByTestId('attract-start').click();
  await page.getByTestId('language-es').click();
  await page.getByTestId('home-file-request').click();
  await page.locator('[data-testid^="service-"]').first().click();
  await passToDescription(page);
  await typeOnKeyboard(page, 'farola');
  await passToReview(page);
  await expect(page.getByTestId('review-no-receipt')).toHaveCount(0);
  await page.getByTestId('review-submit').click();
  await expect(page.getByTestId('done-receipt')).toHaveAttribute('data-state', 'printed', { timeout: 30_000 });
  await expect(page.getByTestId('done-qr-figure')).toHaveAttribute('data-large', 'false');
  expect(await receiptCount(stack.printerHttpUrl)).toBe(receiptsBefore + 1);
  await page.close();
});
