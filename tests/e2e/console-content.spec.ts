import type { Browser, Page } from '@playwright/test';
import type { RunningStack } from '../stack/stack.js';
import { createStaffUser, signInConsole } from './console-session.js';
import { expect, snap, test } from './fixtures.js';

// Content in the console on the real stack: an editor changes an FAQ answer side by side with the
// other six kiosk languages, previews it, saves a draft, publishes it; an operator tells the kiosk
// to reload its content (the fleet's reload-content job: the agent fetches and verifies the signed
// bundle), and the kiosk answers with the new text. A caseworker sees no content controls and the
// hub refuses their edits. The service catalogue is edited the same way and Open311 serves it.

const DESKTOP = { width: 1280, height: 720 };
const TABLET = { width: 768, height: 1024 };
const KIOSK = { width: 1080, height: 1920 };
const ENTRY = 'demo-street-light-faq';
const NEW_ANSWER = 'Las averías de alumbrado se revisan en 2 días laborables desde el aviso (texto revisado en la consola).';

async function consolePage(browser: Browser, stack: RunningStack, role: 'editor' | 'caseworker' | 'operator', viewport = DESKTOP): Promise<Page> {
  const user = await createStaffUser(stack, { username: `${role}-${Math.random().toString(36).slice(2, 8)}`, role });
  // The demo municipality works in Spanish: the console picks it from the browser's language.
  const page = await browser.newPage({ viewport, locale: 'es-ES' });
  await signInConsole(page, stack, user);
  return page;
}

/** A same-origin call from the signed-in page, so the real session cookie and CSRF header are used. */
async function callHub(page: Page, method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const response = await fetch(path, {
        method,
        headers: { 'content-type': 'application/json', 'x-requested-with': 'console' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: response.status, json: await response.json().catch(() => null) };
    },
    { method, path, body },
  );
}

/** No page-level sideways scroll: wide tables and the language columns scroll inside themselves. */
async function expectNoPageScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

