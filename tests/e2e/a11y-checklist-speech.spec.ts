import { existsSync, readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { snap } from './fixtures.js';
import { KEY_GAP_MS, PORTRAIT, backToAttract, downTo, expect, press, pressAndHear, test, type SpeechStack } from './a11y-helpers.js';

// Issue 8's checklist items on speech (04 interrupt / repeat / stop, 06 speech language, 08 personal
// data, 10 volume) and the voice speed control, on the shared speech stack (a11y-helpers.ts): the
// agent records every utterance in a JSON-lines file, and how each ended in `<file>.outcomes`
// (kiosk/src/agent/speech/README.md), where utterances take a voice's time so an interruption shows.
// Every test leaves the kiosk on its attract screen.

/** How utterance number `index` (its line in the speech log) ended, once it has. */
function outcomeOf(speech: SpeechStack, index: number): string | undefined {
  const file = `${speech.recordFile}.outcomes`;
  if (!existsSync(file)) return undefined;
  const lines = readFileSync(file, 'utf8').split('\n').filter((line) => line.trim() !== '');
  return lines.map((line) => JSON.parse(line) as { index: number; outcome: string }).find((line) => line.index === index)?.outcome;
}

/** Presses a key and waits for the next utterance; returns its index in the log. */
async function pressAndWaitSpeech(page: Page, speech: SpeechStack, key: string): Promise<number> {
  const before = speech.said().length;
  await page.keyboard.press(key);
  await expect.poll(() => speech.said().length, { message: `something is said after ${key}` }).toBeGreaterThan(before);
  await page.waitForTimeout(KEY_GAP_MS);
  return speech.said().length - 1;
}

async function startSession(page: Page, speech: SpeechStack, locale: string): Promise<void> {
  await page.goto(speech.stack.kioskUrl);
  await page.getByTestId('attract-start').click();
  await page.getByTestId(`language-${locale}`).click();
  await expect(page.getByTestId('home-faq')).toBeVisible();
}

/** Turns reading aloud on with F2 and waits for "reading aloud is on". */
async function audioOn(page: Page, speech: SpeechStack): Promise<void> {
  await pressAndWaitSpeech(page, speech, 'F2');
  await expect(page.getByTestId('a11y-root')).toHaveAttribute('data-audio', 'on');
}

test.describe.configure({ mode: 'serial' });

test('checklist 04: every new action interrupts current speech; Repeat (F3) says the last thing again and Stop (F4) ends it', async ({ browser, speech }) => {
  const page = await browser.newPage({ viewport: PORTRAIT });
  await page.goto(speech.stack.kioskUrl);
  await expect(page.getByTestId('attract-start')).toBeVisible();

  // F1 on the attract screen: the long explanation of the keys (many seconds of speech).
  const help = await pressAndWaitSpeech(page, speech, 'F1');
  expect(speech.said()[help]?.text).toContain('F3');
  expect(outcomeOf(speech, help), 'the explanation is still being spoken').toBeUndefined();
  // A new action (Down) cuts it short at once and says the highlighted item.
  const item = await pressAndWaitSpeech(page, speech, 'ArrowDown');
  await expect.poll(() => outcomeOf(speech, help)).toBe('cancelled');
  expect(item).toBe(help + 1);

  // Repeat: the last utterance again, word for word.
  const itemText = speech.said()[item]?.text;
  const repeated = await pressAndWaitSpeech(page, speech, 'F3');
  expect(speech.said()[repeated]?.text).toBe(itemText);

  // Stop: the explanation again, then F4 ends it and nothing new is said.
  const again = await pressAndWaitSpeech(page, speech, 'F1');
  expect(outcomeOf(speech, again)).toBeUndefined();
  const count = speech.said().length;
  await press(page, 'F4');
  await expect.poll(() => outcomeOf(speech, again)).toBe('cancelled');
  expect(speech.said().length).toBe(count);
  // The other Stop key (MediaPlayPause) works the same.
  const third = await pressAndWaitSpeech(page, speech, 'F3');
  await press(page, 'MediaPlayPause');
  await expect.poll(() => outcomeOf(speech, third)).toBe('cancelled');
  await page.close();
});

test('checklist 06: speech is in the display language (es, ca, en, fr, ar); for gl and eu the citizen chooses a voice, the choice is announced in it and used, the screen keeps its language', async ({ browser, speech }, testInfo) => {
  test.setTimeout(240_000);
  const page = await browser.newPage({ viewport: PORTRAIT });
  for (const locale of ['es', 'ca', 'en', 'fr', 'ar'] as const) {
    await startSession(page, speech, locale);
    await audioOn(page, speech);
    expect(speech.lastSaid()?.language).toBe(locale);
    await expect(page.getByTestId('speech-language-dialog')).toHaveCount(0);
    await pressAndHear(page, speech, 'ArrowDown', locale);
    await pressAndHear(page, speech, 'ArrowDown', locale);
    await backToAttract(page);
  }

  // Galician: no voice. Turning reading aloud on asks for one; the question is read in the default voice.
  await startSession(page, speech, 'gl');
  await page.keyboard.press('F2');
  const chooser = page.getByTestId('speech-language-dialog');
  await expect(chooser).toBeVisible();
  await expect.poll(() => speech.lastSaid()?.text ?? '').toContain(await chooser.locator('h2').innerText());
  expect(speech.lastSaid()?.language).toBe('es');
  // Each voice is named in its own language, Spanish first.
  await expect(chooser.getByRole('button')).toHaveText(['Español', 'Català', 'English', 'Français', 'العربية']);
  await expect(chooser.getByTestId('speech-voice-ca')).toHaveAttribute('lang', 'ca');
  await snap(page, testInfo, 'a11y-speech-voice-chooser-gl');
  await page.waitForTimeout(KEY_GAP_MS);
  await downTo(page, speech, 'speech-voice-ca', 'es');
  const chosen = await pressAndWaitSpeech(page, speech, 'Enter');
  await expect(chooser).toHaveCount(0);
  // Announced in the chosen voice, in its words: "No hi ha veu en gallec. Llegiré en català."
  await expect.poll(() => speech.said().at(-1)?.text ?? '').toMatch(/^No hi ha veu en .+\. Llegiré en català\.$/);
  expect(speech.said().at(-1)?.language).toBe('ca');
  expect(chosen).toBeGreaterThan(0);
  // From now on the Galician screen is read with the Catalan voice; the display stays Galician.
  await pressAndHear(page, speech, 'ArrowDown', 'ca');
  await pressAndHear(page, speech, 'ArrowDown', 'ca');
  expect(await page.evaluate(() => document.documentElement.lang)).toBe('gl');
  await expect(page.getByTestId('home-faq')).toBeVisible();

  // F6 while reading aloud: gl -> en (voiced, spoken in English, no question).
  await pressAndWaitSpeech(page, speech, 'F6');
  await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en');
  await expect.poll(() => speech.lastSaid()?.language).toBe('en');
  await expect(chooser).toHaveCount(0);
  await backToAttract(page);

  // Basque: reached with F6 from Catalan while reading aloud: asked again; French chosen.
  await startSession(page, speech, 'ca');
  await audioOn(page, speech);
  await page.keyboard.press('F6');
  await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('eu');
  await expect(chooser).toBeVisible();
  await page.waitForTimeout(KEY_GAP_MS);
  await downTo(page, speech, 'speech-voice-fr', 'es');
  await page.keyboard.press('Enter');
  await expect.poll(() => speech.said().at(-1)?.text ?? '').toMatch(/^Pas de voix en .+\. Lecture en français\.$/);
  expect(speech.said().at(-1)?.language).toBe('fr');
  await page.waitForTimeout(KEY_GAP_MS);
  await pressAndHear(page, speech, 'ArrowDown', 'fr');
  expect(await page.evaluate(() => document.documentElement.lang)).toBe('eu');
  await backToAttract(page);

  // The choice ends with the session: the next citizen in Galician is asked again.
  await startSession(page, speech, 'gl');
  await page.keyboard.press('F2');
  await expect(chooser).toBeVisible();
  // Escape (Back) leaves the question with the default voice, announced: never stuck, never silent.
  await page.waitForTimeout(KEY_GAP_MS);
  await page.keyboard.press('Escape');
  await expect(chooser).toHaveCount(0);
  await expect.poll(() => speech.said().at(-1)?.text ?? '').toMatch(/^No hay voz en .+\. Leeré en español\.$/);
  await backToAttract(page);
  await page.close();
});

const DOCUMENT = '12345678Z';

/** Check-in by document: the ID number field (personal data), filled in by a physical keyboard. */
async function documentField(page: Page, speech: SpeechStack): Promise<void> {
  await startSession(page, speech, 'es');
  await page.getByTestId('home-appointments').click();
  await page.getByTestId('appt-check-in').click();
  await page.getByTestId('appt-by-document').click();
  const field = page.getByTestId('appt-document-input');
  await expect(field).toBeFocused();
  await page.keyboard.type(DOCUMENT);
  await expect(field).toHaveValue(DOCUMENT);
}

/** Moves the highlight off the field and back onto it (Up, Down), waiting for it to be spoken. */
async function hearField(page: Page, speech: SpeechStack): Promise<number> {
  await pressAndWaitSpeech(page, speech, 'ArrowUp');
  const before = speech.said().length;
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('appt-document-input')).toBeFocused();
  await expect.poll(() => speech.said().length).toBeGreaterThan(before);
  await page.waitForTimeout(KEY_GAP_MS);
  return speech.said().length - 1;
}

