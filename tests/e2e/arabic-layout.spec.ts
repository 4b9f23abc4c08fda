import { expect, snap, test } from './fixtures.js';

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
    await firstService.click();
    await expect(page.getByTestId('description-input')).toBeVisible();
    await shot('05-describe');
    // Nothing on these screens may spill out sideways.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBe(0);
    // Start over returns to Spanish, the default, with nothing of this session left.
    await page.getByTestId('top-start-over').click();
    await expect(page.getByTestId('attract-start')).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'es');
    await page.close();
  });
}
