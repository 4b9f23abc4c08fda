import { expect, snap, test } from './fixtures.js';
import { decodeQrPng } from './decode-qr.js';
import { leaveAfterDone, passToDescription, passToReview } from './journey.js';
import type { RunningStack } from '../stack/stack.js';

// The foundation's end-to-end path, against real processes and Chromium: on the kiosk, choose a
// service, pass its optional steps (questions, contact: receipt only), type a description on the
// on-screen keyboard, submit; the request is stored in the
// agent's outbox, reaches the hub, a receipt with the reference and a QR code is printed on the
// emulator (over TCP), and GET /open311/v2/requests/{id}.json on the hub returns it.

interface Open311Service { service_code: string; service_name: string }
interface Open311Request { service_request_id: string; service_code: string; status: string; description: string; local_reference?: string; channel?: string }
interface PrintedReceipt { id: string; text: string; qrPayloads: string[] }

async function locationlessService(stack: RunningStack): Promise<Open311Service> {
  const response = await fetch(`${stack.hubUrl}/open311/v2/services.json`);
  expect(response.status).toBe(200);
  const services = (await response.json()) as Array<Open311Service & { locationless?: boolean }>;
  expect(services.length).toBeGreaterThan(0);
  return services.find((s) => s.locationless) ?? services[0]!;
}

const layouts = [
  { name: 'portrait', viewport: { width: 1080, height: 1920 } },
  { name: 'landscape', viewport: { width: 1920, height: 1080 } },
] as const;

const typed = 'la farola de la calle peña esta rota';

for (const layout of layouts) {
  test(`file a request from the kiosk to the hub and the printer (${layout.name})`, async ({ stack, browser }, testInfo) => {
    const page = await browser.newPage({ viewport: layout.viewport, hasTouch: true });
    const service = await locationlessService(stack);
    const shot = (screen: string) => snap(page, testInfo, `${layout.name}-${screen}`);
    const receiptsBefore = ((await (await fetch(`${stack.printerHttpUrl}/receipts`)).json()) as PrintedReceipt[]).length;

    await page.goto(stack.kioskUrl);
    await expect(page.getByTestId('attract-start')).toBeVisible();
    await shot('01-attract');
    await page.getByTestId('attract-start').click();

    await expect(page.getByTestId('language-es')).toBeVisible();
    await shot('02-language');
    await page.getByTestId('language-es').click();

    await expect(page.getByTestId('home-file-request')).toBeVisible();
    await shot('03-home');
    await page.getByTestId('home-file-request').click();

    await expect(page.getByTestId(`service-${service.service_code}`)).toBeVisible();
    await shot('04-services');
    await page.getByTestId(`service-${service.service_code}`).click();
    await passToDescription(page);

    // Type on the on-screen keyboard, key by key, as a citizen would.
    await expect(page.getByTestId('description-input')).toBeVisible();
    for (const char of typed) {
      const key = char === ' ' ? '{space}' : char;
      await page.locator(`[data-skbtn="${key}"]`).first().click();
    }
    await expect(page.getByTestId('description-input')).toHaveValue(typed);
    await shot('05-describe');
    await passToReview(page);
    await shot('06-review');
    await page.getByTestId('review-submit').click();

    const referenceText = page.getByTestId('done-reference');
    await expect(referenceText).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('done-receipt')).toHaveAttribute('data-state', 'printed');
    await expect(page.getByTestId('done-sync')).toHaveAttribute('data-sync', 'sent');
    await shot('07-done');
    const reference = (await referenceText.innerText()).trim();
    expect(reference).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]$/);
    // The on-screen QR really scans: decode it from pixels, as a phone would (and, like a phone,
    // take another picture if one frame does not decode: rarely the first capture is unreadable).
    await expect.poll(async () => decodeQrPng(await page.getByTestId('done-qr').screenshot()), { timeout: 10_000 }).toBe(`${stack.hubUrl}/status/${reference}`);

    // The receipt reached the emulator over TCP, with the reference and a QR of the status URL.
    const receipts = (await (await fetch(`${stack.printerHttpUrl}/receipts`)).json()) as PrintedReceipt[];
    expect(receipts.length).toBe(receiptsBefore + 1);
    const receipt = receipts[receipts.length - 1]!;
    expect(receipt.text).toContain(reference);
    expect(receipt.qrPayloads).toEqual([`${stack.hubUrl}/status/${reference}`]);
    expect(receipt.text).not.toContain('peña'); // the description is personal: never on the receipt
    await testInfo.attach(`${layout.name}-receipt.txt`, { body: receipt.text, contentType: 'text/plain' });

    // The hub has the case, found by the kiosk reference and by its own id.
    const byReference = await fetch(`${stack.hubUrl}/open311/v2/requests/${reference}.json`);
    expect(byReference.status).toBe(200);
    const [found] = (await byReference.json()) as Open311Request[];
    expect(found).toMatchObject({ service_code: service.service_code, status: 'open', local_reference: reference, channel: 'kiosk' });
    expect(found?.description ?? '').not.toContain('peña'); // public look-up: no citizen text
    const byId = await fetch(`${stack.hubUrl}/open311/v2/requests/${found!.service_request_id}.json`);
    expect(((await byId.json()) as Open311Request[])[0]?.service_request_id).toBe(found!.service_request_id);

    await leaveAfterDone(page);
    await shot('08-goodbye');
    await page.getByTestId('goodbye-finish').click();
    await expect(page.getByTestId('attract-start')).toBeVisible();
    await page.close();
  });
}