test('checklist 08: a personal value is never spoken on the loudspeaker; it is spoken into headphones, or after a confirmed consent, which ends with the session', async ({ browser, speech }, testInfo) => {
  test.setTimeout(180_000);
  const page = await browser.newPage({ viewport: PORTRAIT });
  const start = speech.said().length;
  await documentField(page, speech);
  await audioOn(page, speech);

  // No headset, no consent: the field is named, its value replaced by the notice that says how to hear it.
  const hidden = await hearField(page, speech);
  expect(speech.said()[hidden]).toMatchObject({ private: false, language: 'es' });
  expect(speech.said()[hidden]?.text).toContain('Contenido oculto. Para oírlo, conecte unos auriculares');
  expect(speech.said().slice(start).filter((line) => line.private)).toEqual([]);

  // Headphones in: the value is spoken (private, so the log keeps no text).
  speech.setHeadset(true);
  await page.waitForTimeout(600);
  const intoHeadset = await hearField(page, speech);
  expect(speech.said()[intoHeadset]).toMatchObject({ private: true, text: null });
  speech.setHeadset(false);
  await page.waitForTimeout(600);
  const unplugged = await hearField(page, speech);
  expect(speech.said()[unplugged]?.private).toBe(false);

  // Consent, by keypad only: F1 opens Help, Down to the switch, Enter asks to confirm, Yes.
  await page.keyboard.press('F1');
  await expect(page.getByTestId('help-dialog')).toBeVisible();
  await page.waitForTimeout(KEY_GAP_MS);
  await downTo(page, speech, 'a11y-private-aloud', 'es');
  expect(speech.lastSaid()?.text).toContain('desactivado');
  await page.keyboard.press('Enter');
  const confirm = page.getByTestId('private-consent-dialog');
  await expect(confirm).toBeVisible();
  await expect.poll(() => speech.lastSaid()?.text ?? '').toContain('Sus datos personales se leerán en voz alta por el altavoz. Las personas que estén cerca podrán oírlos.');
  await snap(page, testInfo, 'a11y-speech-private-consent');
  // The highlight starts on "No" (the safe answer): Enter there changes nothing.
  await expect(page.getByTestId('private-consent-no')).toBeFocused();
  await page.waitForTimeout(KEY_GAP_MS);
  await page.keyboard.press('Enter');
  await expect(confirm).toHaveCount(0);
  await expect(page.getByTestId('a11y-private-aloud')).toHaveAttribute('aria-pressed', 'false');
  // The highlight is back on the switch (no focus lost), so Enter asks again.
  await expect(page.getByTestId('a11y-private-aloud')).toBeFocused();
  await page.waitForTimeout(KEY_GAP_MS);
  await page.keyboard.press('Enter');
  await expect(confirm).toBeVisible();
  await page.waitForTimeout(KEY_GAP_MS);
  await downTo(page, speech, 'private-consent-yes', 'es');
  await page.keyboard.press('Enter');
  await expect(confirm).toHaveCount(0);
  await expect(page.getByTestId('a11y-private-aloud')).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(() => speech.lastSaid()?.text ?? '').toBe('Sus datos personales se leerán en voz alta.');
  await page.waitForTimeout(KEY_GAP_MS);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('help-dialog')).toHaveCount(0);
  await page.getByTestId('appt-document-input').focus();
  await page.waitForTimeout(KEY_GAP_MS);
  // Without headphones, after consent: spoken.
  const consented = await hearField(page, speech);
  expect(speech.said()[consented]).toMatchObject({ private: true, text: null });
  // The log never holds the value.
  expect(readFileSync(speech.recordFile, 'utf8')).not.toContain(DOCUMENT);

  // Session over: consent gone, the next citizen's value is hidden again.
  await backToAttract(page);
  await documentField(page, speech);
  await audioOn(page, speech);
  const next = await hearField(page, speech);
  expect(speech.said()[next]).toMatchObject({ private: false });
  expect(speech.said()[next]?.text).toContain('Contenido oculto');
  await press(page, 'F1');
  await expect(page.getByTestId('a11y-private-aloud')).toHaveAttribute('aria-pressed', 'false');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('help-dialog')).toHaveCount(0);
  await backToAttract(page);
  await page.close();
});

