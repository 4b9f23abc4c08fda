import type { Page, TestInfo } from '@playwright/test';
import { REFERENCE_ALPHABET } from '@kiosk/shared';
import { es } from '../../kiosk/src/renderer/i18n/messages/es.js';
import { KEYBOARD_LAYOUT } from '../../kiosk/src/renderer/components/keyboard-layouts.js';
import { test, expect, hideScreen, showScreen, PORTRAIT, backToAttract, type SpeechStack } from './a11y-helpers.js';
import { blank, control, keypadLayout, Listener } from './a11y-hidden-listener.js';
import { screenshotDir } from './fixtures.js';
import { fileAtKiosk } from './kiosk-calls.js';
import { bookOnWeb, hubDatabase, webBookingForNow } from './web-booking.js';

// Checklist item 1 (EN 301 549 5.1.3.1, 5.1.6.1): every citizen journey completed end to end with
// the screen hidden (visibility: hidden on <html>: nothing painted), with keypad keys only, each
// choice made by what the kiosk said. The page and the hub are read only at the end, to check the
// outcome. All in Spanish, the default language: the names listened for are the kiosk's own
// Spanish messages and the demo data's names.

const sheet = (page: Page, testInfo: TestInfo, name: string) => page.screenshot({ path: `${screenshotDir}/${name}.png` }).then((png) => testInfo.attach(name, { body: png, contentType: 'image/png' }).then(() => png));

/** Opens the kiosk, lowers the curtain, checks nothing is painted, and starts audio mode with F1. */
async function curtainDown(page: Page, speech: SpeechStack, testInfo: TestInfo, name: string): Promise<Listener> {
  await page.goto(speech.stack.kioskUrl);
  await expect(page.getByTestId('attract-start')).toBeVisible();
  await hideScreen(page);
  const listener = new Listener(page, speech);
  const png = await sheet(page, testInfo, `hidden-${name}-curtain`);
  expect(blank(png), 'the hidden screen paints nothing').toMatchObject({ blank: true });
  await listener.press('F1');
  expect(listener.last()).toContain(es.a11y.keysHelp);
  return listener;
}

/** From the attract screen to the home screen in Spanish. */
async function startInSpanish(listener: Listener): Promise<void> {
  await listener.choose(control(es.attract.start));
  await listener.hear(es.language.title);
  await listener.choose(control('Español'));
  await listener.hear(es.home.title);
}

/** The curtain is still down at the end (the journey never lifted it), then back to attract for the next test. */
async function curtainStillDown(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  expect(await page.evaluate(() => getComputedStyle(document.documentElement).visibility)).toBe('hidden');
  expect(blank(await sheet(page, testInfo, `hidden-${name}-end`))).toMatchObject({ blank: true });
}

async function lift(page: Page): Promise<void> {
  await showScreen(page);
  await backToAttract(page);
}

test('checklist 01: FAQ (topic, answer, easy read) with the screen hidden, keypad and speech only', async ({ speech, browser }, testInfo) => {
  test.setTimeout(180_000);
  const page = await browser.newPage({ viewport: PORTRAIT });
  const listener = await curtainDown(page, speech, testInfo, 'faq');
  await startInSpanish(listener);
  await listener.choose(control(es.faq.homeButton));
  await listener.hear(es.faq.topicsTitle);
  await listener.choose(control('Certificado de empadronamiento'));
  // The topic's screen: its entries; the procedure sheet is the one to read.
  await listener.choose(control(`${es.faq.kindProcedure} Certificado de empadronamiento`));
  // The sheet is read item by item: its title, then what to bring.
  await listener.seek(/^Certificado de empadronamiento, título de nivel 1/);
  await listener.seek('DNI, NIE o pasaporte en vigor');
  // Enter on the toggle: it says its new name and state.
  const switched = await listener.choose(control(es.faq.easyRead));
  expect(switched).toBe(`${es.faq.fullText}, ${es.a11y.role.button}, ${es.a11y.state.pressed}`);
  await listener.seek('Este papel dice dónde vive usted');

  await curtainStillDown(page, testInfo, 'faq');
  await expect(page.getByTestId('faq-answer')).toHaveAttribute('data-mode', 'easy-read');
  await lift(page);
  await page.close();
});

