import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatIssuedAt, layoutReceiptText, PROFILE_58MM_203DPI, PROFILE_80MM_203DPI, type Receipt } from '@kiosk/hardware';
import { DEMO_KIOSK_FILE, DemoKioskFileSchema, loadConfig, startHub, type RunningHub } from '@kiosk/hub';
import { KIOSK_LOCALES, kioskMethods } from '@kiosk/shared';
import { appointmentHandlers } from '../../src/agent/handlers/appointments.js';
import { receiptHandlers } from '../../src/agent/handlers/receipt.js';
import { buildAppointmentTicket, buildTurnTicket } from '../../src/agent/printing/appointment-tickets.js';
import { buildFilingReceipt, type ReceiptPrinter } from '../../src/agent/printing/receipt-printer.js';
import { createSpokenReceipts, PREVIEW_REFERENCE, previewSpokenLines, receiptSpokenLines, rememberingReceipts } from '../../src/agent/printing/receipt-speech.js';
import { AppointmentsHubClient } from '../../src/agent/sync/appointments-client.js';

const municipality = () => ({ name: 'Ayuntamiento de Villademo', office: 'Oficina de Atención Ciudadana', contact: 'Tel. 010', timeZone: 'Europe/Madrid', statusBaseUrl: 'https://sede.example/status' });

function filingReceipt(locale: (typeof KIOSK_LOCALES)[number], reference = 'K7QM-000A4-R', sequence = 41): Receipt {
  return buildFilingReceipt({ reference, sequence, statusUrl: `https://sede.example/status/${reference}`, locale, issuedAt: new Date('2026-03-02T09:15:00Z'), issuer: municipality(), kioskId: 'kiosk-test' });
}

/** The printed text lines with words (no rules, no QR stand-in, no blank lines), trimmed. */
function printedLines(receipt: Receipt, columns: 48 | 32): string[] {
  const profile = columns === 48 ? PROFILE_80MM_203DPI : PROFILE_58MM_203DPI;
  return layoutReceiptText(receipt, profile, { qrPlaceholder: '' })
    .map((line) => line.trim())
    .filter((line) => line !== '' && !/^-+$/.test(line));
}

describe('the receipt as speech', () => {
  it('says every printed line of the request receipt, the appointment ticket and the turn ticket, on wide and narrow paper', () => {
    const place = { issuer: 'Ayuntamiento de Villademo', officeName: 'OAC Centro', officeAddress: 'Plaza Mayor 1', timeZone: 'Europe/Madrid' };
    for (const locale of KIOSK_LOCALES) {
      const receipts = [
        filingReceipt(locale),
        buildAppointmentTicket({ reference: 'C1TA-00C1S-D', qrPayload: 'CITA:C1TA-00C1S-D', serviceName: 'Tributos', start: '2026-03-05T10:30:00+01:00', place, locale, kioskId: 'kiosk-test' }),
        buildTurnTicket({ label: 'T-007', serviceName: 'Tributos', issuedAt: '2026-03-05T10:31:00+01:00', peopleAhead: 3, estimatedWaitMinutes: 12, statusUrl: 'https://sede.example/public/v1/appointments/turns/abc', place, locale, kioskId: 'kiosk-test' }),
      ];
      for (const receipt of receipts) {
        const spoken = receiptSpokenLines(receipt).join(' ');
        for (const columns of [48, 32] as const) {
          const missing = printedLines(receipt, columns).filter((line) => !spoken.includes(line));
          expect({ locale, document: receipt.documentType, columns, missing }).toEqual({ locale, document: receipt.documentType, columns, missing: [] });
        }
      }
    }
  });

  it('previews a request receipt with every line but the reference, the status link, the serial and the time of filing', () => {
    const real = receiptSpokenLines(filingReceipt('es'));
    const preview = previewSpokenLines({ ...filingReceipt('es', PREVIEW_REFERENCE, 0), serial: PREVIEW_REFERENCE }, true);
    const date = formatIssuedAt(filingReceipt('es'));
    const known = real.filter((line) => !line.includes('K7QM-000A4-R') && !line.includes('#41') && !line.includes(date));
    expect(known.length).toBeGreaterThanOrEqual(7);
    expect(preview).toEqual(known);
    expect(preview.join(' ')).not.toContain(PREVIEW_REFERENCE);
  });

  it('remembers the lines of what was printed until the session ends; a receipt the printer refuses is not kept', async () => {
    const spoken = createSpokenReceipts();
    let refuse = false;
    const inner: ReceiptPrinter = {
      print: async () => {
        if (refuse) throw new Error('invalid receipt');
        return { state: 'failed', reason: 'paper-end', warning: null };
      },
      reprintLast: async () => ({ state: 'skipped', reason: 'none', warning: null }),
      health: async () => ({ state: 'ok', reason: null, since: new Date().toISOString() }) as never,
      forgetLast: () => {},
      close: async () => {},
    };
    const printer = rememberingReceipts(inner, spoken);
    expect(spoken.last()).toBeNull();
    // Out of paper: the citizen can still hear the receipt.
    expect(await printer.print(filingReceipt('en'))).toMatchObject({ state: 'failed' });
    expect(spoken.last()).toEqual(receiptSpokenLines(filingReceipt('en')));
    refuse = true;
    await expect(printer.print(filingReceipt('fr', 'ZZZZ-00000-Z'))).rejects.toThrow();
    expect(spoken.last()).toEqual(receiptSpokenLines(filingReceipt('en')));
    spoken.forget();
    expect(spoken.last()).toBeNull();
  });
});