test('checklist 10: the volume spans at least 18 dB in steps reached by keys alone (F9/F10 and the volume keys), each step said, and resets after the session', async ({ browser, speech }) => {
  test.setTimeout(120_000);
  const page = await browser.newPage({ viewport: PORTRAIT });
  await startSession(page, speech, 'es');
  const levels = new Map<number, number>();
  const pressVolume = async (key: string): Promise<void> => {
    const index = await pressAndWaitSpeech(page, speech, key);
    const line = speech.said()[index]!;
    const match = /^Volumen (\d+) de (\d+)$/.exec(line.text ?? '');
    expect(match, `"${line.text}" states the volume`).not.toBeNull();
    levels.set(Number(match![1]), line.volumeDb);
  };
  // Down to the quietest step, then up to the loudest (each said at its own loudness).
  for (let step = 0; step < 10; step += 1) await pressVolume('F9');
  for (let step = 0; step < 10; step += 1) await pressVolume('F10');
  await pressVolume('AudioVolumeDown');
  await pressVolume('AudioVolumeUp');
  const steps = [...levels.entries()].sort((a, b) => a[0] - b[0]);
  expect(steps.length).toBe(9);
  const dbs = steps.map(([, db]) => db);
  expect(Math.max(...dbs) - Math.min(...dbs)).toBeGreaterThanOrEqual(18);
  // Louder at every step, never a jump a citizen could not follow.
  for (let i = 1; i < dbs.length; i += 1) {
    expect(dbs[i]! - dbs[i - 1]!).toBeGreaterThan(0);
    expect(dbs[i]! - dbs[i - 1]!).toBeLessThanOrEqual(6);
  }
  expect(speech.lastSaid()?.volumeDb).toBe(Math.max(...dbs));

  // The session ends: the next citizen starts at the default volume (0 dB).
  await backToAttract(page);
  await startSession(page, speech, 'es');
  await pressAndWaitSpeech(page, speech, 'ArrowDown');
  expect(speech.lastSaid()?.volumeDb).toBe(0);
  await backToAttract(page);
  await page.close();
});

