import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { DEFAULT_KIOSK_CONFIG, type KioskAccessibility, type KioskLocale } from '@kiosk/shared';
import { startStack, type RunningStack } from '../stack/stack.js';
import { snap } from './fixtures.js';
import { passToDescription, typeOnKeyboard } from './journey.js';
import { blank } from './a11y-hidden-listener.js';
import { KEY_GAP_MS, LANDSCAPE, PORTRAIT, backToAttract, downTo, expect, highlighted, openHelp, pressAndHear, test as speechTest, waitForFaq, type Said, type SpeechStack } from './a11y-helpers.js';
import { es } from '../../kiosk/src/renderer/i18n/messages/es.js';
import { ca } from '../../kiosk/src/renderer/i18n/messages/ca.js';
import { eu } from '../../kiosk/src/renderer/i18n/messages/eu.js';
import { gl } from '../../kiosk/src/renderer/i18n/messages/gl.js';
import { en } from '../../kiosk/src/renderer/i18n/messages/en.js';
import { fr } from '../../kiosk/src/renderer/i18n/messages/fr.js';
import { ar } from '../../kiosk/src/renderer/i18n/messages/ar.js';

// Issue 8's checklist (reference/accessibility.md) items 2, 3, 5, 11, 12, 13, 14, 15, 22, 23 and
// 25, each a test titled after its number, on the real stack: the shared speech stack of
// a11y-helpers (recording speech engine, fake headset file), and, for what a deployment configures
// (keypad map, debounces, panel mounting), a second stack of this file's own whose hub pushes that
// configuration to its kiosk exactly as staff do (PUT /api/fleet/devices/:id/config).

const MESSAGES = { es, ca, eu, gl, en, fr, ar } as const;
const LOCALES = Object.keys(MESSAGES) as KioskLocale[];
/** Default timers (DEFAULT_KIOSK_CONFIG): the warning after 90 s of quiet, the reset 30 s later. */
const IDLE_MS = 90_000;
const WARNING_MS = 30_000;

// ---------------------------------------------------------------------------------------------
// A stack whose kiosk configuration the test sets (heartbeat every second, admin without TOTP).

interface ConfiguredStack {
  readonly stack: RunningStack;
  said(): Said[];
  configure(accessibility: KioskAccessibility | undefined): Promise<void>;
}

const test = speechTest.extend<object, { configured: ConfiguredStack }>({
  configured: [
    // Playwright reads a fixture's dependencies from this destructuring pattern: it must be `{}`.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-e2e-a11y-config-'));
      const recordFile = join(dataDir, 'speech.jsonl');
      const headsetFile = join(dataDir, 'headset');
      writeFileSync(headsetFile, 'disconnected');
      const lines: string[] = [];
      const env = { HEARTBEAT_MS: '1000', ADMIN_SECOND_FACTOR: 'off', KIOSK_SPEECH_ENGINE: 'recording', KIOSK_SPEECH_RECORD_FILE: recordFile, KIOSK_FAKE_HEADSET_FILE: headsetFile };
      const stack = await startStack({ dataDir, env, output: (name, line) => lines.push(`[${name}] ${line}`) }).catch((error: Error) => {
        throw new Error(`${error.message}\n${lines.slice(-40).join('\n')}`);
      });
      const adminPassword = lines.map((line) => /console password:\s+(\S+)/.exec(line)?.[1]).find((value) => value !== undefined) ?? '';
      const { deviceId } = JSON.parse(readFileSync(join(dataDir, 'demo-kiosk.json'), 'utf8')) as { deviceId: string };
      const said = (): Said[] => {
        try {
          return readFileSync(recordFile, 'utf8').split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line) as Said);
        } catch {
          return [];
        }
      };
      const configure = async (accessibility: KioskAccessibility | undefined): Promise<void> => {
        const json = { 'content-type': 'application/json', 'x-requested-with': 'console' };
        const login = await fetch(`${stack.hubUrl}/api/auth/login`, { method: 'POST', headers: json, body: JSON.stringify({ username: 'admin', password: adminPassword }) });
        expect(login.status, 'the first-run admin signs in').toBe(200);
        const headers = { ...json, cookie: /^([^;]+);/.exec(login.headers.get('set-cookie') ?? '')?.[1] ?? '' };
        const url = `${stack.hubUrl}/api/fleet/devices/${encodeURIComponent(deviceId)}/config`;
        const current = await fetch(url, { headers });
        const config = accessibility === undefined ? DEFAULT_KIOSK_CONFIG : { ...DEFAULT_KIOSK_CONFIG, accessibility };
        const put = await fetch(url, { method: 'PUT', headers: { ...headers, 'if-match': current.headers.get('etag') ?? '"0"' }, body: JSON.stringify(config) });
        expect(put.status, await put.clone().text()).toBe(200);
        await expect
          .poll(async () => ((await (await fetch(url, { headers })).json()) as { inSync: boolean }).inSync, { timeout: 30_000, intervals: [250, 500, 1000] })
          .toBe(true);
      };
      await use({ stack, said, configure });
      await stack.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
    { scope: 'worker', timeout: 120_000 },
  ],
});

// ---------------------------------------------------------------------------------------------
// Small steps.

async function openKiosk(browser: Browser, url: string, options: { viewport?: { width: number; height: number }; hasTouch?: boolean; clock?: boolean; initScript?: () => void } = {}): Promise<Page> {
  const page = await browser.newPage({ viewport: options.viewport ?? PORTRAIT, hasTouch: options.hasTouch ?? false });
  if (options.clock) await page.clock.install();
  if (options.initScript) await page.addInitScript(options.initScript);
  await page.goto(url);
  await expect(page.getByTestId('attract-start')).toBeVisible();
  // The attract screen shows before the agent's answer with the applied configuration (keymap,
  // debounces): keys pressed before it would use the defaults.
  await expect(page.locator('.app')).not.toHaveAttribute('data-config-version', 'loading');
  return page;
}

/** Touch: attract -> language -> home (before audio mode is on: touches act at once). */
async function startSession(page: Page, locale: KioskLocale): Promise<void> {
  await page.getByTestId('attract-start').click();
  await page.getByTestId(`language-${locale}`).click();
  await expect(page.getByTestId('home-faq')).toBeVisible();
}

async function openFaqSearch(page: Page): Promise<void> {
  await page.getByTestId('home-faq').click();
  await waitForFaq(page);
  await page.getByTestId('faq-search-open').click();
  await expect(page.locator('.keyboard .hg-button').first()).toBeVisible();
}

async function press(page: Page, key: string): Promise<void> {
  await page.keyboard.press(key);
  await page.waitForTimeout(KEY_GAP_MS);
}

