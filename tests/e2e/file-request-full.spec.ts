import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { test as base } from '@playwright/test';
import { startStack, type RunningStack } from '../stack/stack.js';
import { expect, snap } from './fixtures.js';
import { leaveAfterDone, typeOnKeyboard } from './journey.js';

// Issue 4, the whole filing journey: a service whose questions use all six Open311 datatypes
// (datetime, text, singlevaluelist, multivaluelist, number, string), a landmark for the place,
// a description, contact by e-mail with explicit consent, "check your answers", send. At the hub
// the case carries every answer, the place and the e-mail address; in Spanish, Arabic and French.
// This file starts its own stack so it can open the hub's SQLite file: the e-mail address is
// personal data that no public API returns.

interface OwnStack {
  readonly stack: RunningStack;
  readonly dataDir: string;
}

const test = base.extend<object, { own: OwnStack }>({
  own: [
    // Playwright reads a fixture's dependencies from this destructuring pattern: it must be `{}`.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-e2e-full-'));
      const lines: string[] = [];
      const stack = await startStack({ dataDir, output: (name, line) => lines.push(`[${name}] ${line}`) }).catch((error: Error) => {
        throw new Error(`${error.message}\n--- process output ---\n${lines.slice(-60).join('\n')}`);
      });
      await use({ stack, dataDir });
      await stack.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
    { scope: 'worker', timeout: 120_000 },
  ],
});

interface CaseRow {
  service_code: string;
  attributes: string;
  address_string: string | null;
  lat: number | null;
  long: number | null;
  email: string | null;
  phone: string | null;
  description: string | null;
  locale: string | null;
  channel: string;
}

/** The case as the hub stored it (read-only: the hub keeps running). */
function caseByReference(dataDir: string, reference: string): CaseRow | undefined {
  const db = new Database(join(dataDir, 'hub.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT service_code, attributes, address_string, lat, long, email, phone, description, locale, channel FROM service_requests WHERE local_reference = ?').get(reference) as CaseRow | undefined;
  } finally {
    db.close();
  }
}

const SERVICE = 'pavement-damage';
const cases = [
  { locale: 'es', landmark: 'mercado', address: 'Calle del Mercado, 4, 28999 Villademo', lat: 40.4175, long: -3.7052, surface: 'En la calzada', email: 'vecina.es@example.org', details: 'junto a la fuente' },
  { locale: 'ar', landmark: 'plaza-mayor', address: 'Plaza Mayor, 1, 28999 Villademo', lat: 40.4168, long: -3.7038, surface: 'في الطريق', email: 'jar.ar@example.org', details: 'قرب النافورة' },
  { locale: 'fr', landmark: 'estacion', address: 'Avenida de la Estación, 2, 28999 Villademo', lat: 40.4192, long: -3.7011, surface: 'Sur la chaussée', email: 'voisine.fr@example.org', details: 'pres de la fontaine' },
] as const;