test('speech rate: Slower and Faster in Help state the speed, the agent speaks at it, and it resets after the session', async ({ browser, speech }, testInfo) => {
  const page = await browser.newPage({ viewport: PORTRAIT });
  await startSession(page, speech, 'es');
  await audioOn(page, speech);
  expect(speech.lastSaid()?.rate).toBe(1);
  await page.keyboard.press('F1');
  await expect(page.getByTestId('help-dialog')).toBeVisible();
  await expect(page.getByTestId('a11y-rate-now')).toHaveText(/^Velocidad de la voz: 100\s%$/);
  await page.waitForTimeout(KEY_GAP_MS);
  // Highlighting the button says the current speed with it.
  await downTo(page, speech, 'a11y-rate-faster', 'es');
  expect(speech.lastSaid()?.text).toMatch(/Voz más rápida, botón\. Velocidad de la voz: 100\s%$/);
  await pressAndWaitSpeech(page, speech, 'Enter');
  await expect.poll(() => speech.lastSaid()?.text).toMatch(/Velocidad de la voz: 125\s%$/);
  expect(speech.lastSaid()?.rate).toBe(1.25);
  await pressAndWaitSpeech(page, speech, 'Enter');
  await expect.poll(() => speech.lastSaid()?.text).toMatch(/Velocidad de la voz: 150\s%$/);
  expect(speech.lastSaid()?.rate).toBe(1.5);
  await expect(page.getByTestId('a11y-rate-now')).toHaveText(/^Velocidad de la voz: 150\s%$/);
  // Up to Slower, three presses: 75 %.
  await pressAndHear(page, speech, 'ArrowUp', 'es');
  await expect(page.getByTestId('a11y-rate-slower')).toBeFocused();
  for (let press = 0; press < 3; press += 1) await pressAndWaitSpeech(page, speech, 'Enter');
  await expect.poll(() => speech.lastSaid()?.text).toMatch(/Velocidad de la voz: 75\s%$/);
  expect(speech.lastSaid()?.rate).toBe(0.75);
  await snap(page, testInfo, 'a11y-speech-help-rate-controls');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('help-dialog')).toHaveCount(0);

  // Next session: normal speed again, in the agent and on screen.
  await backToAttract(page);
  await startSession(page, speech, 'es');
  await audioOn(page, speech);
  expect(speech.lastSaid()?.rate).toBe(1);
  await press(page, 'F1');
  await expect(page.getByTestId('a11y-rate-now')).toHaveText(/^Velocidad de la voz: 100\s%$/);
  await page.keyboard.press('Escape');
  await backToAttract(page);
  await page.close();
});

