import type { Locator, Page } from '@playwright/test';
import { APPOINTMENT_TICKET_TEXT } from '../../kiosk/src/agent/printing/appointment-ticket-text.js';
import { RECEIPT_TEXT } from '../../kiosk/src/agent/printing/receipt-text.js';
import { backToAttract, expect, KEY_GAP_MS, PORTRAIT, press, test, type SpeechStack } from './a11y-helpers.js';
import { snap } from './fixtures.js';
import { passToDescription } from './journey.js';

// Issue 8, checklist items 7, 9 and 24 on the real stack (hub, printer emulator, agent speaking
// through the recording engine), in Spanish, the default language:
// 07 input errors are spoken naming the field and the fix, and focus moves to an error summary;
// 09 everything on the receipt is spoken, before printing (a preview on check-your-answers / the
//    confirm screen) and after (the done screen, its button, F3), for a filed request and a booked
//    appointment, compared line by line with what the printer emulator printed;
// 24 one question per screen, Back on every screen, check-your-answers, a confirmation with the reference.
// Audio mode is on (F2) wherever speech is checked; there a touch only highlights, so controls are
// pressed as a keypad user does: highlighted (focused), then Enter.

interface PrintedLine {
  readonly kind: string;
  readonly text?: string;
}
interface PrintedReceipt {
  readonly id: string;
  readonly text: string;
  readonly lines: PrintedLine[];
}

const ES = RECEIPT_TEXT.es;

async function receipts(speech: SpeechStack): Promise<PrintedReceipt[]> {
  return (await (await fetch(`${speech.stack.printerHttpUrl}/receipts`)).json()) as PrintedReceipt[];
}

/** The printed text lines with words, as on paper: rules and blank lines dropped, padding trimmed. */
function wordsOnPaper(receipt: PrintedReceipt): string[] {
  return receipt.lines
    .filter((line) => line.kind === 'text')
    .map((line) => (line.text ?? '').trim())
    .filter((line) => line !== '' && !/^[-=_\u2500]+$/.test(line));
}

/** What was said after `from` (an index into the speech log). */
function saidSince(speech: SpeechStack, from: number): string[] {
  return speech.said().slice(from).map((said) => said.text ?? '');
}

async function newSession(page: Page, speech: SpeechStack): Promise<void> {
  await page.goto(speech.stack.kioskUrl);
  await page.getByTestId('attract-start').click();
  await page.getByTestId('language-es').click();
}

/** F2: audio mode on, heard. */
async function audioOn(page: Page, speech: SpeechStack): Promise<void> {
  const before = speech.said().length;
  await press(page, 'F2');
  await expect(page.getByTestId('a11y-root')).toHaveAttribute('data-audio', 'on');
  await expect.poll(() => speech.said().length).toBeGreaterThan(before);
}

/** As on the keypad: the control highlighted (DOM focus, which the focus model speaks), then Enter. */
async function pressControl(page: Page, control: Locator): Promise<void> {
  await control.focus();
  await page.waitForTimeout(KEY_GAP_MS);
  await press(page, 'Enter');
}

/**
 * After a failed submit: focus is inside the error summary, one utterance names the field and the
 * fix, the summary's button says both, the field is aria-invalid and described by its message;
 * the button moves focus to the field, which is then spoken with the fix.
 */
async function expectSpokenError(page: Page, speech: SpeechStack, from: number, field: Locator, fieldName: string, fix: string): Promise<void> {
  const summary = page.getByTestId('error-summary');
  await expect(summary).toBeVisible();
  await expect.poll(() => page.evaluate(() => document.activeElement?.closest('[data-testid="error-summary"]') !== null), { message: 'focus is in the error summary' }).toBe(true);
  const squash = (text: string) => text.replace(/\s+/g, ' ').trim();
  await expect
    .poll(() => saidSince(speech, from).some((text) => squash(text).includes(squash(fieldName)) && squash(text).includes(squash(fix))), { message: `"${fieldName}" and "${fix}" are said together` })
    .toBe(true);
  const link = summary.getByTestId('error-summary-link');
  await expect(link).toHaveCount(1);
  await expect(link).toContainText(fieldName);
  await expect(link).toContainText(fix);
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  const described = await field.evaluate((element) =>
    (element.getAttribute('aria-describedby') ?? '')
      .split(/\s+/)
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' '),
  );
  expect(squash(described)).toContain(squash(fix));

  // The summary's button takes focus to the field (for a list, its first choice), which is spoken with the fix.
  const before = speech.said().length;
  await pressControl(page, link);
  const target = await link.getAttribute('data-field');
  await expect.poll(() => page.evaluate(() => document.activeElement?.id ?? '')).toBe(target);
  await expect.poll(() => saidSince(speech, before).some((text) => squash(text).includes(squash(fix)))).toBe(true);
}

