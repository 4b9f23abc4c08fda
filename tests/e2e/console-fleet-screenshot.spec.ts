import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROTOCOL_VERSION, jobScreenshotPath, readPngSize } from '@kiosk/shared';
import type { RunningStack } from '../stack/stack.js';
import { signInAsAdmin } from './console-session.js';
import { expect, snap, test } from './fixtures.js';

// The kiosk's last screenshot, end to end (issue 7): an admin sends a screenshot job from the
// console. The stack's agent runs in browser mode and cannot capture (it would reject the job), so
// it is stopped meanwhile and this test does the kiosk's side with the kiosk's own credential: it
// takes the job, uploads a PNG of the kiosk page (taken by Playwright) and reports success. The
// console then shows that image, and the view is in the audit log. The agent is started again.

const STACK_KIOSK_LABEL = 'demo-kiosk';

function stackKiosk(stack: RunningStack): { deviceId: string; token: string } {
  return JSON.parse(readFileSync(join(stack.dataDir, 'demo-kiosk.json'), 'utf8')) as { deviceId: string; token: string };
}

/** A call to the hub's kiosk API as the stack's kiosk. */
function asKiosk(stack: RunningStack, path: string, init: { method?: string; json?: unknown; png?: Buffer } = {}): Promise<Response> {
  const { token } = stackKiosk(stack);
  const headers: Record<string, string> = { authorization: `Bearer ${token}`, 'x-protocol-version': String(PROTOCOL_VERSION) };
  if (init.json !== undefined) headers['content-type'] = 'application/json';
  if (init.png !== undefined) headers['content-type'] = 'image/png';
  const body = init.png === undefined ? (init.json === undefined ? undefined : JSON.stringify(init.json)) : new Uint8Array(init.png);
  return fetch(`${stack.hubUrl}${path}`, { method: init.method ?? 'GET', headers, ...(body === undefined ? {} : { body }) });
}

test('an admin sends a screenshot job and sees the kiosk’s last screenshot on its console page', async ({ stack, browser }, testInfo) => {
  // What the kiosk shows when nobody uses it: the attract screen.
  const kioskPage = await browser.newPage({ viewport: { width: 1080, height: 1920 }, hasTouch: true });
  await kioskPage.goto(stack.kioskUrl);
  await expect(kioskPage.getByTestId('attract-start')).toBeVisible();
  const kioskPng = await kioskPage.screenshot({ scale: 'css' });
  await kioskPage.close();
  expect(readPngSize(kioskPng)).toEqual({ width: 1080, height: 1920 });

  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'es-ES' });
  await signInAsAdmin(page, stack);
  await page.getByTestId('nav-fleet').click();
  await page.getByRole('link', { name: STACK_KIOSK_LABEL, exact: true }).click();
  await expect(page.getByTestId('kiosk-summary')).toBeVisible();
  const shot = page.getByTestId('kiosk-screenshot');
  await expect(shot).toBeVisible();

  await stack.stopProcess('agent');
  try {
    const form = page.getByTestId('send-job-form');
    await form.getByTestId('job-type').selectOption('screenshot');
    await form.getByTestId('job-send').click();
    await expect(form.getByTestId('job-sent')).toBeVisible();

    // The kiosk's side: take the job, start it, hand in the PNG, report success with its size.
    const listed = await asKiosk(stack, '/fleet/v1/jobs');
    expect(listed.status).toBe(200);
    const job = ((await listed.json()) as { jobs: Array<{ id: string; type: string }> }).jobs.find((j) => j.type === 'screenshot');
    expect(job).toBeDefined();
    const id = job?.id ?? '';
    expect((await asKiosk(stack, `/fleet/v1/jobs/${id}/state`, { method: 'POST', json: { state: 'in-progress' } })).status).toBe(200);
    const uploaded = await asKiosk(stack, jobScreenshotPath(id), { method: 'PUT', png: kioskPng });
    expect(uploaded.status, await uploaded.clone().text()).toBe(200);
    expect(await uploaded.json()).toEqual({ bytes: kioskPng.length, width: 1080, height: 1920 });
    expect((await asKiosk(stack, `/fleet/v1/jobs/${id}/state`, { method: 'POST', json: { state: 'succeeded', result: { bytes: kioskPng.length, width: 1080, height: 1920 } } })).status).toBe(200);

    // The console picks up the finished job and shows the image, loaded for real, with its time.
    const row = page.getByTestId(`job-row-${id}`);
    await expect(row.getByTestId('job-state')).toHaveAttribute('data-state', 'succeeded', { timeout: 30_000 });
    const image = shot.getByRole('img', { name: /Captura de pantalla del quiosco demo-kiosk, tomada el/ });
    await expect(image).toBeVisible({ timeout: 15_000 });
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => (img.complete ? img.naturalWidth : 0))).toBe(1080);
    await expect(shot).toContainText('(1080 × 1920 px)');
    await expect(shot).toContainText('Solo se guarda la última captura');
    await page.getByRole('heading', { name: 'Última captura de pantalla' }).evaluate((heading) => heading.scrollIntoView({ block: 'start' }));
    await snap(page, testInfo, 'console-fleet-screenshot');

    // Each view of the image is audited (who, which kiosk; never the image).
    const audit = await page.request.get(`${stack.hubUrl}/api/audit?targetType=device&targetId=${encodeURIComponent(stackKiosk(stack).deviceId)}`);
    expect(audit.status()).toBe(200);
    const auditText = await audit.text();
    expect(auditText).toContain('fleet-screenshot.view');
    expect(auditText).toContain(id);
    expect(auditText.length).toBeLessThan(kioskPng.length);
  } finally {
    await stack.startProcess('agent');
    await page.close();
  }
  // Leave the kiosk as found: its page serves the attract screen again.
  const check = await browser.newPage();
  await check.goto(stack.kioskUrl);
  await expect(check.getByTestId('attract-start')).toBeVisible({ timeout: 30_000 });
  await check.close();
});