/** Presses `key` until the highlight stops moving (the ends do not wrap); the items highlighted on the way, the first one included. */
async function walk(page: Page, key: 'ArrowDown' | 'ArrowUp', maxPresses = 80): Promise<string[]> {
  const start = await highlighted(page);
  let previous = `${start.testid ?? ''}|${start.name}`;
  // The item highlighted before the first press counts as reached.
  const seen: string[] = [previous];
  for (let presses = 0; presses < maxPresses; presses += 1) {
    await press(page, key);
    const item = await highlighted(page);
    const id = `${item.testid ?? ''}|${item.name}`;
    if (id === previous) return seen;
    seen.push(id);
    previous = id;
  }
  throw new Error(`${key} never reached an end: a loop the citizen cannot leave`);
}

/** The visible controls (buttons, fields) inside `scope`, as walk() names them. */
async function controlsIn(page: Page, scope: string): Promise<string[]> {
  return page.evaluate((selector) => {
    const root = document.querySelector(selector);
    if (root === null) return [];
    return [...root.querySelectorAll<HTMLElement>('button, input, textarea, a[href]')]
      .filter((element) => element.checkVisibility({ visibilityProperty: true }) && !(element as HTMLButtonElement).disabled)
      .map((element) => `${element.getAttribute('data-testid') ?? ''}|${(element.getAttribute('aria-label') ?? element.innerText ?? '').replace(/\s+/g, ' ').trim()}`);
  }, scope);
}

const rootAttributes = (page: Page) =>
  page.getByTestId('a11y-root').evaluate((root) => ({
    textSize: root.getAttribute('data-text-size'),
    contrast: root.getAttribute('data-contrast'),
    reach: root.getAttribute('data-reach'),
    audio: root.getAttribute('data-audio'),
  }));

const DEFAULTS = { textSize: 'normal', contrast: 'normal', reach: 'off', audio: 'off' };

// ---------------------------------------------------------------------------------------------

test('checklist 02: audio mode starts without the screen: the Help key, any keypad key, or plugging in headphones', async ({ browser, speech }) => {
  // The Help key on the attract screen: audio mode on and the keys explained, in the display language.
  let page = await openKiosk(browser, speech.stack.kioskUrl);
  await expect(page.getByTestId('a11y-root')).toHaveAttribute('data-audio', 'off');
  let before = speech.said().length;
  await page.keyboard.press('F1');
  await expect(page.getByTestId('a11y-root')).toHaveAttribute('data-audio', 'on');
  await expect.poll(() => speech.said().length).toBeGreaterThan(before);
  expect(speech.lastSaid()?.text).toBe(`${es.a11y.audioOn} ${es.a11y.keysHelp}`);
  expect(speech.lastSaid()?.language).toBe('es');
  await page.close();

  // Any keypad key, e.g. Down or a volume key: audio mode on, and that key did its job too.
  for (const key of ['ArrowDown', 'F10', 'Enter']) {
    page = await openKiosk(browser, speech.stack.kioskUrl);
    await expect(page.getByTestId('a11y-root')).toHaveAttribute('data-audio', 'off');
    before = speech.said().length;
    await page.keyboard.press(key);
    await expect(page.getByTestId('a11y-root'), `${key} starts audio mode`).toHaveAttribute('data-audio', 'on');
    await expect.poll(() => speech.said().length, `${key} is answered in speech`).toBeGreaterThan(before);
    if (key === 'ArrowDown') expect(speech.lastSaid()?.text ?? '').toContain((await highlighted(page)).name.slice(0, 40));
    if (key === 'F10') await expect.poll(() => speech.lastSaid()?.text ?? '').toMatch(/^Volumen \d+ de \d+$/);
    await page.close();
  }

  // Headphones plugged in (the jack switch, here a file): audio mode on, announced, mid-session too.
  page = await openKiosk(browser, speech.stack.kioskUrl);
  await startSession(page, 'en');
  await expect(page.getByTestId('a11y-root')).toHaveAttribute('data-audio', 'off');
  speech.setHeadset(true);
  try {
    await expect(page.getByTestId('a11y-root')).toHaveAttribute('data-audio', 'on');
    await expect.poll(() => speech.lastSaid()?.text ?? '').toBe(`${en.a11y.audioOn} ${en.a11y.keysHelp}`);
    expect(speech.lastSaid()?.language).toBe('en');
  } finally {
    speech.setHeadset(false);
  }
  await backToAttract(page);
  await page.close();
});

test('checklist 03: the keypad map uses only non-printing keys and a deployment can change it in the kiosk configuration', async ({ browser, configured }) => {
  // The default map: no key is a printing character (WCAG 2.1.4: a single letter never acts).
  const page0 = await openKiosk(browser, configured.stack.kioskUrl);
  const before0 = configured.said().length;
  await page0.keyboard.type('jk 1');
  await page0.waitForTimeout(500);
  await expect(page0.getByTestId('a11y-root'), 'printing keys are not keypad keys').toHaveAttribute('data-audio', 'off');
  expect(configured.said().length).toBe(before0);
  await page0.close();

  // A keypad whose navigation keys arrive as PageDown / PageUp and activation as Insert.
  const keymap = {
    next: ['PageDown'],
    previous: ['PageUp'],
    groupNext: ['ArrowRight'],
    groupPrevious: ['ArrowLeft'],
    activate: ['Insert'],
    back: ['Escape'],
    help: ['F1'],
    toggleAudio: ['F2'],
    repeat: ['F3'],
    stop: ['F4'],
    volumeDown: ['F9'],
    volumeUp: ['F10'],
    nextLanguage: ['F6'],
  };
  await configured.configure({ keymap });
  try {
    const page = await openKiosk(browser, configured.stack.kioskUrl);
    const said = configured.said;
    // ArrowDown is no keypad key any more: nothing happens.
    await press(page, 'ArrowDown');
    await expect(page.getByTestId('a11y-root')).toHaveAttribute('data-audio', 'off');
    // PageDown moves the highlight and says the item, as ArrowDown did.
    const before = said().length;
    await press(page, 'PageDown');
    await expect(page.getByTestId('a11y-root')).toHaveAttribute('data-audio', 'on');
    await expect.poll(() => said().length).toBeGreaterThan(before);
    let item = await highlighted(page);
    expect(item.name).not.toBe('');
    expect(said().at(-1)?.text ?? '').toContain(item.name.slice(0, 40));
    // The spoken key help names this kiosk's keys, never the default ones.
    await press(page, 'F1');
    await expect.poll(() => said().at(-1)?.text ?? '').toContain('Siguiente, Página abajo');
    expect(said().at(-1)?.text).toContain('Elegir, Insertar');
    expect(said().at(-1)?.text).not.toContain(es.a11y.keysHelp);
    for (let presses = 0; presses < 30 && item.testid !== 'attract-start'; presses += 1) {
      await press(page, 'PageDown');
      item = await highlighted(page);
    }
    expect(item.testid).toBe('attract-start');
    // Insert activates the highlighted item (a focused button still takes Enter natively, as any browser does).
    await press(page, 'Insert');
    await expect(page.getByTestId('language-es')).toBeVisible();
    await page.close();
  } finally {
    await configured.configure(undefined);
  }
});