/** Checklist 24 on one question screen: one h1, at most one typed field, a visible Back. */
async function expectOneQuestion(page: Page, where: string): Promise<void> {
  await expect(page.locator('main h1'), `${where}: one heading`).toHaveCount(1);
  const typed = page.locator('main input:not([type="hidden"]):visible, main textarea:visible');
  expect(await typed.count(), `${where}: at most one typed answer`).toBeLessThanOrEqual(1);
  const groups = page.locator('main [role="radiogroup"]:visible, main ul.option-list:visible');
  expect((await typed.count()) + (await groups.count()), `${where}: one way to answer (field or choice list)`).toBeLessThanOrEqual(where === 'datetime' ? 1 : 2);
  await expect(page.locator('main .action-start:visible, main [data-testid$="-back"]:visible').first(), `${where}: Back`).toBeVisible();
}

test.describe.configure({ mode: 'serial' });

test('checklist 07: a required filing question left empty is spoken with its question and the fix; focus goes to the error summary', async ({ speech, browser }, testInfo) => {
  const page = await browser.newPage({ viewport: PORTRAIT });
  await newSession(page, speech);
  await page.getByTestId('home-file-request').click();
  await page.getByTestId('service-street-lighting').click();
  // The service's first screen is information; the second a required choice.
  await page.getByTestId('question-next').click();
  const meta = page.locator('[data-testid="question-meta"][data-datatype="singlevaluelist"]');
  await expect(meta).toBeVisible();
  await audioOn(page, speech);
  const from = speech.said().length;
  await pressControl(page, page.getByTestId('question-next'));
  const question = (await page.locator('main h1').innerText()).trim();
  const fix = (await page.getByTestId('question-problem').innerText()).trim();
  await snap(page, testInfo, 'checklist-07-required-question');
  await expectSpokenError(page, speech, from, page.locator('main [role="radiogroup"]'), question, fix);
  // Answered, the summary goes and the journey goes on.
  await pressControl(page, page.locator('[data-testid^="answer-option-"]').first());
  await pressControl(page, page.getByTestId('question-next'));
  await expect(meta).toHaveCount(0);
  await backToAttract(page);
  await page.close();
});

test('checklist 07: a number typed wrong on the digit pad is spoken with its question and the fix', async ({ speech, browser }) => {
  const page = await browser.newPage({ viewport: PORTRAIT });
  await newSession(page, speech);
  await page.getByTestId('home-file-request').click();
  await page.getByTestId('service-pavement-damage').click();
  const number = page.locator('[data-testid="question-meta"][data-datatype="number"]');
  for (let skipped = 0; skipped < 6 && !(await number.isVisible()); skipped += 1) {
    const code = await page.getByTestId('question-meta').getAttribute('data-code');
    await page.getByTestId('question-skip').click();
    await expect(page.locator(`[data-testid="question-meta"][data-code="${code ?? ''}"]`)).toHaveCount(0);
  }
  await expect(number).toBeVisible();
  // Two decimal commas: not a number.
  for (const key of ['4', 'comma', 'comma', '5']) await page.getByTestId(`digit-${key}`).click();
  await audioOn(page, speech);
  const from = speech.said().length;
  await pressControl(page, page.getByTestId('question-next'));
  const question = (await page.locator('main h1').innerText()).trim();
  const fix = (await page.getByTestId('question-problem').innerText()).trim();
  await expectSpokenError(page, speech, from, page.getByTestId('answer-number'), question, fix);
  await backToAttract(page);
  await page.close();
});