describe('receipt.text and receipt.preview against the real hub', () => {
  let hub: RunningHub;
  let hubDir: string;
  let token: string;
  beforeAll(async () => {
    hubDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-receipt-speech-'));
    hub = await startHub(loadConfig({ DATA_DIR: hubDir, PORT: '0', HOST: '127.0.0.1', CONSOLE_DIR: path.join(hubDir, 'none') }), { logger: false });
    token = DemoKioskFileSchema.parse(JSON.parse(fs.readFileSync(path.join(hubDir, DEMO_KIOSK_FILE), 'utf8'))).token;
  });
  afterAll(async () => {
    await hub?.close();
    fs.rmSync(hubDir, { recursive: true, force: true });
  });

  it('previews the appointment ticket before booking as the booked ticket says it, less its reference; after booking gives the printed lines', async () => {
    const client = new AppointmentsHubClient({ baseUrl: hub.url, token, timeoutMs: 5_000 });
    const printed: Receipt[] = [];
    const spoken = createSpokenReceipts();
    const printer = rememberingReceipts(
      {
        print: async (receipt) => (printed.push(receipt), { state: 'printed', reason: null, warning: null }),
        reprintLast: async () => ({ state: 'skipped', reason: 'none', warning: null }),
        health: async () => ({ state: 'ok', reason: null, since: new Date().toISOString() }) as never,
        forgetLast: () => {},
        close: async () => {},
      },
      spoken,
    );
    const appointments = appointmentHandlers({ hub: client, printer, municipality, kioskId: 'kiosk-test', officeCode: null, publicBaseUrl: () => 'https://sede.example' });
    const receipts = receiptHandlers({ spoken, municipality, kioskId: 'kiosk-test', hub: client });

    const from = new Date().toISOString().slice(0, 10);
    const to = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
    const slots = await appointments['appointments.slots']({ office: 'oac-centro', service: 'tributos', from, to });
    if (!slots.ok || slots.slots.length === 0) throw new Error('no slots');
    const start = slots.slots[0]!.start;

    const previewParams = kioskMethods['receipt.preview'].params.parse({ kind: 'appointment', locale: 'es', office: 'oac-centro', service: 'tributos', start });
    const preview = await receipts['receipt.preview'](previewParams);
    expect(await receipts['receipt.text']({})).toEqual({ lines: null });

    const booked = await appointments['appointments.book']({ office: 'oac-centro', service: 'tributos', start, name: 'Ana Prueba', idDocument: { kind: 'dni', number: '12345678Z' }, contact: { channel: 'ticket' }, locale: 'es' });
    if (!booked.ok) throw new Error(`book: ${booked.problem}`);
    const after = await receipts['receipt.text']({});
    expect(after.lines).toEqual(receiptSpokenLines(printed.at(-1)!));
    expect(after.lines?.join(' ')).not.toMatch(/Ana Prueba|12345678Z/);
    const reference = booked.appointment.reference;
    expect(preview.lines).toEqual(after.lines?.filter((line) => !line.includes(reference)));
    expect(preview.lines.length).toBeGreaterThanOrEqual(8);

    // Without the hub there is no booking, so no preview either.
    const gone = receiptHandlers({ spoken, municipality, kioskId: 'kiosk-test', hub: new AppointmentsHubClient({ baseUrl: 'http://127.0.0.1:9', token, timeoutMs: 1_000 }) });
    expect(await gone['receipt.preview'](previewParams)).toEqual({ lines: [] });
  });
});