test('checklist 05: the item being spoken is the item highlighted, on the attract, home, FAQ, form and Help screens', async ({ browser, speech }, testInfo) => {
  const page = await openKiosk(browser, speech.stack.kioskUrl);
  // Attract screen: walk down to its start button, each press checked (helpers' pressAndHear).
  await downTo(page, speech, 'attract-start', 'es');
  await snap(page, testInfo, 'checklist-05-attract');
  await pressAndHear(page, speech, 'Enter', 'es');
  await downTo(page, speech, 'language-es', 'es');
  await pressAndHear(page, speech, 'Enter', 'es');
  await expect(page.getByTestId('home-faq')).toBeVisible();
  // Home: down and up again, the spoken item follows the highlight both ways.
  await downTo(page, speech, 'home-faq', 'es');
  await pressAndHear(page, speech, 'ArrowDown', 'es');
  await pressAndHear(page, speech, 'ArrowUp', 'es');
  expect((await highlighted(page)).testid).toBe('home-faq');
  await snap(page, testInfo, 'checklist-05-home');
  // FAQ topics.
  await page.keyboard.press('Enter');
  await waitForFaq(page);
  await page.waitForTimeout(KEY_GAP_MS);
  await downTo(page, speech, 'faq-search-open', 'es');
  await snap(page, testInfo, 'checklist-05-faq');
  // A form: the search field and the on-screen keyboard's keys (Left / Right in a row).
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('faq-search-input')).toBeVisible();
  // The field takes the highlight, and is spoken by its label (a field shows no words of its own).
  await expect.poll(async () => (await highlighted(page)).testid).toBe('faq-search-input');
  await expect.poll(() => speech.lastSaid()?.text ?? '').toContain(es.faq.searchLabel);
  await page.waitForTimeout(KEY_GAP_MS);
  for (let presses = 0; presses < 30 && !(await page.evaluate(() => document.activeElement?.closest('.keyboard') !== null)); presses += 1) {
    await pressAndHear(page, speech, 'ArrowDown', 'es');
  }
  expect(await page.evaluate(() => document.activeElement?.closest('.keyboard') !== null), 'Down reaches the keys of the on-screen keyboard').toBe(true);
  await pressAndHear(page, speech, 'ArrowRight', 'es');
  await snap(page, testInfo, 'checklist-05-form-keyboard');
  // A dialog: F1 opens Help; its items are spoken as they are highlighted.
  await page.keyboard.press('F1');
  await expect(page.getByTestId('help-dialog')).toBeVisible();
  await page.waitForTimeout(KEY_GAP_MS);
  await pressAndHear(page, speech, 'ArrowDown', 'es');
  await downTo(page, speech, 'help-close', 'es');
  await snap(page, testInfo, 'checklist-05-help-dialog');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('help-dialog')).toHaveCount(0);
  await backToAttract(page);
  await page.close();
});

/** Large text, high contrast, reach, audio on, two volume steps up, in French, a reference typed: everything a session may change. */
async function personaliseSession(page: Page, speech: SpeechStack, typed: string): Promise<void> {
  await startSession(page, 'fr');
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await openHelp(page);
  for (const name of ['textSize', 'contrast', 'reach'] as const) await page.getByTestId(`a11y-${name}`).click();
  await page.getByTestId('help-close').click();
  await expect(page.getByTestId('help-dialog')).toHaveCount(0);
  await page.getByTestId('home-followUp').click();
  await page.getByTestId('follow-up-input').fill(typed);
  await expect(page.getByTestId('follow-up-input')).toHaveValue(typed);
  await press(page, 'F10');
  await press(page, 'F10');
  await press(page, 'ArrowDown');
  await expect.poll(() => speech.lastSaid()?.volumeDb ?? 0, 'two steps louder').toBeGreaterThan(0);
  expect(await rootAttributes(page)).toEqual({ textSize: 'large', contrast: 'high', reach: 'on', audio: 'on' });
}

/** After the session: Spanish, every preference and the volume at default, nothing typed anywhere. */
async function expectCleanSlate(page: Page, speech: SpeechStack, typed: string): Promise<void> {
  await expect(page.getByTestId('attract-start')).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
  expect(await rootAttributes(page)).toEqual(DEFAULTS);
  expect(await page.evaluate((text) => document.body.innerHTML.includes(text), typed), 'the typed reference is gone from the page').toBe(false);
  // The next citizen: the follow-up field is empty, and the first key speaks at the default volume.
  await startSession(page, 'es');
  await page.getByTestId('home-followUp').click();
  await expect(page.getByTestId('follow-up-input')).toHaveValue('');
  const count = speech.said().length;
  await page.keyboard.press('ArrowDown');
  await expect.poll(() => speech.said().length).toBeGreaterThan(count);
  expect(speech.lastSaid()?.volumeDb, 'the volume is back to its default').toBe(0);
  expect(speech.lastSaid()?.language).toBe('es');
  await backToAttract(page);
}

test('checklist 11: ending the session, and the idle timeout, clear what was typed and reset language, contrast, text size, reach, audio mode and volume', async ({ browser, speech }, testInfo) => {
  // Session end: "Start over" (touch and confirm in audio mode).
  let page = await openKiosk(browser, speech.stack.kioskUrl);
  await personaliseSession(page, speech, 'KX7Q-2Z4M-8');
  await snap(page, testInfo, 'checklist-11-personalised');
  await backToAttract(page);
  await expectCleanSlate(page, speech, 'KX7Q-2Z4M-8');
  await page.close();

  // Idle timeout: no touch for the quiet time plus the warning.
  page = await openKiosk(browser, speech.stack.kioskUrl, { clock: true });
  await personaliseSession(page, speech, 'KX7Q-2Z4M-9');
  await page.clock.fastForward(IDLE_MS + 1_000);
  await expect(page.getByTestId('idle-warning')).toBeVisible();
  await page.clock.fastForward(WARNING_MS);
  await expectCleanSlate(page, speech, 'KX7Q-2Z4M-9');
  await snap(page, testInfo, 'checklist-11-after-timeout');
  await page.close();
});

