import type { Page } from '@playwright/test';
import { KIOSK_LOCALES } from '@kiosk/shared';
import { expect, snap, test } from './fixtures.js';

// Issue 4: "a test fails ... on any string that overflows its box in the longest language (check
// with Playwright at both screen orientations)". Every language is checked (so the longest one is),
// on every screen of the filing journey (a question of each of the six datatypes, the place,
// contact by e-mail, consent, review, done, satisfaction, the help dialog), portrait and landscape.

interface Spill {
  readonly element: string;
  readonly text: string;
  readonly how: string;
}

/** Elements whose content is wider or taller than their own box, or that stick out of the screen. */
async function spills(page: Page): Promise<Spill[]> {
  return page.evaluate(() => {
    const found: Array<{ element: string; text: string; how: string }> = [];
    const viewportWidth = document.documentElement.clientWidth;
    const candidates = document.querySelectorAll('button, a, h1, h2, h3, p, label, li, [role="button"], [role="status"], [role="alert"], th, td, dt, dd');
    for (const el of candidates) {
      const html = el as HTMLElement;
      if (html.offsetParent === null || html.closest('.simple-keyboard')) continue; // hidden, or the keyboard's own keys
      const text = (html.innerText || '').trim().slice(0, 60);
      if (text === '') continue;
      const describe = `${el.tagName.toLowerCase()}${html.dataset.testid ? `[data-testid=${html.dataset.testid}]` : ''}`;
      if (html.scrollWidth > html.clientWidth + 1) found.push({ element: describe, text, how: `content ${html.scrollWidth}px wide in a ${html.clientWidth}px box` });
      if (html.scrollHeight > html.clientHeight + 1 && getComputedStyle(html).overflowY !== 'auto') {
        found.push({ element: describe, text, how: `content ${html.scrollHeight}px tall in a ${html.clientHeight}px box` });
      }
      const rect = html.getBoundingClientRect();
      if (rect.left < -1 || rect.right > viewportWidth + 1) found.push({ element: describe, text, how: `sticks out of the screen (${Math.round(rect.left)}..${Math.round(rect.right)})` });
    }
    if (document.documentElement.scrollWidth > viewportWidth) found.push({ element: 'html', text: '', how: 'the page scrolls sideways' });
    return found;
  });
}

const ALL_DATATYPES_SERVICE = 'pavement-damage';

async function isQuestion(page: Page): Promise<boolean> {
  await expect(page.getByTestId('question-meta').or(page.getByTestId('location-next')).first()).toBeVisible();
  return page.getByTestId('question-meta').isVisible();
}

/** Gives an answer of the datatype, so the screen is checked with its answer shown. */
async function answer(page: Page, datatype: string): Promise<void> {
  if (datatype === 'datetime') await page.getByTestId('answer-day-1').click();
  else if (datatype === 'number') for (const digit of ['4', 'comma', '5']) await page.getByTestId(`digit-${digit}`).click();
  else if (datatype === 'string' || datatype === 'text') await page.getByTestId('answer-input').fill('Junto al portal 12B, esquina con la plaza');
  else await page.locator('[data-testid^="answer-option-"]').first().click();
}

const layouts = [
  { name: 'portrait', viewport: { width: 1080, height: 1920 } },
  { name: 'landscape', viewport: { width: 1920, height: 1080 } },
] as const;

for (const layout of layouts) {
  test(`every string fits its box in all seven languages (${layout.name})`, async ({ stack, browser }, testInfo) => {
    test.setTimeout(240_000);
    const page = await browser.newPage({ viewport: layout.viewport, hasTouch: true });
    const problems: string[] = [];
    const check = async (locale: string, screen: string) => {
      for (const spill of await spills(page)) problems.push(`${locale} ${screen}: ${spill.element} "${spill.text}" ${spill.how}`);
      if (locale === 'eu' || locale === 'ar') await snap(page, testInfo, `fits-${layout.name}-${locale}-${screen}`);
    };
    for (const locale of KIOSK_LOCALES) {
      await page.goto(stack.kioskUrl);
      await expect(page.getByTestId('attract-start')).toBeVisible();
      await page.getByTestId('attract-start').click();
      await expect(page.getByTestId(`language-${locale}`)).toBeVisible();
      await check(locale, 'language');
      await page.getByTestId(`language-${locale}`).click();
      await expect(page.getByTestId('home-file-request')).toBeVisible();
      await check(locale, 'home');
      await page.getByTestId('home-file-request').click();
      // The demo service whose questions use all six datatypes, and which needs a place.
      const service = page.getByTestId(`service-${ALL_DATATYPES_SERVICE}`);
      await expect(service).toBeVisible();
      await check(locale, 'services');
      // The list narrowed by search, with the keyboard open; back home and in again closes it.
      await page.getByTestId('services-search-open').click();
      await page.getByTestId('services-search-input').fill('a');
      await check(locale, 'services-search');
      await page.getByTestId('services-search-input').fill('qwxz');
      await expect(page.getByTestId('services-search-none')).toBeVisible();
      await check(locale, 'services-search-none');
      await page.getByTestId('services-back').click();
      await page.getByTestId('home-file-request').click();
      await service.click();
      const seen = new Set<string>();
      for (let asked = 0; asked < 12 && (await isQuestion(page)); asked += 1) {
        const meta = page.getByTestId('question-meta');
        const code = (await meta.getAttribute('data-code')) ?? '';
        const datatype = (await meta.getAttribute('data-datatype')) ?? '';
        await answer(page, datatype);
        seen.add(datatype);
        await check(locale, `question-${datatype}`);
        await page.getByTestId('question-next').click();
        await expect(page.locator(`[data-testid="question-meta"][data-code="${code}"]`)).toHaveCount(0);
      }
      expect([...seen].sort()).toEqual(['datetime', 'multivaluelist', 'number', 'singlevaluelist', 'string', 'text']);
      await expect(page.getByTestId('location-next')).toBeVisible();
      await check(locale, 'location');
      await page.locator('[data-testid^="landmark-"]').first().click();
      await expect(page.getByTestId('description-input')).toBeVisible();
      await page.getByTestId('description-input').fill('Texto de prueba para comprobar el diseño');
      await check(locale, 'describe');
      await page.getByTestId('description-next').click();
      await expect(page.getByTestId('contact-none')).toBeVisible();
      await check(locale, 'contact');
      await page.getByTestId('contact-email').click();
      await page.getByTestId('contact-input').fill('vecina@example.org');
      await check(locale, 'contact-email');
      await page.getByTestId('contact-next').click();
      await expect(page.getByTestId('consent-no')).toBeVisible();
      await check(locale, 'consent');
      await page.getByTestId('consent-yes').click();
      await expect(page.getByTestId('review-submit')).toBeVisible();
      await check(locale, 'review');
      await page.getByTestId('review-submit').click();
      await expect(page.getByTestId('done-reference')).toBeVisible({ timeout: 30_000 });
      await check(locale, 'done');
      await page.getByTestId('done-finish').click();
      await expect(page.getByTestId('satisfaction-skip')).toBeVisible();
      await check(locale, 'satisfaction');
      await page.getByTestId('top-help').click();
      await expect(page.getByTestId('help-dialog')).toBeVisible();
      await check(locale, 'help');
      await page.getByTestId('help-close').click();
      await expect(page.getByTestId('help-dialog')).toHaveCount(0);
      await page.getByTestId('top-start-over').click();
    }
    expect(problems).toEqual([]);
    await page.close();
  });
}