test('checklist 07: an empty description, an invalid phone and an invalid e-mail are spoken naming the field and the fix', async ({ speech, browser }, testInfo) => {
  const page = await browser.newPage({ viewport: PORTRAIT });
  await newSession(page, speech);
  await page.getByTestId('home-file-request').click();
  await page.getByTestId('service-pavement-damage').click();
  await passToDescription(page);
  await audioOn(page, speech);

  let from = speech.said().length;
  await pressControl(page, page.getByTestId('description-next'));
  const describeLabel = (await page.locator('main label.field-label').innerText()).trim();
  const describeFix = (await page.locator('main .describe-field .problem').innerText()).trim();
  await expectSpokenError(page, speech, from, page.getByTestId('description-input'), describeLabel, describeFix);
  await page.getByTestId('description-input').fill('Baldosa hundida frente al portal');
  await pressControl(page, page.getByTestId('description-next'));

  await pressControl(page, page.getByTestId('contact-sms'));
  await expect(page.getByTestId('contact-input')).toBeVisible();
  await page.getByTestId('contact-input').fill('12');
  from = speech.said().length;
  await pressControl(page, page.getByTestId('contact-next'));
  const phoneLabel = (await page.locator('main label.field-label').innerText()).trim();
  const phoneFix = (await page.getByTestId('contact-input-problem').innerText()).trim();
  await snap(page, testInfo, 'checklist-07-phone');
  await expectSpokenError(page, speech, from, page.getByTestId('contact-input'), phoneLabel, phoneFix);

  await pressControl(page, page.getByTestId('contact-details-back'));
  await pressControl(page, page.getByTestId('contact-email'));
  await page.getByTestId('contact-input').fill('no-es-una-direccion');
  from = speech.said().length;
  await pressControl(page, page.getByTestId('contact-next'));
  const emailLabel = (await page.locator('main label.field-label').innerText()).trim();
  const emailFix = (await page.getByTestId('contact-input-problem').innerText()).trim();
  expect(emailLabel).not.toBe(phoneLabel);
  await expectSpokenError(page, speech, from, page.getByTestId('contact-input'), emailLabel, emailFix);
  await backToAttract(page);
  await page.close();
});

test('checklist 07: an invalid follow-up reference and an invalid document number are spoken naming the field and the fix', async ({ speech, browser }) => {
  const page = await browser.newPage({ viewport: PORTRAIT });
  await newSession(page, speech);
  await page.getByTestId('home-followUp').click();
  await expect(page.getByTestId('follow-up-input')).toBeVisible();
  await audioOn(page, speech);
  await page.getByTestId('follow-up-input').fill('K7QM');
  let from = speech.said().length;
  await pressControl(page, page.getByTestId('follow-up-submit'));
  const referenceLabel = (await page.locator('main label.field-label').innerText()).trim();
  const referenceFix = (await page.getByTestId('follow-up-problem').innerText()).trim();
  await expectSpokenError(page, speech, from, page.getByTestId('follow-up-input'), referenceLabel, referenceFix);
  await backToAttract(page);

  // Check-in with a reference that is not shaped like one: caught before the hub is asked.
  await newSession(page, speech);
  await page.getByTestId('home-appointments').click();
  await page.getByTestId('appt-check-in').click();
  await page.getByTestId('appt-by-reference').click();
  await expect(page.getByTestId('appt-reference-input')).toBeVisible();
  await audioOn(page, speech);
  await page.getByTestId('appt-reference-input').fill('12');
  from = speech.said().length;
  await pressControl(page, page.getByTestId('appt-reference-next'));
  const title = (await page.locator('main h1').innerText()).trim();
  const fix = (await page.getByTestId('appt-reference-problem').innerText()).trim();
  await expectSpokenError(page, speech, from, page.getByTestId('appt-reference-input'), title, fix);
  await backToAttract(page);
  await page.close();
});

