import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { startStack, type RunningStack } from '../stack/stack.js';

// Shared by the accessibility specs (issue 8's checklist): a stack whose agent speaks through the
// recording engine into a JSON-lines file and reads a fake headset jack from a file, and the
// helpers that read what was said and what is highlighted. The stack is a worker fixture: every
// spec file that asks for `speech` shares one (Playwright runs one worker), so tests must leave the
// kiosk on its attract screen and never depend on fresh state.

export const PORTRAIT = { width: 1080, height: 1920 };
export const LANDSCAPE = { width: 1920, height: 1080 };
/** The keypad's debounce is 200 ms: presses of the same key are spaced wider. */
export const KEY_GAP_MS = 260;

/** One line of the recording engine's log. */
export interface Said {
  readonly text: string | null;
  readonly language: string;
  readonly volumeDb: number;
  readonly rate?: number;
  readonly private: boolean;
}

export interface SpeechStack {
  readonly stack: RunningStack;
  readonly recordFile: string;
  readonly headsetFile: string;
  /** Everything said since the stack started, oldest first. */
  said(): Said[];
  lastSaid(): Said | undefined;
  setHeadset(connected: boolean): void;
}

export const test = base.extend<object, { speech: SpeechStack }>({
  speech: [
    // Playwright reads a fixture's dependencies from this destructuring pattern: it must be `{}`.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-e2e-speech-'));
      const recordFile = join(dataDir, 'speech.jsonl');
      const headsetFile = join(dataDir, 'headset');
      writeFileSync(headsetFile, 'disconnected');
      const lines: string[] = [];
      const stack = await startStack({
        dataDir,
        env: { KIOSK_SPEECH_ENGINE: 'recording', KIOSK_SPEECH_RECORD_FILE: recordFile, KIOSK_FAKE_HEADSET_FILE: headsetFile },
        output: (name, line) => lines.push(`[${name}] ${line}`),
      }).catch((error: Error) => {
        throw new Error(`${error.message}\n${lines.slice(-40).join('\n')}`);
      });
      const said = (): Said[] =>
        existsSync(recordFile)
          ? readFileSync(recordFile, 'utf8')
              .split('\n')
              .filter((line) => line.trim() !== '')
              .map((line) => JSON.parse(line) as Said)
          : [];
      await use({
        stack,
        recordFile,
        headsetFile,
        said,
        lastSaid: () => said().at(-1),
        setHeadset: (connected) => writeFileSync(headsetFile, connected ? 'connected' : 'disconnected'),
      });
      await stack.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
    { scope: 'worker', timeout: 120_000 },
  ],
});

export { expect };

/** The focused element: its test id and the words it shows (or its aria-label). */
export async function highlighted(page: Page): Promise<{ testid: string | null; name: string; current: boolean }> {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    if (element === null || element === document.body) return { testid: null, name: '', current: false };
    const name = (element.getAttribute('aria-label') ?? element.innerText ?? '').replace(/\s+/g, ' ').trim();
    return { testid: element.getAttribute('data-testid'), name, current: element.hasAttribute('data-a11y-current') };
  });
}

/** One keypad press, then: the highlighted item is the one just spoken, in `language`. */
export async function pressAndHear(page: Page, speech: SpeechStack, key: string, language: string): Promise<{ testid: string | null; name: string }> {
  const before = speech.said().length;
  await page.keyboard.press(key);
  await expect.poll(() => speech.said().length, { message: `something is said after ${key}` }).toBeGreaterThan(before);
  await page.waitForTimeout(KEY_GAP_MS);
  const item = await highlighted(page);
  const last = speech.lastSaid();
  expect(item.name, 'an item is highlighted').not.toBe('');
  expect(last?.language).toBe(language);
  expect(last?.text ?? '', `what was said names the highlighted item "${item.name}"`).toContain(item.name.slice(0, 40));
  return item;
}

/** Presses Down (each time checking the speech) until the item with `testid` is highlighted. */
export async function downTo(page: Page, speech: SpeechStack, testid: string, language: string, maxPresses = 60): Promise<void> {
  for (let presses = 0; presses < maxPresses; presses += 1) {
    const item = await pressAndHear(page, speech, 'ArrowDown', language);
    if (item.testid === testid) return;
  }
  throw new Error(`${testid} was never highlighted`);
}

/** A keypad press spaced past the debounce, without checking speech. */
export async function press(page: Page, key: string): Promise<void> {
  await page.keyboard.press(key);
  await page.waitForTimeout(KEY_GAP_MS);
}

/**
 * Hides the page from sight as issue 8 asks (visibility: hidden on the root): nothing is painted,
 * so only keypad keys and the speech log remain. Re-applied after each navigation by the caller.
 */
/**
 * The tests' screen curtain: `visibility: hidden` on <html>, and on dialogs, which the browser's
 * own stylesheet makes visible again (the kiosk's curtain in a11y.css does the same).
 */
export async function hideScreen(page: Page): Promise<void> {
  await page.evaluate(() => {
    document.documentElement.style.setProperty('visibility', 'hidden', 'important');
    const style = document.createElement('style');
    style.id = 'test-curtain';
    style.textContent = 'dialog { visibility: hidden !important; }';
    document.head.append(style);
  });
}

/** Lifts hideScreen's curtain. */
export async function showScreen(page: Page): Promise<void> {
  await page.evaluate(() => {
    document.documentElement.style.removeProperty('visibility');
    document.getElementById('test-curtain')?.remove();
  });
}

export async function openHelp(page: Page): Promise<void> {
  await page.getByTestId('top-help').click();
  await expect(page.getByTestId('help-dialog')).toBeVisible();
}

export async function closeHelp(page: Page): Promise<void> {
  await page.getByTestId('help-close').click();
  await expect(page.getByTestId('help-dialog')).toHaveCount(0);
}

export async function waitForFaq(page: Page): Promise<void> {
  await expect(async () => {
    if (await page.getByTestId('faq-retry').isVisible()) await page.getByTestId('faq-retry').click();
    await expect(page.getByTestId('faq-search-open')).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
}

/** Back to the attract screen, whatever the page shows (tests leave the shared kiosk there). */
export async function backToAttract(page: Page): Promise<void> {
  const startOver = page.getByTestId('top-start-over');
  if (await startOver.isVisible()) {
    await startOver.click();
    // Audio mode is touch and confirm: a second touch presses it.
    if (await startOver.isVisible()) await startOver.click();
  }
  await expect(page.getByTestId('attract-start')).toBeVisible();
}