test('checklist 12: the idle warning shows and sounds, gives at least 20 s, one action extends it, ten times or more, and typing keeps the session alive', async ({ browser, speech }, testInfo) => {
  const page = await openKiosk(browser, speech.stack.kioskUrl, { clock: true });
  await startSession(page, 'es');
  await page.keyboard.press('F2');
  await expect(page.getByTestId('a11y-root')).toHaveAttribute('data-audio', 'on');
  const warning = page.getByTestId('idle-warning');

  // Ten warnings, each answered by one action of a different kind.
  const answers: Array<[string, () => Promise<void>]> = [
    ['the extend button, touched', () => page.getByTestId('idle-extend').click({ force: true })],
    ['Enter on the highlighted extend button', () => page.keyboard.press('Enter')],
    ['any keypad key (Down)', () => page.keyboard.press('ArrowDown')],
    ['Escape', () => page.keyboard.press('Escape')],
    ['a touch anywhere', () => page.mouse.click(5, 5)],
  ];
  for (let extension = 0; extension < 10; extension += 1) {
    await page.clock.fastForward(IDLE_MS - 1_000);
    await expect(warning, 'no warning before the quiet time').toHaveCount(0);
    await page.clock.fastForward(2_000);
    await expect(warning).toBeVisible();
    if (extension === 0) {
      // By sight (the dialog, its countdown) and by sound (a tone; read aloud in audio mode).
      await expect(warning).toHaveAttribute('data-sound', /^(played|unavailable)$/);
      await expect(warning).toContainText(es.idle.title);
      const countdown = await page.locator('.dialog-warning .countdown').innerText();
      expect(countdown.startsWith(es.idle.countdown.replace('{{seconds}}', ''))).toBe(true);
      expect(Number(/\d+/.exec(countdown)?.[0]), 'the countdown starts at 20 s or more').toBeGreaterThanOrEqual(28);
      await expect.poll(() => speech.lastSaid()?.text ?? '').toContain(es.idle.title);
      await snap(page, testInfo, 'checklist-12-warning');
    }
    // At least 20 s to answer: 19 s later the session is still there, the warning too.
    await page.clock.fastForward(19_000);
    await expect(warning).toBeVisible();
    await expect(page.getByTestId('home-faq')).toBeAttached();
    const [how, answer] = answers[extension % answers.length]!;
    await page.waitForTimeout(KEY_GAP_MS);
    await answer();
    await expect(warning, `one action extends: ${how}`).toHaveCount(0);
    await expect(page.getByTestId('home-faq')).toBeVisible();
  }
  // The eleventh warning: the ten extensions are used up, the session ends after the warning.
  await page.clock.fastForward(IDLE_MS + 1_000);
  await expect(warning).toBeVisible();
  await expect(page.getByTestId('idle-extend')).toHaveCount(0);
  await page.clock.fastForward(WARNING_MS);
  await expect(page.getByTestId('attract-start')).toBeVisible();

  // Typing: a key on the on-screen keyboard every minute keeps the session for five minutes.
  await startSession(page, 'es');
  await openFaqSearch(page);
  for (let minute = 0; minute < 5; minute += 1) {
    await page.clock.fastForward(60_000);
    await page.locator('.keyboard .hg-button[data-skbtn="a"]').click();
  }
  await expect(page.getByTestId('faq-search-input')).toHaveValue('aaaaa');
  await expect(warning).toHaveCount(0);
  // Then, once the typing stops, the warning comes after the quiet time.
  await page.clock.fastForward(IDLE_MS + 1_000);
  await expect(warning).toBeVisible();
  await page.getByTestId('idle-extend').click();
  await backToAttract(page);
  await page.close();
});

test('checklist 13: in audio mode a touch speaks an item without activating it; Enter or a second touch activates it', async ({ browser, speech }) => {
  const page = await openKiosk(browser, speech.stack.kioskUrl, { hasTouch: true });
  await startSession(page, 'en');
  await page.keyboard.press('F2');
  await expect(page.getByTestId('a11y-root')).toHaveAttribute('data-audio', 'on');
  await page.waitForTimeout(KEY_GAP_MS);

  // One touch: spoken, highlighted, not pressed.
  const faq = page.getByTestId('home-faq');
  const faqName = (await faq.innerText()).split('\n')[0]!;
  await faq.tap();
  await expect.poll(() => speech.lastSaid()?.text ?? '').toContain(faqName);
  await expect(faq).toHaveAttribute('data-a11y-current', '');
  await page.waitForTimeout(600);
  await expect(faq, 'a touch alone does not activate').toBeVisible();
  // Enter activates the touched item.
  await page.keyboard.press('Enter');
  await waitForFaq(page);
  await page.waitForTimeout(KEY_GAP_MS);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('home-followUp')).toBeVisible();

  // Another item: one touch speaks it, the second touch activates.
  const followUp = page.getByTestId('home-followUp');
  await followUp.tap();
  await expect.poll(() => speech.lastSaid()?.text ?? '').toContain((await followUp.innerText()).split('\n')[0]!);
  await page.waitForTimeout(600);
  await expect(page.getByTestId('follow-up-input')).toHaveCount(0);
  await followUp.tap();
  await expect(page.getByTestId('follow-up-input')).toBeVisible();
  await backToAttract(page);
  await page.close();
});

/** Records every native listener for gestures a citizen may not be able to make (before the app loads). */
function recordGestureListeners(): void {
  const found: string[] = [];
  (window as unknown as { gestureListeners: string[] }).gestureListeners = found;
  const original = EventTarget.prototype.addEventListener;
  EventTarget.prototype.addEventListener = function (this: EventTarget, type: string, ...rest: unknown[]) {
    if (/^(touchstart|touchmove|gesture|contextmenu|drag|drop|pointermove|dblclick)/.test(type)) {
      const node = this as unknown as { id?: string; nodeName?: string };
      // React delegates every event type to its root container: that alone is no handler.
      if (!(node.id === 'root')) found.push(`${type} on ${node.nodeName ?? String(this)}`);
    }
    return original.call(this, type, ...(rest as [EventListenerOrEventListenerObject, AddEventListenerOptions]));
  } as typeof EventTarget.prototype.addEventListener;
}

/** React handlers on the page's elements that need more than one tap or click. */
async function gestureHandlers(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    for (const element of document.querySelectorAll<HTMLElement>('*')) {
      if (element.getAttribute('draggable') === 'true') problems.push(`${element.tagName} is draggable`);
      const propsKey = Object.keys(element).find((key) => key.startsWith('__reactProps$'));
      if (propsKey === undefined) continue;
      const props = (element as unknown as Record<string, Record<string, unknown>>)[propsKey] ?? {};
      for (const name of Object.keys(props)) {
        if (/^on(Touch|Gesture|ContextMenu|Drag|Drop|PointerMove|DoubleClick|Wheel)/.test(name)) {
          problems.push(`${element.tagName.toLowerCase()}[${element.dataset.testid ?? element.className}] ${name}`);
        }
      }
    }
    return problems;
  });
}