test('speech controls: Help in audio mode, the consent question and the voice chooser have no axe violations (wcag2a-wcag22aa), in normal and in large text with high contrast, in Spanish, Galician and Arabic', async ({ browser, speech }, testInfo) => {
  test.setTimeout(240_000);
  // AxeBuilder needs a page of its own context.
  const context = await browser.newContext({ viewport: PORTRAIT });
  const page = await context.newPage();
  const problems: string[] = [];
  const check = async (name: string): Promise<void> => {
    // The kiosk UI only: the page's <meta viewport> (no zoom on a kiosk) is the axe matrix's business.
    const result = await new AxeBuilder({ page }).include('.a11y-root').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
    for (const violation of result.violations) for (const node of violation.nodes) problems.push(`${name}: ${violation.id} ${node.target.join(' ')}`);
  };
  for (const locale of ['es', 'gl', 'ar'] as const) {
    for (const look of ['default', 'large-contrast'] as const) {
      await startSession(page, speech, locale);
      await audioOn(page, speech);
      const chooser = page.getByTestId('speech-language-dialog');
      if (locale === 'gl') {
        await expect(chooser).toBeVisible();
        await check(`${locale}-${look}-voice-chooser`);
        if (look === 'default') await snap(page, testInfo, `a11y-speech-voice-chooser-${locale}`);
        await page.getByTestId('speech-voice-es').click();
        // Audio mode is touch and confirm: the second touch chooses.
        if (await chooser.isVisible()) await page.getByTestId('speech-voice-es').click();
        await expect(chooser).toHaveCount(0);
      }
      await press(page, 'F1');
      await expect(page.getByTestId('help-dialog')).toBeVisible();
      if (look === 'large-contrast') {
        for (const name of ['a11y-textSize', 'a11y-contrast'] as const) {
          await page.getByTestId(name).focus();
          await press(page, 'Enter');
        }
        await expect(page.getByTestId('a11y-root')).toHaveAttribute('data-contrast', 'high');
        await expect(page.getByTestId('a11y-root')).toHaveAttribute('data-text-size', 'large');
      }
      await check(`${locale}-${look}-help-audio`);
      await page.getByTestId('a11y-rate-faster').scrollIntoViewIfNeeded();
      await snap(page, testInfo, `a11y-speech-help-${locale}-${look}`);
      await page.getByTestId('a11y-private-aloud').focus();
      await press(page, 'Enter');
      await expect(page.getByTestId('private-consent-dialog')).toBeVisible();
      await check(`${locale}-${look}-consent`);
      await snap(page, testInfo, `a11y-speech-consent-${locale}-${look}`);
      await press(page, 'Escape');
      await expect(page.getByTestId('private-consent-dialog')).toHaveCount(0);
      await press(page, 'Escape');
      await expect(page.getByTestId('help-dialog')).toHaveCount(0);
      await backToAttract(page);
    }
  }
  expect(problems).toEqual([]);
  await context.close();
});