/** A reference as the kiosk prints it (K7QM-000A4-R) or an appointment's (C1TA-00C1S-D), found in what was said. */
const REFERENCE = /\b([0-9A-Z]{4}-[0-9A-Z]{5}-[0-9A-Z])\b/;
const TURN = /\b([A-Z]-\d{3})\b/;

/** The on-screen keyboard's lower-case letters, its control keys named as they are spoken. */
const LETTERS = keypadLayout(KEYBOARD_LAYOUT.default, {
  '{bksp}': es.keyboard.backspace,
  '{shift}': es.keyboard.shift,
  '{space}': es.keyboard.space,
  '{accents}': es.keyboard.accentsName,
  '{arabic}': es.keyboard.arabicName,
});
/** The appointments' document keypad (journeys/appointments/IdKeypad.tsx, as printed on its keys). */
const DOCUMENT_KEYS = keypadLayout(['1 2 3 4 5 6 7 8 9 0', 'Q W E R T Y U I O P', 'A S D F G H J K L', 'Z X C V B N M {bksp}'], { '{bksp}': es.keyboard.backspace });
/** The follow-up reference keypad: one row of digits, letters and controls (journeys/follow-up/ReferenceKeypad.tsx). */
const REFERENCE_KEYS = keypadLayout([[...REFERENCE_ALPHABET, '-', es.keyboard.backspace, es.followUp.clear].join(' ')], {});

const DOCUMENT = '12345678Z';

interface PrintedReceipt { text: string; qrPayloads: string[] }
async function receipts(speech: SpeechStack): Promise<PrintedReceipt[]> {
  return (await (await fetch(`${speech.stack.printerHttpUrl}/receipts`)).json()) as PrintedReceipt[];
}

/** The first control after the screen's title (a day, a time): Down until a button is said. */
async function firstChoice(listener: Listener): Promise<string> {
  return listener.seek((text) => text.includes(`, ${es.a11y.role.button}`) && !text.startsWith(es.common.back));
}

/**
 * Goodbye's "Exit": the session ends and audio mode with it (checklist item 11), so nothing is
 * said; F1 then says the keys' help, which it does only on the attract screen.
 */
async function backHomeByEar(listener: Listener): Promise<void> {
  await listener.choose(control(es.goodbye.finish), { expectSpeech: false });
  await listener.press('F1');
  await listener.hear(es.a11y.keysHelp);
  await listener.seek(control(es.attract.start));
}

/** Satisfaction skipped by ear, then goodbye, back to attract (for journeys that are not about them). */
async function leave(listener: Listener): Promise<void> {
  await listener.hear(es.satisfaction.title);
  await listener.choose(control(es.satisfaction.skip));
  await listener.hear(es.goodbye.title);
  await backHomeByEar(listener);
}