test('checklist 14: no multi-finger, long-press, double-tap or drag-only action: no such handler anywhere, and every control works with one tap', async ({ browser, speech }) => {
  const page = await openKiosk(browser, speech.stack.kioskUrl, { hasTouch: true, initScript: recordGestureListeners });
  const problems: string[] = [];
  const check = async (screen: string) => {
    for (const problem of await gestureHandlers(page)) problems.push(`${screen}: ${problem}`);
  };
  await check('attract');
  await page.getByTestId('attract-start').tap();
  await expect(page.getByTestId('language-es')).toBeVisible();
  await check('language');
  await page.getByTestId('language-es').tap();
  await expect(page.getByTestId('home-faq')).toBeVisible();
  await check('home');

  // Every home tile opens its journey with one tap; its visible Back control returns with one tap.
  for (const tile of ['home-file-request', 'home-faq', 'home-followUp', 'home-appointments']) {
    await page.getByTestId(tile).tap();
    await expect(page.getByTestId('home-faq'), `${tile} opens with one tap`).toHaveCount(0);
    await page.waitForTimeout(300);
    await check(tile);
    if (tile === 'home-faq') {
      await waitForFaq(page);
      await page.getByTestId('faq-search-open').tap();
      const key = page.locator('.keyboard .hg-button[data-skbtn="m"]');
      await key.tap();
      await expect(page.getByTestId('faq-search-input'), 'a key types with one tap').toHaveValue('m');
      await check('faq-search');
    }
    for (let taps = 0; taps < 4 && !(await page.getByTestId('home-faq').isVisible()); taps += 1) {
      const back = page.locator('main .action-start:visible, main [data-testid$="-back"]:visible').first();
      await back.tap();
      await page.waitForTimeout(300);
    }
    await expect(page.getByTestId('home-faq'), `back from ${tile} with single taps`).toBeVisible();
  }
  // The top bar's dialogs and the accessibility switches: each one tap.
  await page.getByTestId('top-help').tap();
  await expect(page.getByTestId('help-dialog')).toBeVisible();
  await check('help');
  await page.getByTestId('a11y-textSize').tap();
  await expect(page.getByTestId('a11y-root')).toHaveAttribute('data-text-size', 'large');
  await page.getByTestId('help-close').tap();
  await page.getByTestId('top-language').tap();
  await page.getByTestId('switch-language-en').tap();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');

  const listeners = await page.evaluate(() => (window as unknown as { gestureListeners: string[] }).gestureListeners);
  expect(problems).toEqual([]);
  expect(listeners, 'native listeners for touch-and-hold, multi-finger, drag or double-tap gestures').toEqual([]);
  // The two probes see what they look for: a React handler, and a native listener added now.
  expect(await page.evaluate(() => [...document.querySelectorAll('button')].filter((b) => Object.keys(b).some((k) => k.startsWith('__reactProps$'))).length)).toBeGreaterThan(3);
  await page.evaluate(() => document.createElement('div').addEventListener('touchmove', () => undefined));
  expect(await page.evaluate(() => (window as unknown as { gestureListeners: string[] }).gestureListeners)).toEqual(['touchmove on DIV']);
  await backToAttract(page);
  await page.close();
});

test('checklist 15: no focus traps: Down reaches every control of the Help and language dialogs, the on-screen keyboard and the consent screen, and Back leaves them, the idle warning and each screen', async ({ browser, speech }) => {
  const page = await openKiosk(browser, speech.stack.kioskUrl, { clock: true });
  await startSession(page, 'es');
  await press(page, 'F2');

  // Help dialog (F1 away from the attract screen): Down reaches every control, Up the first item, Escape leaves.
  await press(page, 'F1');
  await expect(page.getByTestId('help-dialog')).toBeVisible();
  const helpControls = await controlsIn(page, '[data-testid="help-dialog"]');
  const helpDown = await walk(page, 'ArrowDown');
  for (const control of helpControls) expect(helpDown, `Down reaches ${control}`).toContain(control);
  const helpUp = await walk(page, 'ArrowUp');
  expect(helpUp.at(-1)).toContain(es.help.title);
  await press(page, 'Escape');
  await expect(page.getByTestId('help-dialog')).toHaveCount(0);
  await expect(page.getByTestId('home-faq')).toBeVisible();

  // Language dialog: every language and its close button reached; Escape leaves in the same language.
  await page.getByTestId('top-language').click();
  await page.getByTestId('top-language').click();
  await expect(page.getByTestId('switch-language-close')).toBeVisible();
  const languageControls = await controlsIn(page, 'dialog[open]');
  const languageDown = await walk(page, 'ArrowDown');
  for (const control of languageControls) expect(languageDown, `Down reaches ${control}`).toContain(control);
  await press(page, 'Escape');
  await expect(page.getByTestId('switch-language-close')).toHaveCount(0);
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');

  // The idle warning: any key is presence, so Down, Escape or Enter answer it and leave it.
  for (const key of ['ArrowDown', 'Escape']) {
    await page.clock.fastForward(IDLE_MS + 1_000);
    await expect(page.getByTestId('idle-warning')).toBeVisible();
    await press(page, key);
    await expect(page.getByTestId('idle-warning'), `${key} leaves the warning`).toHaveCount(0);
    await expect(page.getByTestId('home-faq')).toBeVisible();
  }

  // The on-screen keyboard: Down goes through its keys and out of it; Escape leaves it from any key.
  await page.getByTestId('home-faq').focus();
  await press(page, 'Enter');
  await waitForFaq(page);
  await page.getByTestId('faq-search-open').focus();
  await press(page, 'Enter');
  await expect(page.locator('.keyboard .hg-button').first()).toBeVisible();
  await page.locator('.keyboard .hg-row').nth(2).locator('.hg-button').first().focus();
  await page.waitForTimeout(KEY_GAP_MS);
  await press(page, 'Escape');
  expect(await page.evaluate(() => document.activeElement?.closest('.keyboard') === null), 'Escape leaves the keyboard').toBe(true);
  const formDown = await walk(page, 'ArrowDown', 120);
  const screenControls = await controlsIn(page, 'main');
  expect(formDown, 'Down reaches the last control of the screen').toContain(screenControls.at(-1));
  // Back leaves each screen: the search, the topics, then home.
  await press(page, 'Escape');
  await expect(page.getByTestId('faq-search-open')).toBeVisible();
  await press(page, 'Escape');
  await expect(page.getByTestId('home-faq')).toBeVisible();
  await backToAttract(page);
  await page.close();

  // The data-protection consent of the filing journey: its choices all reached, Back leaves it.
  const filing = await openKiosk(browser, speech.stack.kioskUrl);
  await startSession(filing, 'es');
  await filing.getByTestId('home-file-request').click();
  await filing.locator('[data-testid^="service-"]').first().click();
  await passToDescription(filing);
  await typeOnKeyboard(filing, 'farola apagada');
  await filing.getByTestId('description-next').click();
  await filing.getByTestId('contact-none').click();
  await expect(filing.getByTestId('consent-yes')).toBeVisible();
  await press(filing, 'F2');
  const consentControls = await controlsIn(filing, 'main');
  const consentDown = await walk(filing, 'ArrowDown');
  for (const control of consentControls) expect(consentDown, `Down reaches ${control}`).toContain(control);
  await press(filing, 'Escape');
  await expect(filing.getByTestId('consent-yes'), 'Back leaves the consent screen').toHaveCount(0);
  await expect(filing.getByTestId('contact-none')).toBeVisible();
  await backToAttract(filing);
  await filing.close();
});

