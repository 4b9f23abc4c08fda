import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { snap } from './fixtures.js';
import { KEY_GAP_MS, LANDSCAPE, PORTRAIT, closeHelp, expect, highlighted, openHelp, test, waitForFaq, pressAndHear as hear, downTo as downToWith } from './a11y-helpers.js';

// Accessibility foundations (issue 4) on the real stack, sharing a11y-helpers' speech stack (the
// recording speech engine, a fake headset file): keypad-only navigation with what was said
// matching what is highlighted, Repeat and the volume; held keys and bounces; large text and high
// contrast in Spanish and Arabic in both orientations. Reach mode, touch and confirm, the headset,
// the reset of every preference and the idle warning moved to a11y-checklist.spec.ts (items 2,
// 11, 12, 13, 22, 25), where each stands on its own under its checklist number.

/** a11y-config.ts defaults: 600 mm, 3.78 px/mm, cap height 0.7 em -> 40 px. */
const LARGE_FONT_PX = 40;

/** Layout problems (sideways scrolling, text wider than its box, off screen) and text below the large size. */
async function largeTextProblems(page: Page, minFont: number): Promise<string[]> {
  return page.evaluate((min) => {
    const problems: string[] = [];
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth > width) problems.push('the page scrolls sideways');
    for (const element of document.querySelectorAll<HTMLElement>('.a11y-root *')) {
      if (!element.checkVisibility({ visibilityProperty: true })) continue;
      const ownText = [...element.childNodes].some((node) => node.nodeType === Node.TEXT_NODE && (node.textContent ?? '').trim() !== '');
      if (!ownText) continue;
      const label = `${element.tagName.toLowerCase()}${element.dataset.testid ? `[${element.dataset.testid}]` : ''} "${(element.innerText || '').trim().slice(0, 30)}"`;
      const size = parseFloat(getComputedStyle(element).fontSize);
      if (size < min - 0.5) problems.push(`${label}: ${size}px text`);
      if (element.scrollWidth > element.clientWidth + 1 && getComputedStyle(element).display !== 'inline') problems.push(`${label}: content wider than its box`);
      const rect = element.getBoundingClientRect();
      if (rect.left < -1 || rect.right > width + 1) problems.push(`${label}: off the screen sideways`);
    }
    return problems;
  }, minFont);
}

test('keypad only: attract screen -> FAQ topic -> back home, every highlighted item spoken as it is highlighted', async ({ browser, speech }, testInfo) => {
  const said = () => speech.said();
  const lastSaid = () => speech.lastSaid();
  const pressAndHear = (page: Page, key: string, language: string) => hear(page, speech, key, language);
  const downTo = (page: Page, testid: string, language: string) => downToWith(page, speech, testid, language);
  const page = await browser.newPage({ viewport: PORTRAIT });
  await page.goto(speech.stack.kioskUrl);
  await expect(page.getByTestId('attract-start')).toBeVisible();
  await expect(page.getByTestId('a11y-root')).toHaveAttribute('data-audio', 'off');

  // F1 on the attract screen starts audio mode and explains the keys, in the display language.
  const before = said().length;
  await page.keyboard.press('F1');
  await expect(page.getByTestId('a11y-root')).toHaveAttribute('data-audio', 'on');
  await expect.poll(() => said().length).toBeGreaterThan(before);
  expect(lastSaid()?.text).toContain('F3');
  expect(lastSaid()?.language).toBe('es');

  await downTo(page, 'attract-start', 'es');
  expect((await highlighted(page)).current).toBe(true);
  await snap(page, testInfo, 'a11y-keypad-01-attract-highlight');
  // Enter: the language screen, whose heading takes the highlight and is spoken.
  const heading = await pressAndHear(page, 'Enter', 'es');
  expect(lastSaid()?.text).toContain('título de nivel 1');
  expect(heading.name).toBe(await page.getByRole('heading', { level: 1 }).innerText());
  await downTo(page, 'language-es', 'es');
  await pressAndHear(page, 'Enter', 'es');
  await expect(page.getByTestId('home-faq')).toBeVisible();
  await downTo(page, 'home-faq', 'es');
  await snap(page, testInfo, 'a11y-keypad-02-home-faq-highlight');
  await page.keyboard.press('Enter');
  await waitForFaq(page);
  await page.waitForTimeout(KEY_GAP_MS);
  await downTo(page, 'faq-topic-census-certificate', 'es');
  await snap(page, testInfo, 'a11y-keypad-03-faq-topic-highlight');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('faq-entry-demo-census-certificate-sheet')).toBeVisible();
  await page.waitForTimeout(KEY_GAP_MS);

  // Repeat says the last thing again; Escape goes back, and back again to the home screen.
  const count = said().length;
  const last = lastSaid()?.text;
  await page.keyboard.press('F3');
  await expect.poll(() => said().length).toBe(count + 1);
  expect(lastSaid()?.text).toBe(last);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('faq-topic-census-certificate')).toBeVisible();
  await page.waitForTimeout(KEY_GAP_MS);
  for (let presses = 0; presses < 4 && !(await page.getByTestId('home-faq').isVisible()); presses += 1) {
    await page.keyboard.press('Escape');
    await page.waitForTimeout(KEY_GAP_MS);
  }
  await expect(page.getByTestId('home-faq')).toBeVisible();
  await snap(page, testInfo, 'a11y-keypad-04-back-home');

  // F10 raises the volume by one step and says so; the next utterance is louder.
  const quiet = lastSaid()?.volumeDb ?? 0;
  await page.keyboard.press('F10');
  await expect.poll(() => lastSaid()?.text ?? '').toMatch(/^Volumen \d+ de \d+$/);
  expect(lastSaid()!.volumeDb).toBeGreaterThan(quiet);
  await page.close();
});

