import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SMTPServer } from 'smtp-server';
import { KIOSK_LOCALES } from '@kiosk/shared';
import type { HubDb } from '../src/db/database.js';
import { changeCaseStatus, createCase } from '../src/modules/cases/service.js';
import { notifyCaseStatusChanged, recordContactPreference } from '../src/modules/notifications/case-notifications.js';
import { createEmailTransport } from '../src/modules/notifications/email-transport.js';
import { enqueueNotification, retryDelayMs, runNotificationOutbox } from '../src/modules/notifications/outbox.js';
import type { NotificationRequest } from '../src/modules/notifications/outbox.js';
import { loadNotificationSettings } from '../src/modules/notifications/settings.js';
import type { OutboxPolicy } from '../src/modules/notifications/settings.js';
import { startNotificationJobs } from '../src/modules/notifications/scheduler.js';
import type { OutboxRunResult } from '../src/modules/notifications/outbox.js';
import { DEFAULT_OUTBOX_POLICY } from '../src/modules/notifications/settings.js';
import { createSmsWebhookTransport } from '../src/modules/notifications/sms-transport.js';
import type { NotificationOutboxTable, NotificationTables } from '../src/modules/notifications/tables.js';
import { renderNotification } from '../src/modules/notifications/templates.js';
import type { NotificationParams } from '../src/modules/notifications/templates.js';
import type { NotificationTransport } from '../src/modules/notifications/transport.js';
import { DIALECTS, createTestHub } from './helpers/hub.js';
import type { TestHub } from './helpers/hub.js';

const TENANT = 'villademo';
const T0 = new Date('2025-06-02T08:00:00.000Z');
const POLICY: OutboxPolicy = { maxAttempts: 3, retryBaseMs: 60_000, retryCapMs: 3_600_000, leaseMs: 300_000, batchSize: 20 };
const at = (ms: number) => new Date(T0.getTime() + ms);

const APPOINTMENT: NotificationParams = {
  kind: 'appointment-confirmed',
  values: { reference: 'CITA-0042', serviceName: 'Padrón', office: 'Plaza Mayor 1', date: '3/6/2025', time: '10:30' },
};

describe('templates (pure)', () => {
  const CASE: NotificationParams = {
    kind: 'case-status-changed',
    values: { reference: 'K7QM-000A4-R', serviceName: 'Alumbrado', statusLabel: 'cerrada', publicNote: 'Reparada.', statusUrl: 'http://127.0.0.1:8080/status/K7QM-000A4-R' },
  };
  const REMINDER: NotificationParams = { ...APPOINTMENT, kind: 'appointment-reminder' };

  it.each(KIOSK_LOCALES)('fills every placeholder of every message in %s', (locale) => {
    for (const params of [CASE, APPOINTMENT, REMINDER]) {
      for (const channel of ['email', 'sms'] as const) {
        const message = renderNotification(locale, channel, params);
        expect(message.body, `${params.kind}/${channel}`).not.toMatch(/\{\w+\}/);
        expect(message.subject).not.toMatch(/\{\w+\}/);
        expect(message.body).toContain(params.values.reference);
        if (channel === 'email') expect(message.subject).toContain(params.values.reference);
      }
    }
    expect(renderNotification(locale, 'email', CASE).body).toContain('Reparada.');
  });

  it('doubles the retry delay and stops at the cap', () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, POLICY))).toEqual([60_000, 120_000, 240_000, 480_000]);
    expect(retryDelayMs(40, POLICY)).toBe(3_600_000);
  });

  it('reads its settings from the environment it is given, with clear errors', () => {
    const settings = loadNotificationSettings({ NOTIFY_SMTP_URL: 'smtp://127.0.0.1:2525', NOTIFY_FROM: 'ayto@villademo.es', NOTIFY_SMS_WEBHOOK_URL: 'http://127.0.0.1:9/sms' });
    expect(settings.smtp?.from).toBe('ayto@villademo.es');
    expect(settings.sms?.token).toBeNull();
    expect(loadNotificationSettings({}).smtp).toBeNull();
    expect(() => loadNotificationSettings({ NOTIFY_SMTP_URL: 'smtp://127.0.0.1:2525' })).toThrow(/NOTIFY_FROM/);
    expect(() => loadNotificationSettings({ NOTIFY_SMS_WEBHOOK_URL: 'ftp://x' })).toThrow(/http/);
    expect(() => loadNotificationSettings({ NOTIFY_MAX_ATTEMPTS: '0' })).toThrow(/NOTIFY_MAX_ATTEMPTS/);
  });
});

interface ReceivedMail {
  readonly to: string[];
  readonly data: string;
}