/** Records each sound the page makes (oscillator starts, media plays) and whether a warning was visible then. */
function recordSounds(): void {
  const sounds: Array<{ kind: string; visibleWarning: boolean }> = [];
  (window as unknown as { sounds: typeof sounds }).sounds = sounds;
  const visibleWarning = () => document.querySelector('[data-testid="idle-warning"][open]') !== null;
  const start = OscillatorNode.prototype.start;
  OscillatorNode.prototype.start = function (this: OscillatorNode, ...args: [number?]) {
    sounds.push({ kind: 'tone', visibleWarning: visibleWarning() });
    return start.apply(this, args);
  };
  const play = HTMLMediaElement.prototype.play;
  HTMLMediaElement.prototype.play = function (this: HTMLMediaElement) {
    sounds.push({ kind: `media ${this.currentSrc}`, visibleWarning: visibleWarning() });
    return play.call(this);
  };
}

test('checklist 22: every sound has a visual equivalent: the idle tone comes with the visible warning, speech says what is highlighted, and no video or audio clip exists', async ({ browser, speech }, testInfo) => {
  const page = await openKiosk(browser, speech.stack.kioskUrl, { clock: true, initScript: recordSounds });
  const media: string[] = [];
  const noMedia = async (screen: string) => {
    if ((await page.locator('video, audio').count()) > 0) media.push(screen);
  };
  await noMedia('attract');
  // In audio mode speech says only what is highlighted, and the highlight is visible on screen.
  await downTo(page, speech, 'attract-start', 'es');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('language-es')).toBeVisible();
  await page.getByTestId('language-es').click();
  await page.getByTestId('language-es').click();
  await expect(page.getByTestId('home-faq')).toBeVisible();
  await noMedia('home');
  await page.waitForTimeout(KEY_GAP_MS);
  for (let presses = 0; presses < 4; presses += 1) {
    await pressAndHear(page, speech, 'ArrowDown', 'es');
    expect(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.checkVisibility({ visibilityProperty: true, opacityProperty: true }) ?? false), 'the spoken item is visible').toBe(true);
  }
  await page.getByTestId('home-faq').focus();
  await press(page, 'Enter');
  await waitForFaq(page);
  await noMedia('faq');
  expect(await page.evaluate(() => (window as unknown as { sounds: unknown[] }).sounds), 'no sound before the warning').toEqual([]);

  // The idle warning: its tone plays while the warning is on screen, never without it.
  await page.clock.fastForward(IDLE_MS + 1_000);
  const warning = page.getByTestId('idle-warning');
  await expect(warning).toBeVisible();
  await expect(warning).toHaveAttribute('data-sound', /^(played|unavailable)$/);
  const played = (await warning.getAttribute('data-sound')) === 'played';
  testInfo.annotations.push({ type: 'idle tone', description: played ? 'played' : 'no audio device: not played' });
  await expect.poll(() => speech.lastSaid()?.text ?? '').toContain(es.idle.title);
  await expect(warning).toContainText(es.idle.body);
  await snap(page, testInfo, 'checklist-22-warning-with-tone');
  const sounds = await page.evaluate(() => (window as unknown as { sounds: Array<{ kind: string; visibleWarning: boolean }> }).sounds);
  if (played) expect(sounds.length, 'the tone was made').toBeGreaterThan(0);
  expect(sounds.filter((sound) => !sound.visibleWarning), 'sounds without the visible warning').toEqual([]);
  expect(sounds.filter((sound) => sound.kind !== 'tone'), 'media clips (would need captions)').toEqual([]);
  expect(media, 'screens with video or audio elements').toEqual([]);
  await page.getByTestId('idle-extend').click();
  await page.getByTestId('idle-extend').click().catch(() => undefined);
  await backToAttract(page);
  await page.close();
});

/** The accented and other letters each language writes with, beyond a-z. */
const LETTERS: Record<KioskLocale, string> = {
  es: 'áéíóúüñ¿¡',
  ca: 'àèéíïòóúüç·',
  gl: 'áéíóúñü',
  eu: 'ñü',
  en: 'abcdefghijklmnopqrstuvwxyz',
  fr: 'àâæçéèêëîïôœùûüÿ',
  ar: 'ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأإؤئىة',
};

/** Every character key on the keyboard's layers reachable from here: the default layer, shift, the accents and their shift. */
async function keyboardCharacters(page: Page): Promise<string> {
  const characters = new Set<string>();
  const collect = async () => {
    for (const key of await page.locator('.keyboard .hg-button').evaluateAll((buttons) => buttons.map((b) => b.getAttribute('data-skbtn') ?? ''))) {
      if (!key.startsWith('{')) characters.add(key);
    }
  };
  const tapKey = (name: string) => page.locator(`.keyboard .hg-button[data-skbtn="${name}"]`).click();
  await collect();
  if ((await page.locator('.keyboard .hg-button[data-skbtn="{latin}"]').count()) > 0) {
    await tapKey('{latin}');
    await collect();
  }
  await tapKey('{shift}');
  await collect();
  await tapKey('{shift}');
  await tapKey('{accents}');
  await collect();
  await tapKey('{shift}');
  await collect();
  await tapKey('{abc}');
  return [...characters].join('');
}

