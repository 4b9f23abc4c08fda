import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordContactPreference } from '../src/modules/notifications/case-notifications.js';
import type { NotificationTables } from '../src/modules/notifications/tables.js';
import { DIALECTS, createTestHub } from './helpers/hub.js';
import type { TestHub } from './helpers/hub.js';
import { fleetHeaders, submission } from './helpers/kiosk.js';

const CONSOLE = { 'content-type': 'application/json', 'x-requested-with': 'console' };

// A caseworker's status change reaches the citizen: the notification is queued in the same
// transaction as the change, on the channel the citizen chose, and only with consent.
describe.each(DIALECTS)('status changes notify the citizen (%s)', (dialect) => {
  let hub: TestHub;
  let cookie: string;
  beforeAll(async () => {
    hub = await createTestHub(dialect);
    const login = await hub.app.inject({ method: 'POST', url: '/api/auth/login', headers: CONSOLE, payload: { username: 'admin', password: hub.adminPassword } });
    cookie = `__Host-session=${/^__Host-session=([^;]+);/.exec(String(login.headers['set-cookie']))?.[1] ?? ''}`;
  });
  afterAll(async () => {
    await hub?.close();
  });

  async function fileCase(sequence: number, consent: boolean): Promise<string> {
    const answer = await hub.app.inject({ method: 'POST', url: '/fleet/v1/requests', headers: fleetHeaders(hub, `notify-key-${sequence}`), payload: submission(hub, sequence) });
    expect(answer.statusCode).toBe(201);
    const id = (answer.json() as { serviceRequestId: string }).serviceRequestId;
    // Kiosk intake does not carry contact details yet: put them on the case as a web channel would.
    await hub.db.updateTable('service_requests').set({ email: 'ana@example.org' }).where('id', '=', id).execute();
    await recordContactPreference(hub.db, { tenantId: 'villademo', requestId: id, channel: 'email', consent, locale: 'ca', at: new Date() });
    return id;
  }

  const queued = async (id: string) =>
    hub.db.withTables<NotificationTables>().selectFrom('notification_outbox').selectAll().where('request_id', '=', id).execute();

  it('queues one e-mail in the citizen language when consent was given', async () => {
    const id = await fileCase(1, true);
    const change = await hub.app.inject({ method: 'POST', url: `/api/workflow/cases/${id}/status`, headers: { ...CONSOLE, cookie }, payload: { detailedStatus: 'in-progress', publicNote: 'Hi anem' } });
    expect(change.statusCode).toBe(200);
    const rows = await queued(id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ channel: 'email' });
  });

  it('queues nothing without consent', async () => {
    const id = await fileCase(2, false);
    const change = await hub.app.inject({ method: 'POST', url: `/api/workflow/cases/${id}/status`, headers: { ...CONSOLE, cookie }, payload: { detailedStatus: 'resolved' } });
    expect(change.statusCode).toBe(200);
    expect(await queued(id)).toHaveLength(0);
  });
});