test('an editor edits and publishes an FAQ answer, and the kiosk shows the new text', async ({ stack, browser }, testInfo) => {
  // Three people (editor, operator, citizen at the kiosk) and a fleet job: longer than one page's test.
  test.setTimeout(240_000);
  const page = await consolePage(browser, stack, 'editor');
  await page.getByTestId('nav-content').click();
  await expect(page.getByTestId('content-list')).toBeVisible();
  await expect(page.getByTestId(`content-row-${ENTRY}`)).toContainText('¿Cuánto tardan en arreglar una farola apagada?');
  await expectNoPageScroll(page);
  await snap(page, testInfo, 'console-content-list');

  await page.getByTestId(`content-open-${ENTRY}`).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('¿Cuánto tardan en arreglar una farola apagada?');
  await expect(page.getByTestId('content-column-state-es')).toHaveText('Completo');
  await expectNoPageScroll(page);
  await snap(page, testInfo, 'console-content-editor');

  // The Arabic column is written right to left, in Arabic.
  const arabic = page.getByTestId('content-field-ar-answer');
  await expect(arabic).toHaveAttribute('dir', 'rtl');
  await expect(arabic).toHaveAttribute('lang', 'ar');
  await expect(arabic).toHaveValue(/112/);
  await page.getByTestId('content-column-ar').scrollIntoViewIfNeeded();
  await snap(page, testInfo, 'console-content-editor-arabic');

  await page.getByTestId('content-field-es-answer').fill(NEW_ANSWER);
  await expect(page.getByTestId('content-status')).toContainText('cambios sin guardar');
  // Publishing waits for the draft to be saved: what is published is a stored version.
  await expect(page.getByTestId('content-publish')).toBeDisabled();
  await page.getByTestId('content-preview').scrollIntoViewIfNeeded();
  await expect(page.getByTestId('content-preview-lead')).toHaveText(NEW_ANSWER);
  await snap(page, testInfo, 'console-content-preview');
  await page.getByTestId('content-preview-locale').selectOption('ar');
  await expect(page.getByTestId('content-preview-screen')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByTestId('content-preview-screen')).toContainText('تُفحص أعطال الإنارة');
  await page.getByTestId('content-preview-easy-read').click();
  await expect(page.getByTestId('content-preview-screen')).toContainText('نصلح عمود الإنارة');
  await snap(page, testInfo, 'console-content-preview-arabic');

  await page.getByTestId('content-save').click();
  await expect(page.getByTestId('content-status')).toContainText('v2');
  await expect(page.getByTestId('content-status')).not.toContainText('cambios sin guardar');
  await page.getByTestId('content-publish').click();
  await expect(page.getByRole('dialog')).toContainText('¿Publicar la versión 2?');
  await page.getByRole('dialog').getByTestId('confirm-dialog-confirm').click();
  await expect(page.getByTestId('content-status')).toContainText('Publicada');
  const v2 = page.getByTestId('content-version-2');
  await expect(v2).toContainText('En los quioscos');
  await expect(v2).toContainText('Español: Respuesta');
  await page.getByTestId('content-versions').scrollIntoViewIfNeeded();
  await snap(page, testInfo, 'console-content-versions');

  // The kiosk screen is open on its attract screen (no session holds the job back: reload-content
  // waits for a session to end), and the operator has it reload its signed content bundle now.
  const kiosk = await browser.newPage({ viewport: KIOSK, hasTouch: true });
  await kiosk.goto(stack.kioskUrl);
  await expect(kiosk.getByTestId('attract-start')).toBeVisible();
  const operator = await consolePage(browser, stack, 'operator');
  const devices = await callHub(operator, 'GET', '/api/fleet/devices');
  expect(devices.status).toBe(200);
  const deviceIds = (devices.json as { devices: { id: string; revokedAt: string | null }[] }).devices.filter((d) => d.revokedAt === null).map((d) => d.id);
  expect(deviceIds.length).toBeGreaterThan(0);
  const created = await callHub(operator, 'POST', '/api/fleet/jobs', { type: 'reload-content', deviceIds });
  expect(created.status, JSON.stringify(created.json)).toBeLessThan(300);
  const jobId = (created.json as { jobs: { id: string }[] }).jobs[0]?.id ?? '';
  await expect(async () => {
    const job = await callHub(operator, 'GET', `/api/fleet/jobs/${jobId}`);
    expect((job.json as { state: string }).state).toBe('succeeded');
  }).toPass({ timeout: 60_000 });
  await operator.close();

  await kiosk.goto(stack.kioskUrl);
  await kiosk.getByTestId('attract-start').click();
  await kiosk.getByTestId('language-es').click();
  await kiosk.getByTestId('home-faq').click();
  await kiosk.getByTestId('faq-topic-street-lighting').click();
  await kiosk.getByTestId(`faq-entry-${ENTRY}`).click();
  await expect(kiosk.getByTestId('faq-answer')).toHaveText(NEW_ANSWER);
  await snap(kiosk, testInfo, 'console-content-kiosk-shows-new-text');
  await kiosk.close();

  // Roll back: version 1's text comes back as version 3 and is published; nothing is deleted.
  await page.getByTestId('content-rollback-1').click();
  await page.getByRole('dialog').getByTestId('confirm-dialog-confirm').click();
  await expect(page.getByTestId('content-version-3')).toContainText('En los quioscos');
  await expect(page.getByTestId('content-version-2')).toBeVisible();
  await expect(page.getByTestId('content-field-es-answer')).toHaveValue(/3 días laborables/);
  await page.close();
});

test('a caseworker gets no content controls, and the hub refuses their edits', async ({ stack, browser }, testInfo) => {
  const page = await consolePage(browser, stack, 'caseworker');
  await expect(page.getByTestId('nav-content')).toHaveCount(0);
  await page.goto(`${stack.hubUrl}/console/content/entries/${ENTRY}`);
  await expect(page.getByTestId('console-forbidden')).toBeVisible();
  await expect(page.getByTestId('content-save')).toHaveCount(0);
  await snap(page, testInfo, 'console-content-caseworker-forbidden');

  const entry = await callHub(page, 'GET', `/api/content/${ENTRY}`);
  const body = entry.json as { kind: string; serviceCode: string | null; version: number; translations: Record<string, unknown> };
  const edit = await callHub(page, 'PUT', `/api/content/${ENTRY}`, { kind: body.kind, serviceCode: body.serviceCode, translations: body.translations, version: body.version });
  expect(edit.status).toBe(403);
  expect((edit.json as { error: { code: string } }).error.code).toBe('role');
  const publish = await callHub(page, 'POST', `/api/content/${ENTRY}/publish`, { version: 1 });
  expect(publish.status).toBe(403);
  const service = await callHub(page, 'GET', '/api/catalog/services/litter');
  const catalogue = await callHub(page, 'PUT', '/api/catalog/services/litter', service.json);
  expect(catalogue.status).toBe(403);
  await page.close();
});