test('checklist 23: the on-screen keyboard has real buttons named in each language, the letters of every language, no hold-to-repeat, and never covers its field', async ({ browser, speech }, testInfo) => {
  test.setTimeout(240_000);
  const page = await openKiosk(browser, speech.stack.kioskUrl);
  for (const locale of LOCALES) {
    const m = MESSAGES[locale].keyboard;
    await startSession(page, locale);
    await openFaqSearch(page);
    // Real buttons, each with a name; the control keys named in the display language.
    const keys = await page.locator('.keyboard .hg-button').evaluateAll((buttons) =>
      buttons.map((button) => ({ tag: button.tagName, type: button.getAttribute('type'), key: button.getAttribute('data-skbtn') ?? '', name: (button.getAttribute('aria-label') ?? button.textContent ?? '').trim() })),
    );
    expect(keys.length).toBeGreaterThan(30);
    expect(keys.filter((key) => key.tag !== 'BUTTON' || key.name === ''), `${locale}: keys that are not named buttons`).toEqual([]);
    const named = Object.fromEntries(keys.map((key) => [key.key, key.name]));
    expect(named['{bksp}']).toBe(m.backspace);
    expect(named['{space}']).toBe(m.space);
    // Keys that switch layers are named by their face and what they do ("áéñ, Letras con acento"):
    // the visible label is part of the name (WCAG 2.5.3).
    if (locale === 'ar') expect(named['{latin}']).toContain(m.latinName);
    else {
      expect(named['{shift}']).toContain(m.shift);
      expect(named['{accents}']).toContain(m.accentsName);
      expect(named['{arabic}']).toContain(m.arabicName);
    }
    await expect(page.locator('.keyboard')).toHaveAttribute('aria-label', m.name);
    // The language's letters are all there, each a key of its own (no dead keys).
    const characters = await keyboardCharacters(page);
    const missing = [...LETTERS[locale]].filter((letter) => !characters.includes(letter));
    expect(missing, `${locale}: letters missing from the keyboard`).toEqual([]);
    if (locale === 'es' || locale === 'ar') await snap(page, testInfo, `checklist-23-keyboard-${locale}`);
    await backToAttract(page);
  }

  // No hold-to-repeat: a key held down for two seconds types once. Two quick taps type twice (the debounce is off by default).
  await startSession(page, 'es');
  await openFaqSearch(page);
  const a = page.locator('.keyboard .hg-button[data-skbtn="a"]');
  const box = (await a.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.waitForTimeout(2_000);
  await page.mouse.up();
  await expect(page.getByTestId('faq-search-input')).toHaveValue('a');
  await a.click();
  await a.click();
  await expect(page.getByTestId('faq-search-input')).toHaveValue('aaa');

  // Never covers the field: portrait and landscape, normal and large text.
  const covered: string[] = [];
  for (const [orientation, viewport] of [['portrait', PORTRAIT], ['landscape', LANDSCAPE]] as const) {
    await page.setViewportSize(viewport);
    for (const size of ['normal', 'large'] as const) {
      if (size === 'large') {
        await openHelp(page);
        await page.getByTestId('a11y-textSize').click();
        await page.getByTestId('help-close').click();
      }
      await page.locator('.keyboard .hg-button[data-skbtn="e"]').click();
      await page.waitForTimeout(200);
      const geometry = await page.evaluate(() => {
        const field = document.querySelector<HTMLElement>('[data-testid="faq-search-input"]')!.getBoundingClientRect();
        const keyboard = document.querySelector<HTMLElement>('.keyboard')!.getBoundingClientRect();
        const overlap = !(field.bottom <= keyboard.top || field.top >= keyboard.bottom || field.right <= keyboard.left || field.left >= keyboard.right);
        const inView = field.top >= 0 && field.bottom <= window.innerHeight && field.left >= 0 && field.right <= window.innerWidth;
        const top = document.elementFromPoint(field.left + field.width / 2, field.top + field.height / 2);
        return { overlap, inView, onTop: top?.closest('[data-testid="faq-search-input"]') !== null };
      });
      if (geometry.overlap) covered.push(`${orientation} ${size}: the keyboard overlaps the field`);
      if (!geometry.inView) covered.push(`${orientation} ${size}: the field is off screen while typing`);
      if (!geometry.onTop) covered.push(`${orientation} ${size}: something covers the field`);
      await snap(page, testInfo, `checklist-23-field-${orientation}-${size}`);
      if (size === 'large') {
        await openHelp(page);
        await page.getByTestId('a11y-textSize').click();
        await page.getByTestId('help-close').click();
      }
    }
  }
  expect(covered).toEqual([]);
  await page.setViewportSize(PORTRAIT);
  await backToAttract(page);
  await page.close();
});

test('checklist 23: the repeated-key debounce is adjustable to 0.5 s in the kiosk configuration, for the on-screen keyboard and the keypad', async ({ browser, configured }) => {
  await configured.configure({ onScreenKeyDebounceMs: 500, keypadDebounceMs: 500 });
  try {
    const page = await openKiosk(browser, configured.stack.kioskUrl);
    await startSession(page, 'es');
    await openFaqSearch(page);
    const field = page.getByTestId('faq-search-input');
    // A bounce: the same key twice within half a second types once; another key is not a bounce.
    // The presses are timed inside the page, so a busy test machine cannot stretch the gaps.
    const tapTwice = (key: string, gapMs: number) =>
      page.evaluate(
        async ({ key, gapMs }) => {
          const button = document.querySelector<HTMLElement>(`.keyboard .hg-button[data-skbtn="${key}"]`)!;
          const tap = () => {
            for (const type of ['pointerdown', 'pointerup'] as const) button.dispatchEvent(new PointerEvent(type, { bubbles: true, cancelable: true, pointerType: 'mouse', isPrimary: true }));
          };
          tap();
          await new Promise((resolve) => setTimeout(resolve, gapMs));
          tap();
        },
        { key, gapMs },
      );
    await tapTwice('a', 250);
    await expect(field).toHaveValue('a');
    await page.locator('.keyboard .hg-button[data-skbtn="s"]').click();
    await expect(field).toHaveValue('as');
    await page.waitForTimeout(600);
    await tapTwice('s', 650);
    await expect(field).toHaveValue('asss');
    // The keypad, from the Back button at the bottom: Up, Up again 250 ms later (a bounce, ignored;
    // the default 200 ms would take it), then Up 650 ms later (moves).
    await page.getByTestId('faq-back').focus();
    await page.waitForTimeout(600);
    const seen = await page.evaluate(async () => {
      const where = () => {
        const element = document.activeElement as HTMLElement;
        return `${element.dataset.testid ?? ''}|${(element.getAttribute('aria-label') ?? element.innerText).trim()}`;
      };
      const up = () => document.activeElement!.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowUp', bubbles: true }));
      const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
      const places = [where()];
      up();
      places.push(where());
      await wait(250);
      up();
      places.push(where());
      await wait(650);
      up();
      places.push(where());
      return places;
    });
    expect(seen[1], 'the first Up moves').not.toBe(seen[0]);
    expect(seen[2], 'Up again within 0.5 s is a bounce').toBe(seen[1]);
    expect(seen[3], 'Up after 0.5 s moves again').not.toBe(seen[2]);
    await backToAttract(page);
    await page.close();
  } finally {
    await configured.configure(undefined);
  }
});

/** Top edges of the buttons a finger can touch now (the top bar's included; scrolled-away ones are not). */
async function buttonTops(page: Page): Promise<Array<{ id: string; top: number }>> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('.a11y-root button')]
      .filter((button) => {
        if (!button.checkVisibility({ visibilityProperty: true })) return false;
        const rect = button.getBoundingClientRect();
        const hit = document.elementFromPoint(rect.left + rect.width / 2, rect.top + Math.min(rect.height / 2, 10));
        return hit !== null && button.contains(hit);
      })
      .map((button) => ({ id: button.dataset.testid ?? button.innerText, top: button.getBoundingClientRect().top })),
  );
}

