import type { Page } from '@playwright/test';
import { expect, snap, test } from './fixtures.js';
import { passToDescription, passToReview, typeOnKeyboard } from './journey.js';

// Issue 4: "after reset no personal data remains in the DOM, in local storage, in the agent's
// session state, or on the screen". A distinctive word is typed as the citizen's text; after each
// kind of reset it must be nowhere the next person (or a script on the page) could find it.

const SECRET = 'zqxjvk';

/** Everything the page could still hold: markup, field values, web storage, IndexedDB, cookies. */
async function traces(page: Page): Promise<Record<string, string>> {
  return page.evaluate(async () => {
    const fields = [...document.querySelectorAll('input, textarea')].map((el) => (el as HTMLInputElement).value).join('|');
    const storage = (s: Storage) => Array.from({ length: s.length }, (_, i) => `${s.key(i)}=${s.getItem(s.key(i) ?? '')}`).join('|');
    const databases = 'databases' in indexedDB ? (await indexedDB.databases()).map((d) => d.name).join('|') : '';
    return {
      markup: document.documentElement.outerHTML,
      visibleText: document.body.innerText,
      fields,
      localStorage: storage(localStorage),
      sessionStorage: storage(sessionStorage),
      indexedDb: databases,
      cookies: document.cookie,
    };
  });
}

async function expectNoTrace(page: Page, secret: string): Promise<void> {
  const found = await traces(page);
  for (const [where, text] of Object.entries(found)) expect(text.toLowerCase(), `"${secret}" left in ${where}`).not.toContain(secret.toLowerCase());
  expect(found.localStorage).toBe('');
  expect(found.sessionStorage).toBe('');
  expect(found.indexedDb).toBe('');
}

async function openDescribe(page: Page, language: string): Promise<void> {
  await page.getByTestId('attract-start').click();
  await page.getByTestId(`language-${language}`).click();
  await page.getByTestId('home-file-request').click();
  await page.locator('[data-testid^="service-"]').first().click();
  await passToDescription(page);
}

test('"Start over" mid-journey leaves no trace, and the keyboard starts empty for the next person', async ({ stack, browser }, testInfo) => {
  const page = await browser.newPage({ viewport: { width: 1080, height: 1920 }, hasTouch: true });
  await page.goto(stack.kioskUrl);
  await openDescribe(page, 'fr');
  await typeOnKeyboard(page, `${SECRET} rue`);
  await expect(page.getByTestId('description-input')).toHaveValue(`${SECRET} rue`);

  await page.getByTestId('top-start-over').click();
  await expect(page.getByTestId('attract-start')).toBeVisible();
  await expectNoTrace(page, SECRET);
  // Every preference back to default: the attract screen speaks Spanish again.
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
  await snap(page, testInfo, 'reset-01-attract-after-start-over');

  // The on-screen keyboard keeps its own buffer: the next citizen's first key must not bring it back.
  await openDescribe(page, 'es');
  await expect(page.getByTestId('description-input')).toHaveValue('');
  await typeOnKeyboard(page, 'a');
  await expect(page.getByTestId('description-input')).toHaveValue('a');
  await page.close();
});

test('an idle reset after filing wipes the description and the reference from the page', async ({ stack, browser }, testInfo) => {
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 }, hasTouch: true });
  // A controllable clock: the idle timers (90 s + a 30 s warning) run in simulated time.
  await page.clock.install();
  await page.goto(stack.kioskUrl);
  await openDescribe(page, 'ar');
  await typeOnKeyboard(page, 'ض');
  await page.getByTestId('description-input').fill(`${SECRET} ضوء`);
  await passToReview(page);
  await page.getByTestId('review-submit').click();
  await expect(page.getByTestId('done-reference')).toBeVisible({ timeout: 30_000 });
  const reference = (await page.getByTestId('done-reference').innerText()).trim();

  // Walk away: warning, no answer, reset. Simulated time moves in 10 s steps rather than one jump:
  // a late event on a loaded machine (the receipt's or the sync's outcome arriving after the jump)
  // must not leave the test waiting in real time for a timer set in simulated time.
  await expect(async () => {
    await page.clock.fastForward(10_000);
    await expect(page.getByTestId('attract-start')).toBeVisible({ timeout: 500 });
  }).toPass({ timeout: 60_000, intervals: [0] });
  await expectNoTrace(page, SECRET);
  await expectNoTrace(page, reference);
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
  await snap(page, testInfo, 'reset-02-attract-after-idle');
  await page.close();
});
