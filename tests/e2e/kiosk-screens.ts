import type { Page } from '@playwright/test';
import { mintReference, type KioskLocale } from '@kiosk/shared';
import { expect } from './fixtures.js';

// Issue 8's "every screen" sweeps: a walk through every kiosk screen a citizen can reach, in one
// language, calling back on each screen once it is shown. The walk uses the real stack (hub,
// printer emulator, agent): it files a request, books, moves and cancels an appointment, checks
// in, and follows up the request it filed, so it never depends on data another spec left behind.
// The callback may change the accessibility preferences through the Help dialog (they last for the
// session); for modal dialogs other than Help it gets `close`/`reopen` to do so around them.

/** One screen of the walk, as the callback sees it. */
export interface ScreenVisit {
  /** Journey and screen, e.g. `filing/question-number`. */
  readonly name: string;
  /** This screen is the Help dialog itself: the preference switches are on it. */
  readonly help?: boolean;
  /** A modal dialog other than Help: close it (to reach Help) and show it again. */
  readonly dialog?: { close(): Promise<void>; reopen(): Promise<void> };
  /** No Help on this screen (the page could not reach its agent): its preferences cannot change. */
  readonly fixed?: boolean;
}

export type ScreenVisitor = (visit: ScreenVisit) => Promise<void>;

/** The walk's options. The page must have its clock installed (`page.clock.install()`) before the walk: the idle warning is reached by fast-forwarding. */
export interface WalkOptions {
  readonly kioskUrl: string;
  readonly locale: KioskLocale;
  readonly visit: ScreenVisitor;
}

/** A demo service whose questions use all six datatypes and that needs a place (the hub's seed). */
const ALL_DATATYPES_SERVICE = 'pavement-damage';
const IDLE_WARNING_AFTER_MS = 91_000;
const DOCUMENT = '12345678Z';