test('checklist 25: reach mode keeps every control below 1220 mm, derived from the panel mounting in the kiosk configuration', async ({ browser, configured }, testInfo) => {
  // A panel 900 mm tall whose top edge hangs at 1700 mm: its top (1700 - 1220) / 900 = 53.3 % is out of reach.
  await configured.configure({ panel: { topEdgeHeightMm: 1700, heightMm: 900 } });
  const freeShare = (1700 - 1220) / 900;
  try {
    for (const [orientation, viewport] of [['portrait', PORTRAIT], ['landscape', LANDSCAPE]] as const) {
      const page = await openKiosk(browser, configured.stack.kioskUrl, { viewport });
      await startSession(page, 'es');
      // Without reach mode, controls sit in the top part (so the check below can fail).
      expect((await buttonTops(page)).filter((button) => button.top < viewport.height * freeShare).length).toBeGreaterThan(0);
      await openHelp(page);
      await page.getByTestId('a11y-reach').click();
      await page.getByTestId('help-close').click();
      await expect(page.getByTestId('a11y-root')).toHaveAttribute('data-reach', 'on');
      for (const screen of ['home', 'faq'] as const) {
        if (screen === 'faq') {
          await page.getByTestId('home-faq').click();
          await waitForFaq(page);
        }
        const tops = await buttonTops(page);
        expect(tops.length).toBeGreaterThan(3);
        expect(tops.filter((button) => button.top < viewport.height * freeShare - 1), `${orientation} ${screen}: controls above 1220 mm`).toEqual([]);
        await snap(page, testInfo, `checklist-25-reach-${orientation}-${screen}`);
      }
      await openHelp(page);
      const dialogTop = await page.getByTestId('help-dialog').evaluate((dialog) => dialog.getBoundingClientRect().top);
      expect(dialogTop).toBeGreaterThanOrEqual(viewport.height * freeShare - 1);
      await page.getByTestId('help-close').click();
      await backToAttract(page);
      await page.close();
    }
  } finally {
    await configured.configure(undefined);
  }
});

test('checklist 25: Help and Call staff are in the same place on every screen, in reach mode too', async ({ browser, speech }) => {
  const page = await openKiosk(browser, speech.stack.kioskUrl);
  const places: Record<string, string[]> = { normal: [], reach: [] };
  const where = async (mode: 'normal' | 'reach', screen: string) => {
    for (const id of ['top-help', 'top-call-staff'] as const) {
      await expect(page.getByTestId(id), `${id} on ${screen}`).toBeVisible();
    }
    const rects = await page.evaluate(() =>
      ['top-help', 'top-call-staff'].map((id) => {
        const rect = document.querySelector(`[data-testid="${id}"]`)!.getBoundingClientRect();
        return `${id} ${Math.round(rect.left)},${Math.round(rect.top)} ${Math.round(rect.width)}x${Math.round(rect.height)}`;
      }),
    );
    places[mode]!.push(rects.join(' / '));
  };
  for (const mode of ['normal', 'reach'] as const) {
    if (mode === 'reach') {
      await startSession(page, 'es');
      await openHelp(page);
      await page.getByTestId('a11y-reach').click();
      await page.getByTestId('help-close').click();
    } else {
      await where(mode, 'attract');
      await page.getByTestId('attract-start').click();
      await where(mode, 'language');
      await page.getByTestId('language-es').click();
    }
    await where(mode, 'home');
    await page.getByTestId('home-faq').click();
    await waitForFaq(page);
    await where(mode, 'faq');
    await page.getByTestId('faq-search-open').click();
    await where(mode, 'faq-search');
    await page.getByTestId('faq-back').click();
    await page.getByTestId('faq-back').click().catch(() => undefined);
    await expect(page.getByTestId('home-followUp')).toBeVisible();
    await page.getByTestId('home-followUp').click();
    await where(mode, 'follow-up');
    await backToAttract(page);
    expect(new Set(places[mode]).size, `${mode}: ${places[mode]!.join(' | ')}`).toBe(1);
  }
  await page.close();
});

test('checklist 01: the citizen can hide the screen from Help while the kiosk reads aloud, and turning the voice off shows it again', async ({ browser, speech }, testInfo) => {
  const page = await openKiosk(browser, speech.stack.kioskUrl);
  const root = page.getByTestId('a11y-root');
  await page.getByTestId('attract-start').click();
  await page.getByTestId('language-es').click();
  await expect(page.getByTestId('home-faq')).toBeVisible();
  await openHelp(page);
  // Hiding the screen is offered only while reading aloud: without speech it would leave nothing.
  await expect(page.getByTestId('a11y-curtain')).toHaveCount(0);
  await page.getByTestId('a11y-audio').click();
  await expect(root).toHaveAttribute('data-audio', 'on');
  // Touch and confirm: the touch says the control, Enter presses it.
  await page.getByTestId('a11y-curtain').click();
  await expect.poll(() => speech.lastSaid()?.text ?? '').toContain(es.a11ySpeech.curtain);
  await expect(root).toHaveAttribute('data-curtain', 'off');
  await press(page, 'Enter');
  await expect(root).toHaveAttribute('data-curtain', 'on');
  await expect.poll(() => speech.lastSaid()?.text ?? '').toBe(es.a11ySpeech.curtainOn);
  await snap(page, testInfo, 'checklist-01-curtain-down');
  expect(blank(await page.screenshot()), 'nothing is painted under the curtain').toMatchObject({ blank: true });
  // The kiosk goes on behind it: Escape closes Help, the keys move the highlight and it is said.
  await press(page, 'Escape');
  await expect(page.getByTestId('help-dialog')).toHaveCount(0);
  const before = speech.said().length;
  await press(page, 'ArrowDown');
  await expect.poll(() => speech.said().length).toBeGreaterThan(before);
  expect(blank(await page.screenshot())).toMatchObject({ blank: true });
  // The voice off (F2) lifts the curtain with it.
  await press(page, 'F2');
  await expect(root).toHaveAttribute('data-audio', 'off');
  await expect(root).toHaveAttribute('data-curtain', 'off');
  expect(blank(await page.screenshot()).blank, 'the screen shows again').toBe(false);
  await snap(page, testInfo, 'checklist-01-curtain-up');
  await backToAttract(page);
  await page.close();
});
