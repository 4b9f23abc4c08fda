import type { Page } from '@playwright/test';
import { KIOSK_LOCALES } from '@kiosk/shared';
import { expect, snap, test } from './fixtures.js';

// Issue 4: "a test fails ... on any string that overflows its box in the longest language (check
// with Playwright at both screen orientations)". Every language is checked (so the longest one is),
// on every screen of the filing journey, portrait and landscape.

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
      const service = page.locator('[data-testid^="service-"]').first();
      await expect(service).toBeVisible();
      await check(locale, 'services');
      await service.click();
      await expect(page.getByTestId('description-input')).toBeVisible();
      await page.getByTestId('description-input').fill('Texto de prueba para comprobar el diseño');
      await check(locale, 'describe');
      await page.getByTestId('description-next').click();
      await expect(page.getByTestId('review-submit')).toBeVisible();
      await check(locale, 'review');
      await page.getByTestId('review-submit').click();
      await expect(page.getByTestId('done-reference')).toBeVisible({ timeout: 30_000 });
      await check(locale, 'done');
      await page.getByTestId('top-start-over').click();
    }
    expect(problems).toEqual([]);
    await page.close();
  });
}