test('checklist 09: a filed request\'s receipt is spoken before printing, after printing, by its button and again with F3, line by line as printed', async ({ speech, browser }, testInfo) => {
  const page = await browser.newPage({ viewport: PORTRAIT });
  const printedBefore = (await receipts(speech)).length;
  await newSession(page, speech);
  await page.getByTestId('home-file-request').click();
  await page.getByTestId('service-pavement-damage').click();
  await passToDescription(page);
  await page.getByTestId('description-input').fill('Baldosa suelta en la acera');
  await page.getByTestId('description-next').click();
  await page.getByTestId('contact-none').click();
  await expect(page.getByTestId('consent-yes')).toBeVisible();
  // Audio mode before check-your-answers opens: it reads what the receipt will say.
  await audioOn(page, speech);
  const beforeReview = speech.said().length;
  await pressControl(page, page.getByTestId('consent-yes'));
  await expect(page.getByTestId('review-submit')).toBeVisible();
  await expect.poll(() => saidSince(speech, beforeReview).find((text) => text.startsWith('Su justificante dirá:')), { message: 'the preview is read' }).toBeTruthy();
  const preview = saidSince(speech, beforeReview).find((text) => text.startsWith('Su justificante dirá:'))!;
  await snap(page, testInfo, 'checklist-09-review');

  const beforeDone = speech.said().length;
  await pressControl(page, page.getByTestId('review-submit'));
  await expect(page.getByTestId('done-reference')).toBeVisible({ timeout: 30_000 });
  const reference = (await page.getByTestId('done-reference').innerText()).trim();
  await expect.poll(async () => (await receipts(speech)).length, { timeout: 15_000 }).toBe(printedBefore + 1);
  const paper = wordsOnPaper((await receipts(speech)).at(-1)!);
  expect(paper.join(' ')).toContain(reference);
  await expect.poll(() => saidSince(speech, beforeDone).find((text) => text.startsWith('Su justificante dice:')), { message: 'the receipt is read when done' }).toBeTruthy();
  const after = saidSince(speech, beforeDone).find((text) => text.startsWith('Su justificante dice:'))!;
  await snap(page, testInfo, 'checklist-09-done');

  // After printing: every printed line is said.
  expect(paper.filter((line) => !after.includes(line))).toEqual([]);
  // Before printing: every line but those only filing gives (the reference, its status link, the
  // time of filing and the kiosk's serial); and never a made-up reference.
  const onlyAtFiling = (line: string) =>
    line.includes(reference) || line.startsWith(`${ES.labels.date}:`) || line.startsWith(`${ES.labels.status}:`) || line.includes('://') || line.startsWith(`${ES.labels.kiosk}:`);
  const known = paper.filter((line) => !onlyAtFiling(line));
  expect(known.length).toBeGreaterThanOrEqual(6);
  expect(known.filter((line) => !preview.includes(line))).toEqual([]);
  expect(preview).not.toMatch(/PREVIEW|[0-9A-Z]{4}-[0-9A-Z]{5}-[0-9A-Z]/);

  // F3 repeats it; the button reads it again.
  let from = speech.said().length;
  await press(page, 'F3');
  await expect.poll(() => saidSince(speech, from)).toContain(after);
  from = speech.said().length;
  await pressControl(page, page.getByTestId('read-receipt'));
  await expect.poll(() => saidSince(speech, from)).toContain(after);
  await backToAttract(page);
  await page.close();
});

