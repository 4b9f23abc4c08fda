import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Receipt } from '@kiosk/hardware';
import { DEMO_KIOSK_FILE, DemoKioskFileSchema, loadConfig, startHub } from '@kiosk/hub';
import type { RunningHub } from '@kiosk/hub';
import { appointmentHandlers } from '../../src/agent/handlers/appointments.js';
import type { ReceiptPrinter } from '../../src/agent/printing/receipt-printer.js';
import { AppointmentsHubClient } from '../../src/agent/sync/appointments-client.js';

/** The agent's appointments handlers against the real hub (SQLite), with a printer that records. */
let hub: RunningHub;
let hubDir: string;
let token: string;
const printed: Receipt[] = [];
const printer: ReceiptPrinter = {
  print: async (receipt) => (printed.push(receipt), { state: 'printed', reason: null, warning: null }),
  reprintLast: async () => ({ state: 'skipped', reason: 'none', warning: null }),
  health: async () => ({ state: 'ok', reason: null, since: new Date().toISOString() }) as never,
  forgetLast: () => {},
  close: async () => {},
};
const municipality = () => ({ name: 'Ayuntamiento de Villademo', office: '', contact: '', timeZone: 'Europe/Madrid', statusBaseUrl: 'https://sede.example/status' });

function handlers(baseUrl: string, officeCode: string | null = null) {
  return appointmentHandlers({ hub: new AppointmentsHubClient({ baseUrl, token, timeoutMs: 5_000 }), printer, municipality, kioskId: 'kiosk-test', officeCode, publicBaseUrl: () => 'https://sede.example' });
}

beforeAll(async () => {
  hubDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-appointments-'));
  hub = await startHub(loadConfig({ DATA_DIR: hubDir, PORT: '0', HOST: '127.0.0.1', CONSOLE_DIR: path.join(hubDir, 'none') }), { logger: false });
  token = DemoKioskFileSchema.parse(JSON.parse(fs.readFileSync(path.join(hubDir, DEMO_KIOSK_FILE), 'utf8'))).token;
});
afterAll(async () => {
  await hub?.close();
  fs.rmSync(hubDir, { recursive: true, force: true });
});

describe('appointments handlers against the real hub', () => {
  it('books, prints a ticket without personal data, finds, moves and cancels; check-in then says cancelled', async () => {
    const h = handlers(hub.url);
    const offices = await h['appointments.offices']({ locale: 'en' });
    if (!offices.ok) throw new Error(`offices: ${offices.problem}`);
    expect(offices.here).toBe('oac-centro');
    // Walk-ins only here, and only for services that take them: the demo's tributos is by appointment only.
    expect(offices.offices.find((o) => o.code === 'oac-centro')?.services.map((s) => [s.code, s.walkIn])).toEqual([
      ['padron', true],
      ['registro', true],
      ['tributos', false],
    ]);
    expect(offices.offices.find((o) => o.code === 'cc-norte')?.services.some((s) => s.walkIn)).toBe(false);

    const from = new Date().toISOString().slice(0, 10);
    const to = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
    const slots = await h['appointments.slots']({ office: 'oac-centro', service: 'tributos', from, to });
    if (!slots.ok || slots.slots.length < 2) throw new Error('not enough slots');
    const [first, second] = slots.slots;

    const before = printed.length;
    const booked = await h['appointments.book']({
      office: 'oac-centro', service: 'tributos', start: first!.start, name: 'Ana Prueba', idDocument: { kind: 'dni', number: '12345678Z' }, contact: { channel: 'ticket' }, locale: 'fr',
    });
    if (!booked.ok) throw new Error(`book: ${booked.problem}`);
    expect(booked.ticket.state).toBe('printed');
    const ticket = printed[before]!;
    expect(ticket).toMatchObject({ reference: booked.appointment.reference, qrPayload: `CITA:${booked.appointment.reference}`, documentType: 'Rendez-vous', maskedId: null, timeZone: 'Europe/Madrid' });
    expect(Date.parse(ticket.issuedAt)).toBe(Date.parse(first!.start));
    expect(JSON.stringify(ticket)).not.toMatch(/Ana Prueba|678Z/);

    const reference = booked.appointment.reference;
    expect(await h['appointments.find']({ reference, idDocumentNumber: '00000000T', locale: 'es' })).toEqual({ ok: false, problem: 'not-found' });
    const moved = await h['appointments.reschedule']({ reference, idDocumentNumber: '12345678Z', start: second!.start, locale: 'es' });
    expect(moved.ok && Date.parse(moved.appointment.start)).toBe(Date.parse(second!.start));
    expect(printed).toHaveLength(before + 2);
    // The first time is free again; the one now taken is refused as taken.
    const clash = await h['appointments.book']({ office: 'oac-centro', service: 'tributos', start: second!.start, name: 'Otra Persona', idDocument: { kind: 'nie', number: 'X1234567L' }, contact: { channel: 'ticket' }, locale: 'es' });
    expect(clash).toEqual({ ok: false, problem: 'slot-taken' });

    expect((await h['appointments.cancel']({ reference, idDocumentNumber: '12345678Z', locale: 'es' })).ok).toBe(true);
    expect(await h['appointments.checkIn']({ code: { kind: 'reference', reference }, locale: 'es' })).toEqual({ ok: false, problem: 'cancelled' });
    expect(await h['appointments.checkIn']({ code: { kind: 'qr', payload: 'https://example.org/not-ours' }, locale: 'es' })).toEqual({ ok: false, problem: 'invalid-code' });
  });

  it('issues and prints a walk-in turn here, refuses services this office lacks, and says offline when the hub is gone', async () => {
    const h = handlers(hub.url, 'cc-norte');
    const before = printed.length;
    const turn = await h['appointments.walkIn']({ service: 'servicios-sociales', locale: 'ar' });
    if (!turn.ok) throw new Error(`walk-in: ${turn.problem}`);
    expect(turn.turn).toMatchObject({ label: 'S-001', kind: 'walk-in', officeCode: 'cc-norte' });
    expect(printed[before]).toMatchObject({ reference: 'S-001', office: 'Centro Cívico Norte', locale: 'ar' });
    expect(printed[before]?.qrPayload).toMatch(/^https:\/\/sede\.example\/public\/v1\/appointments\/turns\/.+/);
    expect(await h['appointments.walkIn']({ service: 'tributos', locale: 'es' })).toEqual({ ok: false, problem: 'refused' });
    // At the main office tributos exists but is by appointment only: no turn, and the screen can say why.
    const centro = handlers(hub.url, 'oac-centro');
    const printedBefore = printed.length;
    expect(await centro['appointments.walkIn']({ service: 'tributos', locale: 'es' })).toEqual({ ok: false, problem: 'walk-in-not-offered' });
    expect(printed).toHaveLength(printedBefore);

    const gone = handlers('http://127.0.0.1:9');
    expect(await gone['appointments.offices']({ locale: 'es' })).toEqual({ ok: false, problem: 'offline' });
    expect(await gone['appointments.book']({ office: 'oac-centro', service: 'padron', start: new Date().toISOString(), name: 'X', idDocument: { kind: 'dni', number: '12345678Z' }, contact: { channel: 'ticket' }, locale: 'es' })).toEqual({ ok: false, problem: 'offline' });
  });
});