for (const c of cases) {
  test(`the full filing journey with every datatype, a landmark and e-mail contact (${c.locale})`, async ({ own, browser }, testInfo) => {
    const { stack, dataDir } = own;
    const page = await browser.newPage({ viewport: { width: 1080, height: 1920 }, hasTouch: true });
    const shot = (screen: string) => snap(page, testInfo, `full-${c.locale}-${screen}`);
    const questionOf = (datatype: string) => page.locator(`[data-testid="question-meta"][data-datatype="${datatype}"]`);
    const next = async (datatype: string) => {
      await shot(`q-${datatype}`);
      await page.getByTestId('question-next').click();
      await expect(questionOf(datatype)).toHaveCount(0);
    };

    await page.goto(stack.kioskUrl);
    await page.getByTestId('attract-start').click();
    await page.getByTestId(`language-${c.locale}`).click();
    await page.getByTestId('home-file-request').click();
    await page.getByTestId(`service-${SERVICE}`).click();

    // 1. datetime: "yesterday", then an hour away with the stepper (earlier stops at 00:00, so
    // between midnight and one o'clock the test steps later instead).
    await expect(questionOf('datetime')).toBeVisible();
    await page.getByTestId('answer-day-1').click();
    const earlier = page.getByTestId('answer-hour-earlier');
    await ((await earlier.isDisabled()) ? page.getByTestId('answer-hour-later') : earlier).click();
    await next('datetime');
    // 2. text, on the real field (the on-screen keyboard types into the same input).
    await expect(questionOf('text')).toBeVisible();
    await page.getByTestId('answer-input').fill(c.details);
    await next('text');
    // 3. singlevaluelist: one of three.
    await expect(questionOf('singlevaluelist')).toBeVisible();
    await page.getByTestId('answer-option-road').click();
    await expect(page.getByTestId('answer-option-road')).toHaveAttribute('aria-checked', 'true');
    await next('singlevaluelist');
    // 4. multivaluelist: two of three, one toggled on and off again first.
    await expect(questionOf('multivaluelist')).toBeVisible();
    for (const key of ['trip', 'wheelchair', 'water', 'wheelchair']) await page.getByTestId(`answer-option-${key}`).click();
    await next('multivaluelist');
    // 5. number on the digit pad, with a typo erased.
    await expect(questionOf('number')).toBeVisible();
    for (const key of ['4', '9', 'erase', '5', 'comma', '5']) await page.getByTestId(`digit-${key}`).click();
    await expect(page.getByTestId('answer-number')).toHaveText('45,5');
    await next('number');
    // 6. string, typed on the on-screen keyboard.
    await expect(questionOf('string')).toBeVisible();
    await typeOnKeyboard(page, '12');
    await expect(page.getByTestId('answer-input')).toHaveValue('12');
    await next('string');

    // The place: a landmark in one touch.
    await expect(page.getByTestId(`landmark-${c.landmark}`)).toBeVisible();
    await shot('location');
    await page.getByTestId(`landmark-${c.landmark}`).click();

    await expect(page.getByTestId('description-input')).toBeVisible();
    await page.getByTestId('description-input').fill(`${c.details} - hundimiento`);
    await shot('describe');
    await page.getByTestId('description-next').click();

    // Contact by e-mail: a bad address is refused with a plain explanation, then corrected.
    await page.getByTestId('contact-email').click();
    await page.getByTestId('contact-input').fill('not-an-address');
    await page.getByTestId('contact-next').click();
    await expect(page.getByTestId('contact-input-problem')).toBeVisible();
    await page.getByTestId('contact-input').fill('');
    if (c.locale === 'es') {
      // On the on-screen keyboard, as a citizen would: "@" is one touch above the keys.
      const [user, domain] = c.email.split('@') as [string, string];
      await typeOnKeyboard(page, user);
      await page.locator('[data-shortcut="@"]').click();
      await typeOnKeyboard(page, domain.replace(/\.org$/, ''));
      await page.locator('[data-shortcut="."]').click();
      await typeOnKeyboard(page, 'org');
      await expect(page.getByTestId('contact-input')).toHaveValue(c.email);
    } else {
      await page.getByTestId('contact-input').fill(c.email);
    }
    await shot('contact-email');
    await page.getByTestId('contact-next').click();
    await expect(page.getByTestId('privacy-notice')).toBeVisible();
    await shot('consent');
    await page.getByTestId('consent-yes').click();

    // Check your answers: every answer, the place and the contact are there to read.
    await expect(page.getByTestId('review-submit')).toBeVisible();
    for (const code of ['NOTICED_AT', 'DETAILS', 'SURFACE', 'HAZARDS', 'WIDTH_CM', 'NEAR_DOOR']) await expect(page.getByTestId(`review-answer-${code}`)).toBeVisible();
    await expect(page.getByTestId('review-answer-SURFACE')).toContainText(c.surface);
    await expect(page.getByTestId('review-location')).toContainText(c.address);
    await expect(page.getByTestId('review-contact')).toBeVisible();
    await expect(page.getByTestId('review-no-receipt')).toHaveCount(0);
    await shot('review');
    await page.getByTestId('review-submit').click();

    const referenceText = page.getByTestId('done-reference');
    await expect(referenceText).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('done-notify')).toBeVisible();
    await shot('done');
    const reference = (await referenceText.innerText()).trim();

    // At the hub: the answers, the place and the e-mail address, exactly as given.
    await expect.poll(() => caseByReference(dataDir, reference) !== undefined, { timeout: 30_000 }).toBe(true);
    const row = caseByReference(dataDir, reference)!;
    expect(row).toMatchObject({ service_code: SERVICE, channel: 'kiosk', email: c.email, phone: null, locale: c.locale, lat: c.lat, long: c.long });
    expect(row.address_string).toContain(c.address);
    const attributes = JSON.parse(row.attributes) as Record<string, string | string[]>;
    expect(attributes).toMatchObject({ DETAILS: c.details, SURFACE: 'road', NEAR_DOOR: '12' });
    expect([...(attributes['HAZARDS'] as string[])].sort()).toEqual(['trip', 'water']);
    expect(Number(attributes['WIDTH_CM'])).toBe(45.5);
    // Yesterday, an hour from the hour it was chosen at: under 2 days ago, never in the future.
    const noticedAgoMs = Date.now() - Date.parse(String(attributes['NOTICED_AT']));
    expect(noticedAgoMs).toBeGreaterThan(0);
    expect(noticedAgoMs).toBeLessThan(2 * 86_400_000 + 3_600_000);

    // Open311 (public): the place, and with extensions the answers that cannot hold personal text
    // (lists, number, date); never the e-mail address nor the typed answers.
    const byReference = await fetch(`${stack.hubUrl}/open311/v2/requests/${reference}.json`);
    expect(byReference.status).toBe(200);
    const [found] = (await byReference.json()) as Array<{ service_request_id: string; service_code: string; lat?: number; long?: number }>;
    expect(found).toMatchObject({ service_code: SERVICE, lat: c.lat, long: c.long });
    const listed = await fetch(`${stack.hubUrl}/open311/v2/requests.json?service_request_id=${found!.service_request_id}&extensions=true`);
    expect(listed.status).toBe(200);
    const body = await listed.text();
    expect(body).not.toContain(c.email);
    expect(body).not.toContain(c.details);
    const [public311] = JSON.parse(body) as Array<{ attributes?: Array<{ code: string; values: string[] }> }>;
    const publicAnswers = Object.fromEntries((public311?.attributes ?? []).map((a) => [a.code, a.values]));
    expect(publicAnswers['SURFACE']).toEqual(['road']);
    expect([...(publicAnswers['HAZARDS'] ?? [])].sort()).toEqual(['trip', 'water']);
    expect(publicAnswers['DETAILS']).toBeUndefined();

    await leaveAfterDone(page);
    await page.close();
  });
}