test('the service catalogue: an editor renames a service and adds a question; Open311 serves them', async ({ stack, browser }, testInfo) => {
  const page = await consolePage(browser, stack, 'editor');
  await page.getByTestId('nav-content').click();
  await page.getByTestId('content-tab-services').click();
  await expect(page.getByTestId('catalog-row-litter')).toBeVisible();
  await snap(page, testInfo, 'console-content-services');
  await page.getByTestId('catalog-open-litter').click();
  await expect(page.getByTestId('service-column-ar')).toBeVisible();
  await snap(page, testInfo, 'console-content-service-editor');

  await page.getByTestId('service-es-name').fill('Limpieza y recogida de residuos');
  await page.getByTestId('service-add-attribute').click();
  const index = (await page.locator('[data-testid^="attribute-"][data-testid$="-code"]').count()) - 1;
  await page.getByTestId(`attribute-${index}-code`).fill('CONTAINER_FULL');
  await page.getByTestId(`attribute-${index}-datatype`).selectOption('singlevaluelist');
  // A list without options breaks Open311: the console says so and will not save.
  await expect(page.getByTestId('service-problems')).toBeVisible();
  await expect(page.getByTestId('service-save')).toBeDisabled();
  await page.getByTestId(`attribute-${index}-es-description`).fill('¿Está lleno el contenedor?');
  await page.getByTestId(`attribute-${index}-add-value`).click();
  await page.getByTestId(`attribute-${index}-value-0-key`).fill('yes');
  await page.getByTestId(`attribute-${index}-value-0-es`).fill('Sí');
  await expect(page.getByTestId('service-problems')).toHaveCount(0);
  await snap(page, testInfo, 'console-content-service-attribute');
  await page.getByTestId('service-save').click();
  await expect(page.getByTestId('service-status')).toContainText('guardado');

  const services = (await callHub(page, 'GET', '/open311/v2/services.json')).json as { service_code: string; service_name: string }[];
  expect(services.find((s) => s.service_code === 'litter')?.service_name).toBe('Limpieza y recogida de residuos');
  const definition = (await callHub(page, 'GET', '/open311/v2/services/litter.json')).json as { attributes: { code: string; values: { key: string; name: string }[] }[] };
  expect(definition.attributes.find((a) => a.code === 'CONTAINER_FULL')?.values).toEqual([{ key: 'yes', name: 'Sí' }]);
  await page.close();
});

test('on a tablet (768x1024) the content pages stay usable, with no sideways page scroll', async ({ stack, browser }, testInfo) => {
  const tablet = await consolePage(browser, stack, 'editor', TABLET);
  await tablet.getByTestId('nav-content').click();
  await expect(tablet.getByTestId('content-list')).toBeVisible();
  await expectNoPageScroll(tablet);
  await snap(tablet, testInfo, 'console-content-list-tablet');
  await tablet.getByTestId('content-open-demo-census-certificate-sheet').click();
  await expect(tablet.getByTestId('content-field-es-whatToBring')).toHaveValue(/DNI, NIE o pasaporte en vigor/);
  await expectNoPageScroll(tablet);
  await snap(tablet, testInfo, 'console-content-editor-tablet');
  await tablet.getByTestId('content-preview').scrollIntoViewIfNeeded();
  await snap(tablet, testInfo, 'console-content-preview-tablet');
  await tablet.getByTestId('content-versions').scrollIntoViewIfNeeded();
  await snap(tablet, testInfo, 'console-content-versions-tablet');
  await tablet.getByTestId('content-tab-services').click();
  await tablet.getByTestId('catalog-open-litter').click();
  await expect(tablet.getByTestId('service-column-es')).toBeVisible();
  await expectNoPageScroll(tablet);
  await snap(tablet, testInfo, 'console-content-service-editor-tablet');
  await tablet.close();
});