test('checklist 09: an appointment ticket is spoken on the confirm screen before booking and after it is printed, line by line, and F3 repeats it', async ({ speech, browser }, testInfo) => {
  const page = await browser.newPage({ viewport: PORTRAIT });
  const printedBefore = (await receipts(speech)).length;
  await newSession(page, speech);
  await page.getByTestId('home-appointments').click();
  await page.getByTestId('appt-book').click();
  await page.getByTestId('appt-service-padron').click();
  await page.getByTestId('appt-office-oac-centro').click();
  const firstDay = page.locator('[data-testid^="appt-day-"]').first();
  await expect(firstDay).toBeVisible({ timeout: 15_000 });
  await firstDay.click();
  // The last free time of the day: other spec files book the first ones on this shared stack.
  await page.locator('[data-testid^="appt-time-"][data-start]').last().click();
  await page.getByTestId('appt-name-input').fill('Ana Prueba Ejemplo');
  await page.getByTestId('appt-name-next').click();
  await page.getByTestId('appt-id-dni').click();
  await page.getByTestId('appt-id-number-input').fill('12345678Z');
  await page.getByTestId('appt-id-number-next').click();
  await expect(page.getByTestId('appt-contact-ticket')).toBeVisible();
  await audioOn(page, speech);
  const beforeReview = speech.said().length;
  await pressControl(page, page.getByTestId('appt-contact-ticket'));
  await expect(page.getByTestId('appt-confirm')).toBeVisible();
  await expect.poll(() => saidSince(speech, beforeReview).find((text) => text.startsWith('Su ticket dirá:')), { message: 'the ticket preview is read' }).toBeTruthy();
  const preview = saidSince(speech, beforeReview).find((text) => text.startsWith('Su ticket dirá:'))!;
  // The preview is the ticket, and a ticket never holds personal data.
  expect(preview).not.toContain('Ana Prueba');
  expect(preview).not.toContain('678Z');
  await snap(page, testInfo, 'checklist-09-appointment-review');

  const beforeBooked = speech.said().length;
  await pressControl(page, page.getByTestId('appt-confirm'));
  await expect(page.getByTestId('appt-booked-reference')).toBeVisible({ timeout: 30_000 });
  const reference = (await page.getByTestId('appt-booked-reference').innerText()).trim();
  await expect.poll(async () => (await receipts(speech)).length, { timeout: 15_000 }).toBe(printedBefore + 1);
  const paper = wordsOnPaper((await receipts(speech)).at(-1)!);
  await expect.poll(() => saidSince(speech, beforeBooked).find((text) => text.startsWith('Su ticket dice:')), { message: 'the ticket is read when booked' }).toBeTruthy();
  const after = saidSince(speech, beforeBooked).find((text) => text.startsWith('Su ticket dice:'))!;
  expect(paper.filter((line) => !after.includes(line))).toEqual([]);
  // Before booking: everything but the reference and the kiosk line (its serial is the reference).
  const known = paper.filter((line) => !line.includes(reference) && !line.startsWith(`${APPOINTMENT_TICKET_TEXT.es.kioskLabel}:`));
  expect(known.length).toBeGreaterThanOrEqual(8);
  expect(known.filter((line) => !preview.includes(line))).toEqual([]);
  await snap(page, testInfo, 'checklist-09-appointment-booked');

  const from = speech.said().length;
  await press(page, 'F3');
  await expect.poll(() => saidSince(speech, from)).toContain(after);
  await backToAttract(page);
  await page.close();
});

test('checklist 09: a walk-in turn ticket is read out as printed when it is issued, and F3 repeats it', async ({ speech, browser }, testInfo) => {
  const page = await browser.newPage({ viewport: PORTRAIT });
  const printedBefore = (await receipts(speech)).length;
  await newSession(page, speech);
  await page.getByTestId('home-appointments').click();
  await page.getByTestId('appt-walk-in').click();
  const service = page.locator('.appt-grid [data-testid^="appt-walk-in-"]').first();
  await expect(service).toBeVisible({ timeout: 15_000 });
  await audioOn(page, speech);
  const before = speech.said().length;
  await pressControl(page, service);
  await expect(page.getByTestId('appt-walked-in-turn')).toBeVisible({ timeout: 30_000 });
  const turn = (await page.getByTestId('appt-walked-in-turn').innerText()).trim();
  await expect.poll(async () => (await receipts(speech)).length, { timeout: 15_000 }).toBe(printedBefore + 1);
  const paper = wordsOnPaper((await receipts(speech)).at(-1)!);
  expect(paper.join(' ')).toContain(turn);
  await expect.poll(() => saidSince(speech, before).find((text) => text.startsWith('Su ticket dice:')), { message: 'the turn ticket is read' }).toBeTruthy();
  const after = saidSince(speech, before).find((text) => text.startsWith('Su ticket dice:'))!;
  expect(paper.filter((line) => !after.includes(line))).toEqual([]);
  await snap(page, testInfo, 'checklist-09-turn');
  const from = speech.said().length;
  await press(page, 'F3');
  await expect.poll(() => saidSince(speech, from)).toContain(after);
  await backToAttract(page);
  await page.close();
});