test('the service list: a heading per group, one group at a time, and search on the on-screen keyboard', async ({ own, browser }, testInfo) => {
  const page = await browser.newPage({ viewport: { width: 1080, height: 1920 }, hasTouch: true });
  await page.goto(own.stack.kioskUrl);
  await page.getByTestId('attract-start').click();
  await page.getByTestId('language-es').click();
  await page.getByTestId('home-file-request').click();
  await expect(page.getByTestId(`service-${SERVICE}`)).toBeVisible();
  const headings = await page.locator('.service-group-title').allInnerTexts();
  expect(headings.length).toBeGreaterThan(1);
  expect(new Set(headings).size).toBe(headings.length);
  await snap(page, testInfo, 'services-es-groups');

  // One group: only its services; "all" brings the rest back.
  await page.getByTestId('services-group-0').click();
  await expect(page.locator('.service-group-title')).toHaveCount(1);
  await expect(page.locator('.service-group-title')).toHaveText(headings[0]!);
  await page.getByTestId('services-group-all').click();
  await expect(page.locator('.service-group-title')).toHaveCount(headings.length);

  // Search: typed without accents, matched with them ("aceras"); nonsense says what to do next.
  await page.getByTestId('services-search-open').click();
  await typeOnKeyboard(page, 'acera');
  await expect(page.getByTestId(`service-${SERVICE}`)).toBeVisible();
  await expect(page.locator('[data-testid^="service-"]:not([data-testid^="services-"])')).toHaveCount(1);
  await snap(page, testInfo, 'services-es-search');
  await page.getByTestId('services-search-input').fill('qwxz');
  await expect(page.getByTestId('services-search-none')).toBeVisible();
  await page.getByTestId('services-search-input').fill('padron');
  await expect(page.getByTestId('service-census-certificate')).toBeVisible();
  await page.getByTestId('service-census-certificate').click();
  await expect(page.getByTestId('question-meta')).toHaveAttribute('data-code', 'CERT_KIND');
  await page.close();
});
