import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiErrorSchema } from '@kiosk/shared';
import { createUser } from '../src/modules/auth/service.js';
import { changeCaseStatus, createCase, findCase } from '../src/modules/cases/service.js';
import { recordContactPreference } from '../src/modules/notifications/case-notifications.js';
import { enqueueNotification } from '../src/modules/notifications/outbox.js';
import { CitizenExportSchema } from '../src/modules/notifications/privacy.js';
import { runRetention, setRetentionDays } from '../src/modules/notifications/retention.js';
import type { NotificationTables } from '../src/modules/notifications/tables.js';
import { DIALECTS, createTestHub } from './helpers/hub.js';
import type { TestHub } from './helpers/hub.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const TENANT = 'villademo';
const CONSOLE = { 'x-requested-with': 'console' };

interface Citizen {
  readonly email: string | null;
  readonly phone?: string | null;
  readonly lastName?: string;
}

describe.each(DIALECTS)('personal data: retention, export and erasure (%s)', (dialect) => {
  let hub: TestHub;
  let adminCookie: string;
  let clerkCookie: string;
  const now = new Date();

  const tables = () => hub.db.withTables<NotificationTables>();

  async function fileCase(citizen: Citizen, filedDaysAgo: number, closedDaysAgo: number | null): Promise<string> {
    return hub.db.transaction().execute(async (trx) => {
      const row = await createCase(trx, {
        tenantId: TENANT,
        serviceCode: 'street-lighting',
        channel: 'web',
        description: 'Vivo en el 3º B y la farola de mi portal no funciona.',
        location: { addressString: 'Calle Mayor 3', addressId: null, lat: 40.1, long: -3.7, officeLocation: false },
        attributes: { LIGHT_STATE: 'off', POLE_NUMBER: 'A-123 junto a mi casa' },
        mediaUrl: 'https://example.org/foto.jpg',
        contact: { firstName: 'Marta', lastName: citizen.lastName ?? 'Gómez', email: citizen.email, phone: citizen.phone ?? '+34600000002', accountId: 'acc-77' },
        clientDeviceId: null,
        kiosk: null,
        locale: 'es',
        receivedAt: new Date(now.getTime() - filedDaysAgo * DAY_MS),
      });
      if (closedDaysAgo !== null) {
        await changeCaseStatus(trx, TENANT, row.id, { status: 'closed', detailedStatus: 'resolved', publicNote: 'Reparada.', at: new Date(now.getTime() - closedDaysAgo * DAY_MS) });
      }
      return row.id;
    });
  }

  async function login(username: string, password: string): Promise<string> {
    const response = await hub.app.inject({ method: 'POST', url: '/api/auth/login', headers: CONSOLE, payload: { username, password } });
    const header = response.headers['set-cookie'];
    const cookie = /^(__Host-session=[^;]+);/.exec((Array.isArray(header) ? header[0] : header) ?? '')?.[1];
    if (cookie === undefined) throw new Error(`login failed: ${response.statusCode}`);
    return cookie;
  }

  const post = (url: string, payload: unknown, cookie = adminCookie) => hub.app.inject({ method: 'POST', url, headers: { ...CONSOLE, cookie }, payload: payload as object });

  beforeAll(async () => {
    hub = await createTestHub(dialect);
    adminCookie = await login('admin', hub.adminPassword);
    await createUser(hub.db, { tenantId: TENANT, username: 'clerk', password: 'a long clerk password', role: 'caseworker' });
    clerkCookie = await login('clerk', 'a long clerk password');
  });
  afterAll(async () => {
    await hub?.close();
  });

  it('anonymises closed cases past the tenant period, keeps the rest, and audits only a count', async () => {
    await setRetentionDays(hub.db, TENANT, 30, now);
    const expired = await fileCase({ email: 'old@example.org' }, 60, 40);
    const recent = await fileCase({ email: 'recent@example.org' }, 20, 10);
    const stillOpen = await fileCase({ email: 'open@example.org' }, 400, null);
    await recordContactPreference(hub.db, { tenantId: TENANT, requestId: expired, channel: 'email', consent: true, locale: 'es', idDocument: '11111111H', at: now });
    const queued = await enqueueNotification(hub.db, {
      tenantId: TENANT,
      channel: 'email',
      recipient: 'old@example.org',
      consent: true,
      locale: 'es',
      params: { kind: 'case-status-changed', values: { reference: expired, serviceName: 'x', statusLabel: 'cerrada', publicNote: null, statusUrl: 'http://h/status/x' } },
      requestId: expired,
      at: now,
    });
    expect(queued.queued).toBe(true);

    const run = await runRetention(hub.db, now);
    expect(run.byTenant[TENANT]).toBe(1);

    const gone = await findCase(hub.db, TENANT, expired);
    expect(gone).toMatchObject({ first_name: null, last_name: null, email: null, phone: null, description: null, account_id: null, media_url: null, status: 'closed' });
    // List answers describe the problem and stay; the free-text answer goes.
    expect(JSON.parse(gone.attributes)).toEqual({ LIGHT_STATE: 'off' });
    expect(gone.address_string).toBe('Calle Mayor 3');
    expect((await findCase(hub.db, TENANT, recent)).email).toBe('recent@example.org');
    expect((await findCase(hub.db, TENANT, stillOpen)).email).toBe('open@example.org');

    const preference = await tables().selectFrom('case_contact_preferences').selectAll().where('request_id', '=', expired).executeTakeFirst();
    expect(preference).toBeUndefined();
    const notification = await tables().selectFrom('notification_outbox').selectAll().where('request_id', '=', expired).executeTakeFirstOrThrow();
    expect(notification).toMatchObject({ state: 'cancelled', recipient: '', body: '' });

    const audit = await tables().selectFrom('privacy_audit').selectAll().where('action', '=', 'retention-anonymised').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ case_count: 1, actor_user_id: null });
    expect(JSON.stringify(audit)).not.toContain('example.org');

    // A second run finds nothing and writes no audit entry.
    expect((await runRetention(hub.db, now)).anonymised).toBe(0);
    expect(await tables().selectFrom('privacy_audit').selectAll().where('action', '=', 'retention-anonymised').execute()).toHaveLength(1);
  });

  it('lets an admin read and change the retention period, within bounds', async () => {
    const put = (closedCaseDays: number) =>
      hub.app.inject({ method: 'PUT', url: '/api/privacy/retention', headers: { ...CONSOLE, cookie: adminCookie }, payload: { closedCaseDays } });
    expect((await put(0)).statusCode).toBe(400);
    expect((await put(90)).json()).toEqual({ closedCaseDays: 90, isDefault: false });
    const get = await hub.app.inject({ method: 'GET', url: '/api/privacy/retention', headers: { cookie: adminCookie } });
    expect(get.json()).toEqual({ closedCaseDays: 90, isDefault: false });
    expect((await hub.app.inject({ method: 'GET', url: '/api/privacy/retention', headers: { cookie: clerkCookie } })).statusCode).toBe(403);
  });

  it('exports by reference + e-mail when no ID document was given, and refuses a wrong e-mail the same way as an unknown case', async () => {
    const first = await fileCase({ email: 'Lucia@Example.org', lastName: 'Sanz' }, 5, null);
    const second = await fileCase({ email: 'lucia@example.org', lastName: 'Sanz' }, 3, 1);
    await fileCase({ email: 'someone-else@example.org' }, 3, null);
    // Same e-mail, but this one was filed with an ID document: the e-mail alone must not reveal it.
    const protectedByDocument = await fileCase({ email: 'lucia@example.org', lastName: 'Sanz' }, 2, null);
    await recordContactPreference(hub.db, { tenantId: TENANT, requestId: protectedByDocument, channel: 'none', consent: false, locale: 'es', idDocument: 'X1234567L', at: now });

    const response = await post('/api/privacy/export', { reference: first, email: 'LUCIA@example.org' });
    expect(response.statusCode).toBe(200);
    const exported = CitizenExportSchema.parse(response.json());
    expect(exported.cases.map((c) => c.id).sort()).toEqual([first, second].sort());
    expect(exported.cases.find((c) => c.id === second)?.history.map((h) => h.status)).toEqual(['open', 'closed']);
    expect(exported.cases[0]).toMatchObject({ lastName: 'Sanz', phone: '+34600000002', description: expect.stringContaining('farola') as unknown });

    const wrong = await post('/api/privacy/export', { reference: first, email: 'other@example.org' });
    const unknown = await post('/api/privacy/export', { reference: '999999', email: 'lucia@example.org' });
    expect(wrong.statusCode).toBe(404);
    expect(unknown.statusCode).toBe(404);
    expect(wrong.json()).toEqual(unknown.json());
    expect((await post('/api/privacy/export', { reference: first })).statusCode).toBe(400);
  });

  it('requires the ID document when one was given, in any spelling, and erases every case of that citizen', async () => {
    const withId = await fileCase({ email: 'pablo@example.org' }, 10, null);
    const otherWithId = await fileCase({ email: null, phone: '+34611111111' }, 8, 2);
    await recordContactPreference(hub.db, { tenantId: TENANT, requestId: withId, channel: 'email', consent: true, locale: 'es', idDocument: '12345678Z', at: now });
    await recordContactPreference(hub.db, { tenantId: TENANT, requestId: otherWithId, channel: 'sms', consent: true, locale: 'es', idDocument: '12345678-z', at: now });

    expect((await post('/api/privacy/export', { reference: withId, email: 'pablo@example.org' })).statusCode).toBe(404);
    expect((await post('/api/privacy/export', { reference: withId, idDocument: '87654321X' })).statusCode).toBe(404);
    const exported = await post('/api/privacy/export', { reference: withId, idDocument: '12.345.678 Z' });
    expect(exported.statusCode).toBe(200);
    expect(CitizenExportSchema.parse(exported.json()).cases.map((c) => c.id).sort()).toEqual([withId, otherWithId].sort());

    expect((await post('/api/privacy/erase', { reference: withId, idDocument: '12345678Z' }, clerkCookie)).statusCode).toBe(403);
    const erased = await post('/api/privacy/erase', { reference: withId, idDocument: '12345678Z' });
    expect(erased.statusCode).toBe(200);
    expect(erased.json()).toEqual({ erased: 2 });
    for (const id of [withId, otherWithId]) {
      expect(await findCase(hub.db, TENANT, id)).toMatchObject({ email: null, phone: null, first_name: null, description: null });
    }
    // Nothing is left to find them by.
    expect((await post('/api/privacy/export', { reference: withId, idDocument: '12345678Z' })).statusCode).toBe(404);

    const audit = await hub.app.inject({ method: 'GET', url: '/api/privacy/audit', headers: { cookie: adminCookie } });
    const entries = (audit.json() as { entries: { action: string; caseCount: number; actorUserId: string | null }[] }).entries;
    expect(entries.filter((e) => e.action === 'privacy-erase')).toEqual([expect.objectContaining({ caseCount: 2, actorUserId: expect.stringMatching(/^user_/) as unknown })]);
    expect(entries.some((e) => e.action === 'privacy-export' && e.caseCount === 2)).toBe(true);
    expect(audit.body).not.toMatch(/example\.org|12345678/);
  });

  it('refuses calls without a session, without the console header, or from another role', async () => {
    const anonymous = await hub.app.inject({ method: 'POST', url: '/api/privacy/export', headers: CONSOLE, payload: { reference: '1', email: 'a@b.org' } });
    expect(anonymous.statusCode).toBe(401);
    const noHeader = await hub.app.inject({ method: 'POST', url: '/api/privacy/erase', headers: { cookie: adminCookie }, payload: { reference: '1', email: 'a@b.org' } });
    expect(noHeader.statusCode).toBe(403);
    expect(ApiErrorSchema.parse(noHeader.json()).error.code).toBe('csrf');
    const clerk = await post('/api/privacy/export', { reference: '1', email: 'a@b.org' }, clerkCookie);
    expect(clerk.statusCode).toBe(403);
  });
});
