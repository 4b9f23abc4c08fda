import type { Page } from '@playwright/test';
import { expect, snap, test } from './fixtures.js';

// The FAQ and procedures journey on the real stack: the agent holds the hub's signed demo bundle
// and answers from it. Browse by topic, read a procedure sheet and its easy-read version, say it
// helped; search with the on-screen keyboard (a typo and missing accents still find the entry);
// a search with no result offers to file a request, and that offer opens the request journey.

const PORTRAIT = { width: 1080, height: 1920 };
const LANDSCAPE = { width: 1920, height: 1080 };

async function openFaq(page: Page, kioskUrl: string, locale: string): Promise<void> {
  await page.goto(kioskUrl);
  await page.getByTestId('attract-start').click();
  await page.getByTestId(`language-${locale}`).click();
  await page.getByTestId('home-faq').click();
  // The agent applies the bundle at start; a first check may still be running right after launch.
  await expect(async () => {
    if (await page.getByTestId('faq-retry').isVisible()) await page.getByTestId('faq-retry').click();
    await expect(page.getByTestId('faq-search-open')).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
}

/** Types on the on-screen keyboard, key by key, as a citizen would. */
async function typeOnKeyboard(page: Page, text: string): Promise<void> {
  for (const char of text) {
    const key = char === ' ' ? '{space}' : char;
    await page.locator(`.keyboard [data-skbtn="${key}"]`).first().click();
  }
}

test('browse a topic, read a procedure sheet in easy-read, say it helped (Spanish, portrait)', async ({ stack, browser }, testInfo) => {
  const page = await browser.newPage({ viewport: PORTRAIT, hasTouch: true });
  await openFaq(page, stack.kioskUrl, 'es');
  await expect(page.getByTestId('faq-topic-census-certificate')).toBeVisible();
  await snap(page, testInfo, 'faq-es-01-topics');

  await page.getByTestId('faq-topic-census-certificate').click();
  await expect(page.getByTestId('faq-entry-demo-census-certificate-sheet')).toBeVisible();
  await snap(page, testInfo, 'faq-es-02-topic');
  await page.getByTestId('faq-entry-demo-census-certificate-sheet').click();

  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Certificado de empadronamiento');
  await expect(page.getByTestId('faq-sheet')).toContainText('DNI, NIE o pasaporte en vigor');
  await expect(page.getByTestId('faq-sheet-cost')).toHaveText('Gratuito');
  await snap(page, testInfo, 'faq-es-03-sheet');

  await page.getByTestId('faq-easy-read').click();
  await expect(page.getByTestId('faq-answer')).toHaveAttribute('data-mode', 'easy-read');
  await expect(page.getByTestId('faq-answer')).toContainText('Este papel dice dónde vive usted');
  await expect(page.getByTestId('faq-easy-read')).toHaveAttribute('aria-pressed', 'true');
  await page.getByTestId('faq-useful-yes').click();
  await expect(page.getByTestId('faq-feedback-thanks')).toBeVisible();
  await snap(page, testInfo, 'faq-es-04-easy-read-feedback');
  await page.getByTestId('faq-easy-read').click();
  await expect(page.getByTestId('faq-answer')).toHaveAttribute('data-mode', 'full');

  await page.getByTestId('faq-finish').click();
  await expect(page.getByTestId('home-faq')).toBeHidden();
  await page.close();
});

test('search as you type: a typo and missing accents still find the entry (Spanish, landscape)', async ({ stack, browser }, testInfo) => {
  const page = await browser.newPage({ viewport: LANDSCAPE, hasTouch: true });
  await openFaq(page, stack.kioskUrl, 'es');
  await page.getByTestId('faq-search-open').click();
  await expect(page.getByTestId('faq-search-input')).toBeFocused();

  await typeOnKeyboard(page, 'empadronamieto');
  await expect(page.getByTestId('faq-search-input')).toHaveValue('empadronamieto');
  await expect(page.getByTestId('faq-entry-demo-census-register-faq')).toBeVisible();
  await expect(page.getByTestId('faq-entry-demo-census-certificate-sheet')).toBeVisible();
  await snap(page, testInfo, 'faq-es-05-search-typo');

  // "cuanto tardan" without its accent finds "¿Cuánto tardan en arreglar una farola apagada?"
  for (let i = 0; i < 'empadronamieto'.length; i += 1) await page.locator('.keyboard [data-skbtn="{bksp}"]').first().click();
  await expect(page.getByTestId('faq-search-input')).toHaveValue('');
  await typeOnKeyboard(page, 'cuanto tardan farola');
  const first = page.getByTestId('faq-entries').locator('button').first();
  await expect(first).toHaveAttribute('data-testid', 'faq-entry-demo-street-light-faq');
  await first.click();
  await expect(page.getByTestId('faq-answer')).toContainText('3 días laborables');
  await page.getByTestId('faq-useful-no').click();
  await expect(page.getByTestId('faq-feedback-thanks')).toContainText('presentar una solicitud');
  await snap(page, testInfo, 'faq-es-06-answer-not-useful');
  // Back returns to the results the citizen came from.
  await page.getByTestId('faq-back').click();
  await expect(page.getByTestId('faq-search-input')).toHaveValue('cuanto tardan farola');
  await page.close();
});

test('a search with no result offers to file a request, and the offer opens it (Spanish, portrait)', async ({ stack, browser }, testInfo) => {
  const page = await browser.newPage({ viewport: PORTRAIT, hasTouch: true });
  await openFaq(page, stack.kioskUrl, 'es');
  await page.getByTestId('faq-search-open').click();
  await typeOnKeyboard(page, 'cocodrilo suelto');
  await expect(page.getByTestId('faq-no-result')).toBeVisible();
  await expect(page.getByTestId('faq-offer-appointment')).toBeVisible();
  await snap(page, testInfo, 'faq-es-07-no-result');
  await page.getByTestId('faq-offer-request').click();
  // The request journey starts at once: its first screen is the list of services.
  await expect(page.locator('[data-testid^="service-"]').first()).toBeVisible({ timeout: 15_000 });
  await snap(page, testInfo, 'faq-es-08-handoff-request');
  await page.close();
});

test('Arabic: search with the Arabic keyboard, the sheet reads right to left', async ({ stack, browser }, testInfo) => {
  const page = await browser.newPage({ viewport: PORTRAIT, hasTouch: true });
  await openFaq(page, stack.kioskUrl, 'ar');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await snap(page, testInfo, 'faq-ar-01-topics');
  await page.getByTestId('faq-search-open').click();
  await typeOnKeyboard(page, 'شهادة');
  await expect(page.getByTestId('faq-entry-demo-census-certificate-sheet')).toBeVisible();
  await snap(page, testInfo, 'faq-ar-02-search');
  await page.getByTestId('faq-entry-demo-census-certificate-sheet').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('شهادة التسجيل في السجل البلدي (البادرون)');
  await expect(page.getByTestId('faq-sheet-cost')).toHaveText('مجاناً');
  await snap(page, testInfo, 'faq-ar-03-sheet');
  await page.getByTestId('faq-easy-read').click();
  await expect(page.getByTestId('faq-answer')).toContainText('هذه الورقة تقول أين تسكن');
  await snap(page, testInfo, 'faq-ar-04-easy-read');
  await page.close();
});

test('French and Basque: topics named in the language, an answer in the language', async ({ stack, browser }, testInfo) => {
  const page = await browser.newPage({ viewport: LANDSCAPE, hasTouch: true });
  await openFaq(page, stack.kioskUrl, 'fr');
  await page.getByTestId('faq-topic-ibi-question').click();
  await page.getByTestId('faq-entry-demo-ibi-payment-faq').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Quand payer la taxe foncière (IBI) et comment la prélever ?');
  // This entry has no easy-read text: no toggle that would show nothing.
  await expect(page.getByTestId('faq-easy-read')).toHaveCount(0);
  await snap(page, testInfo, 'faq-fr-01-answer');

  const basque = await browser.newPage({ viewport: PORTRAIT, hasTouch: true });
  await openFaq(basque, stack.kioskUrl, 'eu');
  await basque.getByTestId('faq-topic-litter').click();
  await basque.getByTestId('faq-entry-demo-bulky-waste-faq').click();
  await expect(basque.getByRole('heading', { level: 1 })).toHaveText('Nola eskatu altzari edo tresna zaharrak jasotzeko?');
  await snap(basque, testInfo, 'faq-eu-01-answer');
  await basque.close();
  await page.close();
});
