import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatInTimeZone } from '../src/http/time.js';
import { appointmentTables } from '../src/modules/appointments/office-repository.js';
import { seedDemoAppointments } from '../src/modules/appointments/seed.js';
import { addDays, localDayOf } from '../src/modules/appointments/zoned-time.js';
import { runNotificationOutbox } from '../src/modules/notifications/outbox.js';
import type { NotificationTables } from '../src/modules/notifications/tables.js';
import type { OutgoingMessage } from '../src/modules/notifications/transport.js';
import { DIALECTS, createTestHub } from './helpers/hub.js';
import type { TestHub } from './helpers/hub.js';
import { MADRID, bookingBody, errorCode, freeSlotsAhead } from './appointments-fixtures.js';
import type { SlotAnswer } from './appointments-fixtures.js';

const OWNER = { idDocumentNumber: '12345678Z' };

// Appointment messages: a confirmation and a day-before reminder, queued with the booking and
// only with consent; a cancelled or moved appointment never gets the reminder of its old time.
describe.each(DIALECTS)('appointment confirmation and reminder (%s)', (dialect) => {
  let hub: TestHub;
  let slots: SlotAnswer[];
  beforeAll(async () => {
    hub = await createTestHub(dialect);
    await seedDemoAppointments(hub.db);
    // From the day after tomorrow: the reminder (10:00 the day before) is then still ahead.
    const firstDay = addDays(localDayOf(new Date(), MADRID), 2);
    slots = (await freeSlotsAhead(hub.app, 'oac-centro', 'tributos', 20)).filter((s) => s.start.slice(0, 10) >= firstDay);
    expect(slots.length).toBeGreaterThan(6);
  });
  afterAll(async () => {
    await hub?.close();
  });

  const nextSlot = () => {
    const slot = slots.shift();
    if (slot === undefined) throw new Error('out of free slots');
    return slot;
  };
  const book = (body: object) => hub.app.inject({ method: 'POST', url: '/public/v1/appointments', payload: body });
  const outbox = (reference: string) =>
    hub.db
      .withTables<NotificationTables>()
      .selectFrom('notification_outbox')
      .selectAll()
      .where('kind', 'in', ['appointment-confirmed', 'appointment-reminder'])
      .where('body', 'like', `%${reference}%`)
      .orderBy('next_attempt_at')
      .execute();

  it('queues a confirmation now and a reminder at 10:00 office time the day before, in the citizen language', async () => {
    const slot = nextSlot();
    const answer = await book(bookingBody('oac-centro', 'tributos', slot.start, { email: 'ana@example.org', consent: true, locale: 'en' }));
    expect(answer.statusCode).toBe(201);
    const { reference } = answer.json() as { reference: string };
    const rows = await outbox(reference);
    expect(rows.map((r) => [r.kind, r.channel, r.recipient, r.state])).toEqual([
      ['appointment-confirmed', 'email', 'ana@example.org', 'pending'],
      ['appointment-reminder', 'email', 'ana@example.org', 'pending'],
    ]);
    const [confirmation, reminder] = rows;
    expect(confirmation?.subject).toBe(`Appointment confirmed ${reference}`);
    expect(Date.parse(confirmation?.next_attempt_at ?? '')).toBeLessThanOrEqual(Date.now());
    expect(formatInTimeZone(reminder?.next_attempt_at ?? '', MADRID).slice(0, 19)).toBe(`${addDays(slot.start.slice(0, 10), -1)}T10:00:00`);
    // Neither the name nor the document goes into a message.
    for (const row of rows) expect(`${row.subject} ${row.body}`).not.toMatch(/Ana Prueba|12345678/);
  });

  it('sends the confirmation at once and holds the reminder until its time', async () => {
    const slot = nextSlot();
    const answer = await book(bookingBody('oac-centro', 'tributos', slot.start, { phone: '+34 600 111 222', consent: true }));
    expect(answer.statusCode).toBe(201);
    const { reference } = answer.json() as { reference: string };
    const sent: OutgoingMessage[] = [];
    const sms = { send: async (m: OutgoingMessage) => void sent.push(m), close: async () => {} };
    await runNotificationOutbox(hub.db, { sms }, new Date());
    expect(sent.filter((m) => m.body.includes(reference)).map((m) => m.to)).toEqual(['+34600111222']);
    const [, reminder] = await outbox(reference);
    expect(reminder?.state).toBe('pending');
    await runNotificationOutbox(hub.db, { sms }, new Date(reminder?.next_attempt_at ?? ''));
    const mine = sent.filter((m) => m.body.includes(reference));
    expect(mine).toHaveLength(2);
    expect(mine[1]?.body).toMatch(/^Recordatorio: cita/);
  });

  it('queues nothing without consent, or when the citizen chose no messages', async () => {
    for (const extra of [{ email: 'sin@example.org' }, { email: 'sin@example.org', consent: false }, { email: 'none@example.org', consent: true, notificationChannel: 'none' }]) {
      const answer = await book(bookingBody('oac-centro', 'tributos', nextSlot().start, extra));
      expect(answer.statusCode).toBe(201);
      expect(await outbox((answer.json() as { reference: string }).reference)).toEqual([]);
    }
  });

  it('refuses a channel without its address or without consent (400), booking nothing', async () => {
    const slot = slots[0];
    if (slot === undefined) throw new Error('out of free slots');
    for (const extra of [{ notificationChannel: 'sms', consent: true }, { notificationChannel: 'email', email: 'ana@example.org' }, { email: 'not-an-address', consent: true }]) {
      const answer = await book(bookingBody('oac-centro', 'tributos', slot.start, extra));
      expect([answer.statusCode, errorCode(answer.body)]).toEqual([400, 'invalid']);
    }
    const still = await freeSlotsAhead(hub.app, 'oac-centro', 'tributos', 20);
    expect(still.some((s) => s.start === slot.start)).toBe(true);
  });

  it('cancelling cancels what is still waiting; a confirmation already sent stays as it was', async () => {
    const answer = await book(bookingBody('oac-centro', 'tributos', nextSlot().start, { email: 'ana@example.org', consent: true }));
    const { reference } = answer.json() as { reference: string };
    const sent: OutgoingMessage[] = [];
    await runNotificationOutbox(hub.db, { email: { send: async (m: OutgoingMessage) => void sent.push(m), close: async () => {} } }, new Date());
    expect(sent.filter((m) => m.body.includes(reference))).toHaveLength(1);
    const cancel = await hub.app.inject({ method: 'POST', url: `/public/v1/appointments/${reference}/cancel`, payload: OWNER });
    expect(cancel.statusCode).toBe(200);
    const rows = await outbox(reference);
    expect(rows.map((r) => [r.kind, r.state])).toEqual([['appointment-confirmed', 'sent']]);
    const cancelled = await hub.db.withTables<NotificationTables>().selectFrom('notification_outbox').selectAll().where('kind', '=', 'appointment-reminder').where('state', '=', 'cancelled').execute();
    expect(cancelled.length).toBeGreaterThanOrEqual(1);
    expect(cancelled.every((r) => r.recipient === '' && r.body === '')).toBe(true);
  });

  it('rescheduling confirms and reminds the new time on the same channel, and drops the old reminder', async () => {
    const first = nextSlot();
    const later = nextSlot();
    const answer = await book(bookingBody('oac-centro', 'tributos', first.start, { phone: '600111222', email: 'ana@example.org', notificationChannel: 'sms', consent: true }));
    const { reference } = answer.json() as { reference: string };
    const moved = await hub.app.inject({ method: 'POST', url: `/public/v1/appointments/${reference}/reschedule`, payload: { ...OWNER, start: later.start } });
    expect(moved.statusCode).toBe(200);
    const appointment = await appointmentTables(hub.db).selectFrom('appointments').select('id').where('reference', '=', reference).executeTakeFirstOrThrow();
    const rows = await hub.db
      .withTables<NotificationTables>()
      .selectFrom('notification_outbox')
      .select(['kind', 'channel', 'state', 'dedupe_key'])
      .where('dedupe_key', 'like', `%:${appointment.id}:%`)
      .execute();
    const at = (start: string) => new Date(start).toISOString();
    const summary = rows.map((r) => `${r.kind} ${r.channel} ${r.state} ${r.dedupe_key?.endsWith(at(first.start)) ? 'old' : r.dedupe_key?.endsWith(at(later.start)) ? 'new' : '?'}`);
    expect(summary.sort()).toEqual([
      'appointment-confirmed sms cancelled old',
      'appointment-confirmed sms pending new',
      'appointment-reminder sms cancelled old',
      'appointment-reminder sms pending new',
    ]);
  });
});
