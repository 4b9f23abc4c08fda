import { expect, snap, test } from './fixtures.js';
import { passToDescription, passToReview } from './journey.js';

// Arabic is right-to-left on every screen of the journey, in both orientations; screenshots of
// each screen are saved so a person can check that the text fits.

for (const layout of [
  { name: 'portrait', viewport: { width: 1080, height: 1920 } },
  { name: 'landscape', viewport: { width: 1920, height: 1080 } },
] as const) {
  test(`the request journey in Arabic is right-to-left (${layout.name})`, async ({ stack, browser }, testInfo) => {
    const page = await browser.newPage({ viewport: layout.viewport, hasTouch: true });
    const shot = (screen: string) => snap(page, testInfo, `ar-${layout.name}-${screen}`);
    await page.goto(stack.kioskUrl);
    await page.getByTestId('attract-start').click();
    await page.getByTestId('language-ar').click();
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
    await shot('03-home');
    await page.getByTestId('home-file-request').click();
    const firstService = page.locator('[data-testid^="service-"]').first();
    await expect(firstService).toBeVisible();
    await shot('04-services');
    // Nothing on any screen may spill out sideways.
    const sideways = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    await firstService.click();
    await passToDescription(page);
    await page.getByTestId('description-input').fill('الرصيف مكسور');
    await shot('05-describe');
    expect(await sideways()).toBe(0);
    await page.getByTestId('description-next').click();
    await expect(page.getByTestId('contact-none')).toBeVisible();
    await shot('06-contact');
    expect(await sideways()).toBe(0);
    await page.getByTestId('contact-back').click();
    await passToReview(page);
    await shot('07-review');
    expect(await sideways()).toBe(0);
    // Start over returns to Spanish, the default, with nothing of this session left.
    await page.getByTestId('top-start-over').click();
    await expect(page.getByTestId('attract-start')).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'es');
    await page.close();
  });
}