test('checklist 01: file a request (questions, place, description typed on the on-screen keyboard, contact, consent, review, reference read out) with the screen hidden', async ({ speech, browser }, testInfo) => {
  test.setTimeout(420_000);
  const page = await browser.newPage({ viewport: PORTRAIT });
  const printedBefore = (await receipts(speech)).length;
  const listener = await curtainDown(page, speech, testInfo, 'file');
  await startInSpanish(listener);
  await listener.choose(control(es.home.fileRequest));
  await listener.hear(es.services.title);
  await listener.choose(control('Limpieza viaria y basura'));
  // Question 1 of 2, which bins (any of them): paper, checked by Enter, then Continue.
  await listener.hear('¿Qué contenedores?');
  const checked = await listener.choose(/^Papel, /);
  expect(checked).toContain(es.a11y.state.checked);
  await listener.choose(control(es.common.next));
  // Question 2 of 2, a number on the digit pad.
  await listener.hear('Bolsas abandonadas');
  await listener.choose(/^3, botón/, { expectSpeech: false });
  await listener.choose(control(es.common.next));
  // The place: a landmark.
  await listener.hear(es.location.title);
  await listener.choose(control('Mercado municipal'));
  // The description, typed key by key on the on-screen keyboard.
  // The description screen starts on its field (the title is the field's label).
  await listener.hear(`${es.describe.label}, ${es.a11y.role.textField}`);
  await listener.type(LETTERS, 'basura');
  await listener.seek(new RegExp(`^${es.describe.label}, ${es.a11y.role.textField}, basura`));
  await listener.choose(control(es.common.next));
  await listener.hear(es.contact.title);
  await listener.choose(control(es.contact.none));
  await listener.hear(es.consent.title);
  await listener.choose((text) => (text.startsWith(es.consent.yes) || text.startsWith(es.consent.understood)) && text.includes(es.a11y.role.button));
  // Check your answers, heard before sending: each answer beside its "Change".
  await listener.hear(es.review.title);
  await listener.seek(/^Papel$/);
  await listener.seek(/^3$/);
  await listener.seek(/^Mercado municipal, Calle del Mercado, 4/);
  await listener.seek(/^basura$/);
  await listener.choose(control(es.review.submit));
  await listener.hear(es.done.title);
  const said = await listener.seek(REFERENCE);
  const reference = REFERENCE.exec(said)![1]!;
  await listener.seek(es.done.receiptPrinted);
  await curtainStillDown(page, testInfo, 'file');

  // The outcome: the hub has the request, the receipt printed with the same reference.
  const found = (await (await fetch(`${speech.stack.hubUrl}/open311/v2/requests/${reference}.json`)).json()) as Array<{ service_code: string }>;
  expect(found[0]?.service_code).toBe('litter');
  const printed = await receipts(speech);
  expect(printed.length).toBe(printedBefore + 1);
  expect(printed.at(-1)?.text).toContain(reference);
  await listener.choose(control(es.done.finish));
  await leave(listener);
  await expect(page.getByTestId('attract-start')).toBeAttached();
  await lift(page);
  await page.close();
});

test('checklist 01: book an appointment (service, office, day, time, name, document, ticket) with the screen hidden', async ({ speech, browser }, testInfo) => {
  test.setTimeout(420_000);
  const page = await browser.newPage({ viewport: PORTRAIT });
  const printedBefore = (await receipts(speech)).length;
  const listener = await curtainDown(page, speech, testInfo, 'book');
  await startInSpanish(listener);
  await listener.choose(control(es.appointments.menuTitle));
  await listener.hear(es.appointments.menuTitle);
  await listener.choose(control(es.appointments.book));
  await listener.hear(es.appointments.serviceTitle);
  await listener.choose(control('Padrón municipal'));
  await listener.hear(es.appointments.officeTitle);
  await listener.choose(control('Oficina de Atención Ciudadana - Ayuntamiento'));
  await listener.hear(es.appointments.dayTitle);
  await firstChoice(listener);
  await listener.press('Enter');
  await listener.hear(es.appointments.timeTitle);
  await firstChoice(listener);
  await listener.press('Enter');
  await listener.hear(es.appointments.nameTitle);
  await listener.type(LETTERS, 'ana');
  await listener.choose(control(es.common.next));
  await listener.hear(es.appointments.idKindTitle);
  await listener.choose(control(es.appointments.kindDni));
  await listener.hear(es.appointments.idNumberTitle);
  await listener.type(DOCUMENT_KEYS, DOCUMENT);
  await listener.choose(control(es.common.next));
  await listener.hear(es.appointments.contactTitle);
  await listener.choose(control(es.appointments.contactTicket));
  await listener.hear(es.appointments.reviewTitle);
  await listener.choose(control(es.appointments.confirm));
  await listener.hear(es.appointments.bookedTitle);
  const booked = REFERENCE.exec(await listener.seek(REFERENCE))![1]!;
  await listener.seek(es.appointments.ticketPrinted);
  await curtainStillDown(page, testInfo, 'book');

  const printed = await receipts(speech);
  expect(printed.length).toBe(printedBefore + 1);
  expect(printed.at(-1)?.qrPayloads).toEqual([`CITA:${booked}`]);
  const db = hubDatabase(speech.stack);
  try {
    expect(db.prepare('SELECT status FROM appointments WHERE reference = ?').get(booked)).toEqual({ status: 'booked' });
  } finally {
    db.close();
  }
  await lift(page);
  await page.close();
});