/** A real SMTP server on loopback; recipients starting with "reject" get a permanent 550. */
async function startSmtp(): Promise<{ server: SMTPServer; port: number; mails: ReceivedMail[] }> {
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (address.address.startsWith('reject')) return callback(Object.assign(new Error('mailbox unavailable'), { responseCode: 550 }));
      return callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), data: Buffer.concat(chunks).toString('utf8') });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.server.address() as AddressInfo).port, mails };
}

/** The SMS provider's webhook: answers the next status of `script` (then 200), records what it got. */
async function startSmsReceiver(): Promise<{ server: http.Server; url: string; received: { body: unknown; auth: string | undefined }[]; script: number[] }> {
  const received: { body: unknown; auth: string | undefined }[] = [];
  const script: number[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ body: JSON.parse(Buffer.concat(chunks).toString('utf8')), auth: request.headers.authorization });
      response.writeHead(script.shift() ?? 200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/sms`, received, script };
}

describe.each(DIALECTS)('notification outbox (%s)', (dialect) => {
  let hub: TestHub;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let sms: Awaited<ReturnType<typeof startSmsReceiver>>;
  let email: NotificationTransport;
  let phone: NotificationTransport;

  const outbox = (db: HubDb) => db.withTables<NotificationTables>();
  const rowOf = (id: string): Promise<NotificationOutboxTable> => outbox(hub.db).selectFrom('notification_outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const request = (overrides: Partial<NotificationRequest>): NotificationRequest => ({
    tenantId: TENANT,
    channel: 'email',
    recipient: 'vecina@example.org',
    consent: true,
    locale: 'es',
    params: APPOINTMENT,
    at: T0,
    ...overrides,
  });
  async function queued(overrides: Partial<NotificationRequest>): Promise<string> {
    const result = await enqueueNotification(hub.db, request(overrides));
    if (!result.queued) throw new Error(`not queued: ${result.reason}`);
    return result.id;
  }

  beforeAll(async () => {
    hub = await createTestHub(dialect);
    smtp = await startSmtp();
    sms = await startSmsReceiver();
    email = createEmailTransport({ url: `smtp://127.0.0.1:${smtp.port}`, from: 'Ayuntamiento <ayto@villademo.es>', timeoutMs: 10_000 });
    phone = createSmsWebhookTransport({ url: sms.url, token: 'provider-secret', timeoutMs: 10_000 });
  });
  beforeEach(async () => {
    // Each test starts with an empty outbox, so "what is due" is only what the test queued.
    await outbox(hub.db).deleteFrom('notification_outbox').execute();
    smtp.mails.length = 0;
    sms.received.length = 0;
    sms.script.length = 0;
  });
  afterEach(() => {
    expect(sms.script).toEqual([]); // every scripted answer was used
  });
  afterAll(async () => {
    await email?.close();
    await new Promise<void>((resolve) => smtp?.server.close(() => resolve()));
    await new Promise<void>((resolve) => sms?.server.close(() => resolve()));
    await hub?.close();
  });

  it('sends an e-mail over SMTP in the citizen language and marks it sent', async () => {
    const id = await queued({ locale: 'fr' });
    const result = await runNotificationOutbox(hub.db, { email }, T0, POLICY);
    expect(result).toEqual({ sent: 1, retrying: 0, dead: 0, cancelled: 0 });
    expect(smtp.mails).toHaveLength(1);
    expect(smtp.mails[0]?.to).toEqual(['vecina@example.org']);
    expect(smtp.mails[0]?.data).toContain('Subject: =?UTF-8?');
    expect(smtp.mails[0]?.data).toContain('CITA-0042');
    expect(smtp.mails[0]?.data).toMatch(/Content-Language: fr/i);
    const row = await rowOf(id);
    expect(row).toMatchObject({ state: 'sent', attempts: 1, last_error: null, sent_at: T0.toISOString() });
    // Nothing is sent twice.
    expect(await runNotificationOutbox(hub.db, { email }, at(3_600_000), POLICY)).toEqual({ sent: 0, retrying: 0, dead: 0, cancelled: 0 });
  });

  it('queues nothing without consent, with an invalid address, or twice for the same dedupe key', async () => {
    expect(await enqueueNotification(hub.db, request({ consent: false }))).toEqual({ queued: false, reason: 'no-consent' });
    expect(await enqueueNotification(hub.db, request({ recipient: 'not an address' }))).toEqual({ queued: false, reason: 'invalid-recipient' });
    expect(await enqueueNotification(hub.db, request({ channel: 'sms', recipient: '12' }))).toEqual({ queued: false, reason: 'invalid-recipient' });
    expect((await enqueueNotification(hub.db, request({ dedupeKey: 'appointment-reminder:CITA-0042' }))).queued).toBe(true);
    expect(await enqueueNotification(hub.db, request({ dedupeKey: 'appointment-reminder:CITA-0042' }))).toEqual({ queued: false, reason: 'duplicate' });
    await runNotificationOutbox(hub.db, { email }, T0, POLICY);
    expect(smtp.mails).toHaveLength(1);
  });

  it('retries SMS with exponential backoff and delivers on the third attempt', async () => {
    sms.script.push(500, 502);
    const id = await queued({ channel: 'sms', recipient: '+34 600 11 22 33' });
    expect((await runNotificationOutbox(hub.db, { sms: phone }, T0, POLICY)).retrying).toBe(1);
    expect(await rowOf(id)).toMatchObject({ state: 'pending', attempts: 1, last_error: 'webhook HTTP 500', next_attempt_at: at(60_000).toISOString() });

    // Not due yet: nothing is posted.
    expect(await runNotificationOutbox(hub.db, { sms: phone }, at(59_999), POLICY)).toEqual({ sent: 0, retrying: 0, dead: 0, cancelled: 0 });
    expect(sms.received).toHaveLength(1);

    expect((await runNotificationOutbox(hub.db, { sms: phone }, at(60_000), POLICY)).retrying).toBe(1);
    expect((await rowOf(id)).next_attempt_at).toBe(at(60_000 + 120_000).toISOString());
    expect((await runNotificationOutbox(hub.db, { sms: phone }, at(180_000), POLICY)).sent).toBe(1);

    expect(await rowOf(id)).toMatchObject({ state: 'sent', attempts: 3 });
    expect(sms.received).toHaveLength(3);
    expect(sms.received[2]).toEqual({
      auth: 'Bearer provider-secret',
      body: { id, to: '+34600112233', text: expect.stringContaining('CITA-0042') as unknown, locale: 'es' },
    });
  });

  it('gives up after the maximum attempts and keeps only an error code, no personal data', async () => {
    sms.script.push(503, 503, 503);
    const id = await queued({ channel: 'sms', recipient: '+34600112233' });
    await runNotificationOutbox(hub.db, { sms: phone }, T0, POLICY);
    await runNotificationOutbox(hub.db, { sms: phone }, at(60_000), POLICY);
    expect((await runNotificationOutbox(hub.db, { sms: phone }, at(180_000), POLICY)).dead).toBe(1);
    const row = await rowOf(id);
    expect(row).toMatchObject({ state: 'dead', attempts: 3, last_error: 'webhook HTTP 503' });
    expect(await runNotificationOutbox(hub.db, { sms: phone }, at(10 * 3_600_000), POLICY)).toEqual({ sent: 0, retrying: 0, dead: 0, cancelled: 0 });
  });

  it('gives up at once on a permanent refusal (SMTP 550, webhook 400) without quoting the address', async () => {
    const mailId = await queued({ recipient: 'reject-me@example.org' });
    sms.script.push(400);
    const smsId = await queued({ channel: 'sms', recipient: '+34600112233' });
    expect(await runNotificationOutbox(hub.db, { email, sms: phone }, T0, POLICY)).toMatchObject({ dead: 2 });
    const mail = await rowOf(mailId);
    expect(mail).toMatchObject({ state: 'dead', attempts: 1 });
    expect(mail.last_error).toMatch(/^smtp \w+ 550$/);
    expect(mail.last_error).not.toContain('reject-me');
    expect(await rowOf(smsId)).toMatchObject({ state: 'dead', last_error: 'webhook HTTP 400' });
  });

  it('keeps a channel without a transport waiting, and retries an unreachable provider', async () => {
    const waiting = await queued({ channel: 'sms', recipient: '+34600112233' });
    expect(await runNotificationOutbox(hub.db, { email }, T0, POLICY)).toEqual({ sent: 0, retrying: 0, dead: 0, cancelled: 0 });
    expect(await rowOf(waiting)).toMatchObject({ state: 'pending', attempts: 0 });

    const closedPort = await new Promise<number>((resolve) => {
      const probe = http.createServer();
      probe.listen(0, '127.0.0.1', () => {
        const port = (probe.address() as AddressInfo).port;
        probe.close(() => resolve(port));
      });
    });
    const unreachable = createSmsWebhookTransport({ url: `http://127.0.0.1:${closedPort}/sms`, token: null, timeoutMs: 5_000 });
    expect((await runNotificationOutbox(hub.db, { sms: unreachable }, T0, POLICY)).retrying).toBe(1);
    expect(await rowOf(waiting)).toMatchObject({ state: 'pending', attempts: 1, last_error: 'webhook unreachable' });
  });

  it('runs the outbox on its own schedule from the settings, and stops cleanly', async () => {
    await queued({ channel: 'sms', recipient: '+34600112233', at: new Date() });
    let resolveSent: (result: OutboxRunResult) => void = () => undefined;
    const sent = new Promise<OutboxRunResult>((resolve) => (resolveSent = resolve));
    const jobs = startNotificationJobs(
      hub.db,
      { smtp: null, sms: { url: sms.url, token: null, timeoutMs: 10_000 }, outbox: DEFAULT_OUTBOX_POLICY },
      {
        outboxIntervalMs: 10,
        // Retention runs at start too; keep it away from the cases the other tests file.
        retention: { defaultDays: 3650, batchSize: 10 },
        onRun: (job, result) => {
          if (job === 'outbox' && (result as OutboxRunResult).sent > 0) resolveSent(result as OutboxRunResult);
        },
      },
    );
    try {
      expect(Object.keys(jobs.transports)).toEqual(['sms']);
      expect((await sent).sent).toBe(1);
      expect(sms.received).toHaveLength(1);
    } finally {
      await jobs.stop();
    }
  });

  describe('case status changes', () => {
    async function fileCaseWithContact(): Promise<string> {
      return hub.db.transaction().execute(async (trx) => {
        const row = await createCase(trx, {
          tenantId: TENANT,
          serviceCode: 'street-lighting',
          channel: 'kiosk',
          description: 'Farola apagada.',
          location: { addressString: 'Calle Mayor 3', addressId: null, lat: null, long: null, officeLocation: false },
          attributes: {},
          mediaUrl: null,
          contact: { firstName: 'Ana', lastName: 'Pérez', email: 'ana@example.org', phone: '+34600000001', accountId: null },
          clientDeviceId: null,
          kiosk: null,
          locale: 'ca',
          receivedAt: T0,
        });
        return row.id;
      });
    }

    it('notifies on the chosen channel in the chosen language, with the public note and the status link', async () => {
      const id = await fileCaseWithContact();
      await recordContactPreference(hub.db, { tenantId: TENANT, requestId: id, channel: 'email', consent: true, locale: 'ca', at: T0 });
      await hub.db.transaction().execute(async (trx) => {
        await changeCaseStatus(trx, TENANT, id, { status: 'closed', detailedStatus: 'resolved', publicNote: 'Hem canviat la bombeta.', at: at(1000) });
        const result = await notifyCaseStatusChanged(trx, TENANT, id, 'http://127.0.0.1:8080/status', at(1000));
        expect(result.queued).toBe(true);
      });
      // The same change notified twice is queued once.
      expect(await notifyCaseStatusChanged(hub.db, TENANT, id, 'http://127.0.0.1:8080/status', at(1000))).toEqual({ queued: false, reason: 'duplicate' });
      expect((await runNotificationOutbox(hub.db, { email }, at(2000), POLICY)).sent).toBe(1);
      const mail = smtp.mails[0]?.data ?? '';
      expect(smtp.mails[0]?.to).toEqual(['ana@example.org']);
      expect(mail).toContain(`http://127.0.0.1:8080/status/${id}`);
      expect(mail).toContain('bombeta');
      expect(mail).toContain('tancada');
    });

    it('sends nothing without consent, and cancels a queued message when consent is withdrawn', async () => {
      const refused = await fileCaseWithContact();
      await recordContactPreference(hub.db, { tenantId: TENANT, requestId: refused, channel: 'sms', consent: false, locale: 'es', at: T0 });
      expect(await notifyCaseStatusChanged(hub.db, TENANT, refused, 'http://h/status', T0)).toEqual({ queued: false, reason: 'no-consent' });

      const silent = await fileCaseWithContact();
      expect(await notifyCaseStatusChanged(hub.db, TENANT, silent, 'http://h/status', T0)).toEqual({ queued: false, reason: 'no-channel' });

      const withdrawn = await fileCaseWithContact();
      await recordContactPreference(hub.db, { tenantId: TENANT, requestId: withdrawn, channel: 'sms', consent: true, locale: 'es', at: T0 });
      const result = await notifyCaseStatusChanged(hub.db, TENANT, withdrawn, 'http://h/status', T0);
      if (!result.queued) throw new Error('expected a queued notification');
      await recordContactPreference(hub.db, { tenantId: TENANT, requestId: withdrawn, channel: 'sms', consent: false, locale: 'es', at: at(1) });
      expect(await runNotificationOutbox(hub.db, { sms: phone }, at(2), POLICY)).toEqual({ sent: 0, retrying: 0, dead: 0, cancelled: 1 });
      expect(sms.received).toHaveLength(0);
      expect(await rowOf(result.id)).toMatchObject({ state: 'cancelled', recipient: '', body: '' });
    });
  });
});