test('checklist 24: one question per screen with Back, check-your-answers before sending, and a confirmation with the reference (filing and booking)', async ({ speech, browser }) => {
  const page = await browser.newPage({ viewport: PORTRAIT });
  await newSession(page, speech);
  await page.getByTestId('home-file-request').click();
  await expect(page.getByTestId('service-pavement-damage')).toBeVisible();
  await expectOneQuestion(page, 'service list');
  await page.getByTestId('service-pavement-damage').click();
  // The six questions of this service, one per screen, each with Back.
  for (const datatype of ['datetime', 'text', 'singlevaluelist', 'multivaluelist', 'number', 'string']) {
    const meta = page.locator(`[data-testid="question-meta"][data-datatype="${datatype}"]`);
    await expect(meta).toBeVisible();
    await expectOneQuestion(page, datatype);
    await page.getByTestId('question-skip').click();
    await expect(meta).toHaveCount(0);
  }
  await expect(page.getByTestId('location-next')).toBeVisible();
  await expectOneQuestion(page, 'location');
  await page.locator('[data-testid^="landmark-"]').first().click();
  await expect(page.getByTestId('description-input')).toBeVisible();
  await expectOneQuestion(page, 'description');
  await page.getByTestId('description-input').fill('Socavón en la calzada');
  await page.getByTestId('description-next').click();
  await expect(page.getByTestId('contact-none')).toBeVisible();
  await expectOneQuestion(page, 'contact channel');
  await page.getByTestId('contact-sms').click();
  await expect(page.getByTestId('contact-input')).toBeVisible();
  await expectOneQuestion(page, 'phone');
  await page.getByTestId('contact-details-back').click();
  await page.getByTestId('contact-none').click();
  await expect(page.getByTestId('consent-yes')).toBeVisible();
  await expect(page.getByTestId('consent-back')).toBeVisible();
  await page.getByTestId('consent-yes').click();
  // Check your answers: every answer with its Change, before anything is sent.
  await expect(page.getByTestId('review-submit')).toBeVisible();
  await expect(page.locator('main h1')).toHaveCount(1);
  await expect(page.getByTestId('review-change-service')).toBeVisible();
  await expect(page.getByTestId('review-change-contact')).toBeVisible();
  await expect(page.getByTestId('review-edit')).toBeVisible();
  await page.getByTestId('review-submit').click();
  await expect(page.getByTestId('done-reference')).toHaveText(/^[0-9A-Z]{4}-[0-9A-Z]{5}-[0-9A-Z]$/, { timeout: 30_000 });
  await backToAttract(page);

  // Booking: service, office, day, time, name, document kind, number, contact, each on its own screen with Back.
  await newSession(page, speech);
  await page.getByTestId('home-appointments').click();
  await page.getByTestId('appt-book').click();
  await expect(page.getByTestId('appt-service-padron')).toBeVisible();
  await expectOneQuestion(page, 'appointment service');
  await page.getByTestId('appt-service-padron').click();
  await expectOneQuestion(page, 'office');
  await page.getByTestId('appt-office-oac-centro').click();
  const firstDay = page.locator('[data-testid^="appt-day-"]').first();
  await expect(firstDay).toBeVisible({ timeout: 15_000 });
  await expectOneQuestion(page, 'day');
  await firstDay.click();
  await expect(page.locator('[data-testid^="appt-time-"][data-start]').first()).toBeVisible();
  await expectOneQuestion(page, 'time');
  // A time in the middle of the day: checklist 09 books the last one, other specs the first ones.
  const times = page.locator('[data-testid^="appt-time-"][data-start]');
  await times.nth(Math.floor((await times.count()) / 2)).click();
  await expect(page.getByTestId('appt-name-input')).toBeVisible();
  await expectOneQuestion(page, 'name');
  await page.getByTestId('appt-name-input').fill('Luis Prueba');
  await page.getByTestId('appt-name-next').click();
  await expect(page.getByTestId('appt-id-dni')).toBeVisible();
  await expectOneQuestion(page, 'document kind');
  await page.getByTestId('appt-id-dni').click();
  await expectOneQuestion(page, 'document number');
  await page.getByTestId('appt-id-number-input').fill('12345678Z');
  await page.getByTestId('appt-id-number-next').click();
  await expect(page.getByTestId('appt-contact-ticket')).toBeVisible();
  await expectOneQuestion(page, 'appointment contact');
  await page.getByTestId('appt-contact-ticket').click();
  await expect(page.getByTestId('appt-review')).toContainText('Luis Prueba');
  await expect(page.getByTestId('appt-confirm')).toBeVisible();
  await page.getByTestId('appt-confirm').click();
  await expect(page.getByTestId('appt-booked-reference')).toHaveText(/^[0-9A-Z]{4}-[0-9A-Z]{5}-[0-9A-Z]$/, { timeout: 30_000 });
  await backToAttract(page);
  await page.close();
});