test('held keys and bounces do nothing; Left and Right stay in a keyboard row; Escape leaves the keyboard', async ({ browser, speech }) => {
  const stack = speech.stack;
  const page = await browser.newPage({ viewport: PORTRAIT });
  await page.goto(stack.kioskUrl);
  await page.getByTestId('attract-start').click();
  await page.getByTestId('language-es').click();
  await page.getByTestId('home-faq').click();
  await waitForFaq(page);
  await page.getByTestId('faq-search-open').click();
  await expect(page.locator('.keyboard .hg-button').first()).toBeVisible();
  // Highlight the first letter key by touch, then walk its row.
  await page.keyboard.press('F2');
  await expect(page.getByTestId('a11y-root')).toHaveAttribute('data-audio', 'on');
  const first = page.locator('.keyboard .hg-row').first().locator('.hg-button').first();
  await first.focus();
  await page.waitForTimeout(KEY_GAP_MS);
  const row = await page.evaluate(() => [...document.querySelectorAll('.keyboard .hg-row')[0]!.querySelectorAll('.hg-button')].map((b) => b.getAttribute('data-skbtn')));
  // Right twice in the same instant: the second is a bounce inside the debounce, ignored.
  await page.evaluate(() => {
    for (let press = 0; press < 2; press += 1) document.activeElement!.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
  });
  expect(await page.evaluate(() => document.activeElement?.getAttribute('data-skbtn'))).toBe(row[1]);
  // Enter types the highlighted key into the search field.
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('faq-search-input')).toHaveValue(new RegExp(`${row[1]}$`, 'i'));
  await page.waitForTimeout(KEY_GAP_MS);
  // A held key's auto-repeat: ignored.
  await page.evaluate(() => document.activeElement!.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', repeat: true, bubbles: true })));
  expect(await page.evaluate(() => document.activeElement?.getAttribute('data-skbtn'))).toBe(row[1]);
  // At the row's end, Right stays in the row.
  for (let i = 0; i < row.length + 1; i += 1) {
    await page.keyboard.press('ArrowRight');
    await page.waitForTimeout(KEY_GAP_MS);
  }
  expect(await page.evaluate(() => document.activeElement?.getAttribute('data-skbtn'))).toBe(row.at(-1));
  // Escape leaves the keyboard (no trap): the highlight is outside it.
  await page.keyboard.press('Escape');
  await expect.poll(() => page.evaluate(() => document.activeElement?.closest('.keyboard') === null)).toBe(true);
  await page.close();
});

for (const [orientation, viewport] of [['portrait', PORTRAIT], ['landscape', LANDSCAPE]] as const) {
  test(`large text and high contrast in Spanish and Arabic (${orientation}): 0.7-degree letters, no sideways scrolling, 7:1 contrast`, async ({ browser, speech }, testInfo) => {
    const stack = speech.stack;
    test.setTimeout(180_000);
    // AxeBuilder needs a page of its own context.
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    const problems: string[] = [];
    const check = async (name: string) => {
      for (const problem of await largeTextProblems(page, LARGE_FONT_PX)) problems.push(`${name}: ${problem}`);
      const contrast = await new AxeBuilder({ page }).include('.a11y-root').withRules(['color-contrast-enhanced', 'color-contrast']).analyze();
      for (const violation of contrast.violations) for (const node of violation.nodes) problems.push(`${name}: ${violation.id} ${node.target.join(' ')}`);
      await snap(page, testInfo, `a11y-large-contrast-${orientation}-${name}`);
    };
    for (const locale of ['es', 'ar'] as const) {
      await page.goto(stack.kioskUrl);
      await page.getByTestId('attract-start').click();
      await page.getByTestId(`language-${locale}`).click();
      await expect(page.getByTestId('home-faq')).toBeVisible();
      await openHelp(page);
      await page.getByTestId('a11y-textSize').click();
      await page.getByTestId('a11y-contrast').click();
      await expect(page.getByTestId('a11y-textSize')).toHaveAttribute('aria-pressed', 'true');
      await expect(page.getByTestId('a11y-root')).toHaveAttribute('data-text-size', 'large');
      await expect(page.getByTestId('a11y-root')).toHaveAttribute('data-contrast', 'high');
      await check(`${locale}-help`);
      await closeHelp(page);
      await check(`${locale}-home`);
      await page.getByTestId('home-faq').click();
      await waitForFaq(page);
      await check(`${locale}-faq-topics`);
      await page.getByTestId('faq-search-open').click();
      await expect(page.locator('.keyboard .hg-button').first()).toBeVisible();
      await check(`${locale}-faq-search-keyboard`);
      await page.getByTestId('top-start-over').click();
      await expect(page.getByTestId('a11y-root')).toHaveAttribute('data-text-size', 'normal');
    }
    expect(problems).toEqual([]);
    await context.close();
  });
}