/** Walks every screen in `locale`; returns the names visited, in order. */
export async function walkKioskScreens(page: Page, options: WalkOptions): Promise<string[]> {
  const visited: string[] = [];
  const visit = async (name: string, extra: Omit<ScreenVisit, 'name'> = {}) => {
    visited.push(name);
    await options.visit({ name, ...extra });
  };
  const { locale } = options;
  const id = (testid: string) => page.getByTestId(testid);

  // The kiosk's link to its agent, through Playwright: a reply can be held back to see the screens
  // a citizen sees while waiting, and when the agent does not answer in time.
  const link = await holdableAgentLink(page);

  // ---- Session 1: attract, language, home, the dialogs, the idle warning, FAQ, filing, closing screens.
  await page.goto(options.kioskUrl);
  await expect(id('attract-start')).toBeVisible();
  // The attract screen's own language switcher: the walk's language, then the dialog shown in it.
  await id('top-language').click();
  await id(`switch-language-${locale}`).click();
  await expect(page.locator('html')).toHaveAttribute('lang', locale);
  await visit('attract');
  const attractDialog = languageDialog(page);
  await attractDialog.reopen();
  await visit('attract/language-dialog', { dialog: attractDialog });
  await attractDialog.close();
  await startSession(page, locale, async () => visit('language'));
  await visit('home');
  await id('top-help').click();
  await expect(id('help-dialog')).toBeVisible();
  await visit('home/help-dialog', { help: true });
  await id('help-close').click();
  await expect(id('help-dialog')).toHaveCount(0);
  await id('top-language').click();
  await expect(id(`switch-language-${locale}`)).toBeVisible();
  await visit('home/language-dialog', { dialog: languageDialog(page) });
  await id('switch-language-close').click();
  const idle = idleWarning(page);
  await idle.reopen();
  await visit('home/idle-warning', { dialog: idle });
  await idle.close();

  await id('home-faq').click();
  await expect(async () => {
    if (await id('faq-retry').isVisible()) await id('faq-retry').click();
    await expect(id('faq-search-open')).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await visit('faq/topics');
  await id('faq-topic-census-certificate').click();
  await expect(id('faq-entry-demo-census-certificate-sheet')).toBeVisible();
  await visit('faq/topic');
  await id('faq-entry-demo-census-certificate-sheet').click();
  await expect(id('faq-sheet')).toBeVisible();
  const title = (await page.getByRole('heading', { level: 1 }).innerText()).trim();
  await visit('faq/answer-sheet');
  if (await id('faq-easy-read').isVisible()) {
    await id('faq-easy-read').click();
    await expect(id('faq-answer')).toHaveAttribute('data-mode', 'easy-read');
    await visit('faq/answer-easy-read');
  }
  await id('faq-useful-no').click();
  await expect(id('faq-feedback-thanks')).toBeVisible();
  await visit('faq/answer-feedback');
  await id('faq-back').click();
  await expect(id('faq-entry-demo-census-certificate-sheet')).toBeVisible();
  await id('faq-back').click();
  await id('faq-search-open').click();
  await expect(id('faq-search-input')).toBeFocused();
  await visit('faq/search-keyboard');
  // The sheet's first word finds it again, in the walk's language.
  await id('faq-search-input').fill(title.split(/\s+/)[0] ?? title);
  await expect(id('faq-entries').locator('button').first()).toBeVisible();
  await visit('faq/search-results');
  await id('faq-search-input').fill('qwxzqwxz');
  await expect(id('faq-no-result')).toBeVisible();
  await visit('faq/search-no-result');
  // The offer to file a request opens the filing journey's service list.
  await id('faq-offer-request').click();

  const service = id(`service-${ALL_DATATYPES_SERVICE}`);
  await expect(service).toBeVisible({ timeout: 15_000 });
  await visit('filing/services');
  await id('services-search-open').click();
  await id('services-search-input').fill('a');
  await visit('filing/services-search');
  await id('services-search-input').fill('qwxz');
  await expect(id('services-search-none')).toBeVisible();
  await visit('filing/services-search-none');
  await id('services-back').click();
  await id('home-file-request').click();
  await service.click();
  const seen = new Set<string>();
  for (let asked = 0; asked < 12; asked += 1) {
    await expect(id('question-meta').or(id('location-next')).first()).toBeVisible();
    if (!(await id('question-meta').isVisible())) break;
    const code = (await id('question-meta').getAttribute('data-code')) ?? '';
    const datatype = (await id('question-meta').getAttribute('data-datatype')) ?? '';
    if (!seen.has(datatype)) {
      await answerQuestion(page, datatype);
      await visit(`filing/question-${datatype}`);
      seen.add(datatype);
    } else {
      await answerQuestion(page, datatype);
    }
    await id('question-next').click();
    await expect(page.locator(`[data-testid="question-meta"][data-code="${code}"]`)).toHaveCount(0);
  }
  expect([...seen].sort(), 'a question of each datatype').toEqual(['datetime', 'multivaluelist', 'number', 'singlevaluelist', 'string', 'text']);
  await expect(id('location-next')).toBeVisible();
  await visit('filing/location');
  await page.locator('[data-testid^="landmark-"]').first().click();
  await expect(id('description-input')).toBeVisible();
  await id('description-input').fill('Baldosa suelta junto al portal 12');
  await visit('filing/describe-keyboard');
  await id('description-next').click();
  await expect(id('contact-none')).toBeVisible();
  await visit('filing/contact');
  await id('contact-email').click();
  await expect(id('contact-input')).toBeVisible();
  await id('contact-input').fill('vecina@example.org');
  await visit('filing/contact-email');
  await id('contact-next').click();
  await expect(id('consent-no')).toBeVisible();
  await visit('filing/consent');
  await id('consent-yes').click();
  await expect(id('review-submit')).toBeVisible();
  await visit('filing/review');
  link.hold('request.file');
  await id('review-submit').click();
  await expect(id('submitting')).toBeVisible();
  await visit('filing/submitting');
  // No answer within the kiosk's call timeout (15 s): the calm failure screen, then a retry.
  await page.clock.fastForward(16_000);
  await expect(id('failed-retry')).toBeVisible();
  await visit('filing/failed');
  link.release();
  await id('failed-retry').click();
  await expect(id('done-reference')).toBeVisible({ timeout: 30_000 });
  const reference = (await id('done-reference').innerText()).trim();
  await visit('filing/done');
  await id('done-finish').click();
  await expect(id('satisfaction-skip')).toBeVisible();
  await visit('satisfaction');
  await id('satisfaction-skip').click();
  await expect(id('goodbye-finish')).toBeVisible();
  await visit('goodbye');
  await id('goodbye-finish').click();
  await expect(id('attract-start')).toBeVisible();

  // ---- Session 2: follow-up of the request just filed: a typo, the status, an unknown reference.
  await startSession(page, locale);
  await id('home-followUp').click();
  await expect(id('follow-up-input')).toBeVisible();
  await visit('follow-up/enter');
  await id('follow-up-input').fill(reference.replace(/.$/, (last) => (last === '0' ? '1' : '0')));
  await id('follow-up-submit').click();
  await expect(id('follow-up-problem')).toBeVisible();
  await visit('follow-up/enter-problem');
  await id('follow-up-input').fill(mintReference('ZZZZ', 1).display);
  await id('follow-up-submit').click();
  await expect(id('follow-up-not-found')).toBeVisible({ timeout: 15_000 });
  await visit('follow-up/not-found');
  await id('follow-up-back').click();
  await id('follow-up-input').fill(reference);
  await id('follow-up-submit').click();
  await expect(id('follow-up-status')).toBeVisible({ timeout: 15_000 });
  await visit('follow-up/status');
  await id('top-start-over').click();
  await expect(id('attract-start')).toBeVisible();

  // ---- Session 3: book an appointment (every step, a field problem, contact by e-mail).
  await openAppointments(page, locale);
  await visit('appointments/menu');
  await id('appt-book').click();
  await expect(id('appt-service-padron')).toBeVisible();
  await visit('appointments/book-service');
  await id('appt-service-padron').click();
  await expect(id('appt-office-oac-centro')).toBeVisible();
  await visit('appointments/book-office');
  await id('appt-office-oac-centro').click();
  const firstDay = page.locator('[data-testid^="appt-day-"]').first();
  await expect(firstDay).toBeVisible({ timeout: 15_000 });
  await visit('appointments/book-day');
  await firstDay.click();
  await expect(id('appt-time-0')).toBeVisible();
  await visit('appointments/book-time');
  await id('appt-time-0').click();
  await expect(id('appt-name-input')).toBeVisible();
  await id('appt-name-next').click();
  await expect(id('appt-name-problem')).toBeVisible();
  await visit('appointments/book-name-problem');
  await id('appt-name-input').fill('Ana Prueba Ejemplo');
  await visit('appointments/book-name-keyboard');
  await id('appt-name-next').click();
  await expect(id('appt-id-dni')).toBeVisible();
  await visit('appointments/book-id-kind');
  await id('appt-id-dni').click();
  await expect(id('appt-id-number-input')).toBeVisible();
  await id('appt-id-number-input').fill(DOCUMENT);
  await visit('appointments/book-id-number-keypad');
  await id('appt-id-number-next').click();
  await expect(id('appt-contact-email')).toBeVisible();
  await visit('appointments/book-contact');
  await id('appt-contact-email').click();
  await expect(id('appt-email-input')).toBeVisible();
  await id('appt-email-input').fill('vecina@example.org');
  await visit('appointments/book-email');
  await id('appt-email-next').click();
  await expect(id('appt-consent-yes')).toBeVisible();
  await visit('appointments/book-consent');
  await id('appt-consent-yes').click();
  await expect(id('appt-confirm')).toBeVisible();
  await visit('appointments/book-review');
  link.hold('appointments.book');
  await id('appt-confirm').click();
  await expect(id('appt-busy')).toBeVisible();
  await visit('appointments/book-busy');
  link.release();
  await expect(id('appt-booked-reference')).toBeVisible({ timeout: 30_000 });
  const booking = (await id('appt-booked-reference').innerText()).trim();
  await visit('appointments/booked-ticket');
  await id('top-start-over').click();
  await expect(id('attract-start')).toBeVisible();

  // ---- Session 4: find that booking, look at cancelling, move it instead.
  await openAppointments(page, locale);
  await findBooking(page, booking, visit);
  await id('appt-cancel').click();
  await expect(id('appt-cancel-confirm')).toBeVisible();
  await visit('appointments/manage-cancel-confirm');
  await id('appt-cancel-keep').click();
  await id('appt-reschedule').click();
  const otherDay = page.locator('[data-testid^="appt-day-"]').last();
  await expect(otherDay).toBeVisible({ timeout: 15_000 });
  await otherDay.click();
  await id('appt-time-0').click();
  await expect(id('appt-reschedule-confirm')).toBeVisible();
  await visit('appointments/manage-reschedule-confirm');
  await id('appt-reschedule-confirm').click();
  await expect(id('appt-rescheduled-reference')).toBeVisible({ timeout: 30_000 });
  await visit('appointments/manage-rescheduled');
  await id('top-start-over').click();
  await expect(id('attract-start')).toBeVisible();

  // ---- Session 5: cancel it; check in with it (refused: cancelled); the document way; a walk-in turn.
  await openAppointments(page, locale);
  await findBooking(page, booking);
  await id('appt-cancel').click();
  await id('appt-cancel-confirm').click();
  await expect(id('appt-cancelled')).toBeVisible({ timeout: 15_000 });
  await visit('appointments/manage-cancelled');
  await id('top-start-over').click();
  await openAppointments(page, locale);
  await id('appt-check-in').click();
  await expect(id('appt-by-reference')).toBeVisible();
  await visit('appointments/check-in');
  await id('appt-by-reference').click();
  await expect(id('appt-reference-input')).toBeVisible();
  await id('appt-reference-input').fill(booking.replace(/-/g, ''));
  await visit('appointments/check-in-reference-keypad');
  await id('appt-reference-next').click();
  await expect(id('appt-problem')).toHaveAttribute('data-problem', 'cancelled', { timeout: 15_000 });
  await visit('appointments/check-in-refused');
  await id('appt-check-in-again').click();
  await id('appt-by-document').click();
  await expect(id('appt-document-input')).toBeVisible();
  await visit('appointments/check-in-document-keypad');
  await id('appt-document-back').click();
  await id('appt-check-in-back').click();
  await expect(id('appt-check-in')).toBeVisible();
  if (await id('appt-walk-in').isVisible()) {
    await id('appt-walk-in').click();
    const walkIn = page.locator('.appt-grid [data-testid^="appt-walk-in-"]').first();
    await expect(walkIn).toBeVisible();
    await visit('appointments/walk-in');
    await walkIn.click();
    await expect(id('appt-walked-in-turn')).toBeVisible({ timeout: 30_000 });
    await visit('appointments/walk-in-turn');
  }
  await id('top-start-over').click();
  await expect(id('attract-start')).toBeVisible();

  // ---- A page that cannot reach its agent (served without its token): "out of service", in the
  // default language only, since no citizen could choose another. Then back to a working kiosk.
  if (locale === 'es') {
    await page.route(options.kioskUrl.replace(/\/?$/, '/'), async (route) => {
      const served = await route.fetch();
      await route.fulfill({ response: served, body: (await served.text()).replace(/<meta name="kiosk-token"[^>]*>/, '') });
    });
    await page.goto(options.kioskUrl);
    await expect(page.locator('.screen-unavailable h1')).toBeVisible();
    await visit('unavailable', { fixed: true });
    await page.unroute(options.kioskUrl.replace(/\/?$/, '/'));
    await page.goto(options.kioskUrl);
    await expect(id('attract-start')).toBeVisible();
  }
  return visited;
}

/**
 * Routes the page's WebSocket to its agent through Playwright, unchanged, except that while a
 * method is held its replies wait until `release()` (or are never delivered if the kiosk gives up).
 */
async function holdableAgentLink(page: Page): Promise<{ hold(method: string): void; release(): void }> {
  let held: string | null = null;
  const waiting: Array<() => void> = [];
  await page.routeWebSocket(/\/agent\?/, (socket) => {
    const agent = socket.connectToServer();
    const methodOf = new Map<string, string>();
    const idOf = (message: string | Buffer): string | undefined => {
      try {
        return (JSON.parse(String(message)) as { id?: string }).id;
      } catch {
        return undefined;
      }
    };
    socket.onMessage((message) => {
      try {
        const call = JSON.parse(String(message)) as { id?: string; method?: string };
        if (call.id !== undefined && call.method !== undefined) methodOf.set(call.id, call.method);
      } catch {
        // Not JSON: passed on as it is.
      }
      agent.send(message);
    });
    agent.onMessage((message) => {
      const id = idOf(message);
      if (held !== null && id !== undefined && methodOf.get(id) === held) waiting.push(() => socket.send(message));
      else socket.send(message);
    });
  });
  return {
    hold: (method) => {
      held = method;
    },
    release: () => {
      held = null;
      for (const deliver of waiting.splice(0)) deliver();
    },
  };
}

/** The language dialog from the top bar, closed and shown again around a change of preferences. */
function languageDialog(page: Page): NonNullable<ScreenVisit['dialog']> {
  return {
    close: async () => {
      await page.getByTestId('switch-language-close').click();
      await expect(page.getByTestId('switch-language-close')).toHaveCount(0);
    },
    reopen: async () => {
      await page.getByTestId('top-language').click();
      await expect(page.getByTestId('switch-language-close')).toBeVisible();
    },
  };
}

/** The idle warning: a minute and a half without a touch (the page's clock), answered by "more time". */
function idleWarning(page: Page): NonNullable<ScreenVisit['dialog']> {
  return {
    close: async () => {
      await page.getByTestId('idle-extend').click();
      await expect(page.getByTestId('idle-warning')).toHaveCount(0);
    },
    reopen: async () => {
      await page.clock.fastForward(IDLE_WARNING_AFTER_MS);
      await expect(page.getByTestId('idle-warning')).toBeVisible();
    },
  };
}

/** From the attract screen to the home screen in `locale`; `onLanguage` runs on the language screen. */
async function startSession(page: Page, locale: KioskLocale, onLanguage?: () => Promise<void>): Promise<void> {
  await page.getByTestId('attract-start').click();
  await expect(page.getByTestId(`language-${locale}`)).toBeVisible();
  await onLanguage?.();
  await page.getByTestId(`language-${locale}`).click();
  await expect(page.getByTestId('home-file-request')).toBeVisible();
}

async function openAppointments(page: Page, locale: KioskLocale): Promise<void> {
  if (!(await page.getByTestId('home-appointments').isVisible())) await startSession(page, locale);
  await page.getByTestId('home-appointments').click();
  await expect(page.getByTestId('appt-check-in')).toBeVisible({ timeout: 15_000 });
}

/** Manage: the booking's reference, then its document, to the "found" screen. */
async function findBooking(page: Page, booking: string, visit?: (name: string) => Promise<void>): Promise<void> {
  await page.getByTestId('appt-manage').click();
  await expect(page.getByTestId('appt-manage-reference-input')).toBeVisible();
  await page.getByTestId('appt-manage-reference-input').fill(booking.replace(/-/g, ''));
  await visit?.('appointments/manage-reference-keypad');
  await page.getByTestId('appt-manage-reference-next').click();
  await expect(page.getByTestId('appt-manage-document-input')).toBeVisible();
  await page.getByTestId('appt-manage-document-input').fill(DOCUMENT);
  await visit?.('appointments/manage-document-keypad');
  await page.getByTestId('appt-manage-document-next').click();
  await expect(page.getByTestId('appt-found-status')).toHaveAttribute('data-status', 'booked', { timeout: 15_000 });
  await visit?.('appointments/manage-found');
}

/** Gives an answer of the datatype, so the screen is seen with its answer shown. */
async function answerQuestion(page: Page, datatype: string): Promise<void> {
  if (datatype === 'datetime') await page.getByTestId('answer-day-1').click();
  else if (datatype === 'number') for (const digit of ['4', 'comma', '5']) await page.getByTestId(`digit-${digit}`).click();
  else if (datatype === 'string' || datatype === 'text') await page.getByTestId('answer-input').fill('Junto al portal 12B');
  else await page.locator('[data-testid^="answer-option-"]').first().click();
}
