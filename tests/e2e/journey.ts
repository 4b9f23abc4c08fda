import type { Page } from '@playwright/test';
import { expect } from './fixtures.js';

// Steps of the filing journey that several specs walk through the same way, as a citizen who
// gives only what is asked for: optional questions skipped, a required list answered with its
// first option, a landmark for the place, no contact (printed receipt only), no satisfaction answer.

/** Types on the on-screen keyboard, key by key, as a citizen would. */
export async function typeOnKeyboard(page: Page, text: string): Promise<void> {
  for (const char of text) await page.locator(`[data-skbtn="${char === ' ' ? '{space}' : char}"]`).first().click();
}

/** After choosing a service: through its questions (if any) and its place (if it needs one) to the description. */
export async function passToDescription(page: Page): Promise<void> {
  const question = page.getByTestId('question-meta');
  const location = page.getByTestId('location-next');
  const description = page.getByTestId('description-input');
  // A service has at most a handful of questions; the bound stops a loop that would never end.
  for (let asked = 0; asked < 20; asked += 1) {
    await expect(question.or(location).or(description).first()).toBeVisible();
    if (!(await question.isVisible())) break;
    const code = await question.getAttribute('data-code');
    if (await page.getByTestId('question-skip').isVisible()) {
      await page.getByTestId('question-skip').click();
    } else {
      const option = page.locator('[data-testid^="answer-option-"]').first();
      if (await option.isVisible()) await option.click();
      await page.getByTestId('question-next').click();
    }
    // The same question gone (the next one, the place or the description is on screen now).
    await expect(page.locator(`[data-testid="question-meta"][data-code="${code ?? ''}"]`)).toHaveCount(0);
  }
  if (await location.isVisible()) await page.locator('[data-testid^="landmark-"]').first().click();
  await expect(description).toBeVisible();
}

/** From the description screen to the review: no contact, the privacy notice read. */
export async function passToReview(page: Page): Promise<void> {
  await page.getByTestId('description-next').click();
  await page.getByTestId('contact-none').click();
  await page.getByTestId('consent-yes').click();
  await expect(page.getByTestId('review-submit')).toBeVisible();
}

/** From the done screen back to the attract screen, skipping the satisfaction question. */
export async function leaveAfterDone(page: Page): Promise<void> {
  await page.getByTestId('done-finish').click();
  await page.getByTestId('satisfaction-skip').click();
  await expect(page.getByTestId('goodbye-finish')).toBeVisible();
}