test('checklist 01: cancel a booking by its reference and document with the screen hidden', async ({ speech, browser }, testInfo) => {
  test.setTimeout(420_000);
  const booked = await bookOnWeb(speech.stack, { service: 'padron', documentNumber: DOCUMENT, locale: 'es' });
  const page = await browser.newPage({ viewport: PORTRAIT });
  const listener = await curtainDown(page, speech, testInfo, 'cancel');
  await startInSpanish(listener);
  await listener.choose(control(es.appointments.menuTitle));
  await listener.hear(es.appointments.menuTitle);
  await listener.choose(control(es.appointments.manage));
  await listener.hear(es.appointments.referenceTitle);
  await listener.type(DOCUMENT_KEYS, booked.replace(/-/g, ''));
  await listener.choose(control(es.common.next));
  await listener.hear(es.appointments.idNumberTitle);
  await listener.type(DOCUMENT_KEYS, DOCUMENT);
  await listener.choose(control(es.common.next));
  await listener.hear(es.appointments.foundTitle);
  await listener.seek(es.appointments.statusBooked);
  await listener.choose(control(es.appointments.cancelChoice));
  await listener.hear(es.appointments.cancelConfirmTitle);
  await listener.choose(control(es.appointments.cancelConfirm));
  await listener.hear(es.appointments.cancelledTitle);
  await curtainStillDown(page, testInfo, 'cancel');
  const db = hubDatabase(speech.stack);
  try {
    expect(db.prepare('SELECT status FROM appointments WHERE reference = ?').get(booked)).toEqual({ status: 'cancelled' });
  } finally {
    db.close();
  }
  await lift(page);
  await page.close();
});

test('checklist 01: check in with a typed reference, the turn read out, with the screen hidden', async ({ speech, browser }, testInfo) => {
  test.setTimeout(300_000);
  const reference = await webBookingForNow(speech.stack, 'es');
  const page = await browser.newPage({ viewport: PORTRAIT });
  const printedBefore = (await receipts(speech)).length;
  const listener = await curtainDown(page, speech, testInfo, 'check-in');
  await startInSpanish(listener);
  await listener.choose(control(es.appointments.menuTitle));
  await listener.hear(es.appointments.menuTitle);
  await listener.choose(control(es.appointments.checkIn));
  await listener.hear(es.appointments.checkInTitle);
  await listener.choose(control(es.appointments.byReference));
  await listener.hear(es.appointments.referenceTitle);
  await listener.type(DOCUMENT_KEYS, reference.replace(/-/g, ''));
  await listener.choose(control(es.common.next));
  await listener.hear(es.appointments.turnTitle);
  const turn = TURN.exec(await listener.seek(TURN))![1]!;
  expect(turn).toMatch(/^B-\d{3}$/);
  await curtainStillDown(page, testInfo, 'check-in');
  const printed = await receipts(speech);
  expect(printed.length).toBe(printedBefore + 1);
  expect(printed.at(-1)?.text).toContain(turn);
  const db = hubDatabase(speech.stack);
  try {
    expect(db.prepare('SELECT status FROM appointments WHERE reference = ?').get(reference)).toEqual({ status: 'checked-in' });
  } finally {
    db.close();
  }
  await lift(page);
  await page.close();
});

test('checklist 01: a walk-in turn with the screen hidden, the turn read out', async ({ speech, browser }, testInfo) => {
  test.setTimeout(240_000);
  const page = await browser.newPage({ viewport: PORTRAIT });
  const printedBefore = (await receipts(speech)).length;
  const listener = await curtainDown(page, speech, testInfo, 'walk-in');
  await startInSpanish(listener);
  await listener.choose(control(es.appointments.menuTitle));
  await listener.hear(es.appointments.menuTitle);
  await listener.choose(control(es.appointments.walkIn));
  await listener.hear(es.appointments.walkInTitle);
  await listener.choose(control('Padrón municipal'));
  await listener.hear(es.appointments.turnTitle);
  const turn = TURN.exec(await listener.seek(TURN))![1]!;
  expect(turn).toMatch(/^A-\d{3}$/);
  await curtainStillDown(page, testInfo, 'walk-in');
  const printed = await receipts(speech);
  expect(printed.length).toBe(printedBefore + 1);
  expect(printed.at(-1)?.text).toContain(turn);
  await lift(page);
  await page.close();
});

test('checklist 01: follow-up by a typed reference, the status read out, with the screen hidden', async ({ speech, browser }, testInfo) => {
  test.setTimeout(300_000);
  const page = await browser.newPage({ viewport: PORTRAIT });
  await page.goto(speech.stack.kioskUrl);
  const filed = await fileAtKiosk(page, { draftId: `e2e-hidden-follow-up-${Date.now()}`, serviceCode: 'litter', description: 'Contenedor lleno', attributes: {}, locale: 'es' });
  expect(filed.sync).toBe('sent');
  const listener = await curtainDown(page, speech, testInfo, 'follow-up');
  await startInSpanish(listener);
  await listener.choose(control(es.followUp.homeButton));
  // The screen starts on its field.
  await listener.hear(`${es.followUp.label}, ${es.a11y.role.textField}`);
  await listener.type(REFERENCE_KEYS, filed.reference.replace(/-/g, ''));
  await listener.choose(control(es.followUp.check));
  await listener.hear(es.followUp.resultTitle);
  await listener.seek(es.followUp.statusReceived);
  await listener.seek(filed.reference);
  await curtainStillDown(page, testInfo, 'follow-up');
  await expect(page.getByTestId('follow-up-status')).toHaveAttribute('data-status', 'received');
  await lift(page);
  await page.close();
});

test('checklist 01: satisfaction and goodbye with the screen hidden, after a journey ends', async ({ speech, browser }, testInfo) => {
  test.setTimeout(240_000);
  const page = await browser.newPage({ viewport: PORTRAIT });
  const listener = await curtainDown(page, speech, testInfo, 'satisfaction');
  await startInSpanish(listener);
  await listener.choose(control(es.faq.homeButton));
  await listener.hear(es.faq.topicsTitle);
  await listener.choose(control('Certificado de empadronamiento'));
  await listener.choose(control(`${es.faq.kindProcedure} Certificado de empadronamiento`));
  await listener.choose(control(es.faq.finish));
  await listener.hear(es.satisfaction.title);
  await listener.choose(control(es.satisfaction.score4));
  await listener.hear(es.goodbye.title);
  await listener.seek(es.goodbye.body);
  await backHomeByEar(listener);
  await curtainStillDown(page, testInfo, 'satisfaction');
  await expect(page.getByTestId('attract-start')).toBeAttached();
  await showScreen(page);
  await expect(page.getByTestId('attract-start')).toBeVisible();
  await page.close();
});

test('checklist 01: Help with the screen hidden: F1 opens the dialog and reads it, Escape closes it and the highlight comes back', async ({ speech, browser }, testInfo) => {
  test.setTimeout(180_000);
  const page = await browser.newPage({ viewport: PORTRAIT });
  const listener = await curtainDown(page, speech, testInfo, 'help');
  await startInSpanish(listener);
  await listener.seek(control(es.faq.homeButton));
  // F1 away from the attract screen opens Help: its title and description are said with its first
  // control, and only its own items can be reached while it is open.
  const opened = listener.texts().length;
  await listener.press('F1');
  await listener.hear(`${es.help.title}. ${es.help.body} ${es.a11y.textSize}, ${es.a11y.role.button}`);
  await listener.seek(es.help.body);
  await listener.seek(control(es.help.callStaff));
  expect(listener.texts().slice(opened).some((text) => text.includes(es.home.fileRequest)), 'nothing behind the dialog was reached').toBe(false);
  expect(blank(await sheet(page, testInfo, 'hidden-help-open')), 'the open dialog is hidden too').toMatchObject({ blank: true });
  // Escape closes it; the highlight is back where it was.
  await listener.press('Escape');
  await listener.hear(control(es.faq.homeButton));
  await curtainStillDown(page, testInfo, 'help');
  await expect(page.getByTestId('help-dialog')).toHaveCount(0);
  await lift(page);
  await page.close();
});
