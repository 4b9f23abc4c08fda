import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { XMLParser } from 'fast-xml-parser';
import type { NotificationTables } from '../src/modules/notifications/tables.js';
import { auditTrail, parseDetails } from '../src/modules/workflow/audit.js';
import {
  Open311CreatedIdSchema,
  Open311ErrorsSchema,
  Open311RequestListSchema,
  Open311RequestUpdatesSchema,
  Open311UpdateCreatedSchema,
} from '../src/open311/schemas.js';
import { DIALECTS, FORM_HEADERS, createTestHub, form } from './helpers/hub.js';
import type { TestHub } from './helpers/hub.js';
import { fleetHeaders, submission } from './helpers/kiosk.js';

const CONSOLE = { 'content-type': 'application/json', 'x-requested-with': 'console' };
const xml = new XMLParser({
  parseTagValue: false,
  isArray: (_name, jpath) => ['service_request_updates.request_update', 'errors.error'].includes(String(jpath)),
});

// FixMyStreet's servicerequestupdates: GET lists public status changes (never the case's creation
// or anything personal), POST lets a key holder add one, audited and notified like a staff change.
describe.each(DIALECTS)('Open311 servicerequestupdates (%s)', (dialect) => {
  let hub: TestHub;
  let cookie: string;
  let caseId: string;
  const since = new Date(Date.now() - 60_000).toISOString();
  beforeAll(async () => {
    hub = await createTestHub(dialect);
    const login = await hub.app.inject({ method: 'POST', url: '/api/auth/login', headers: CONSOLE, payload: { username: 'admin', password: hub.adminPassword } });
    cookie = `__Host-session=${/^__Host-session=([^;]+);/.exec(String(login.headers['set-cookie']))?.[1] ?? ''}`;
    const created = await hub.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      headers: FORM_HEADERS,
      payload: form({ api_key: hub.apiKey, service_code: 'pavement-damage', lat: '40.4170', long: '-3.7040', description: 'Texto privado de la vecina', email: 'vecina@example.org', privacy_policy_accepted: 'true' }),
    });
    expect(created.statusCode).toBe(201);
    caseId = Open311CreatedIdSchema.parse(created.json())[0]?.service_request_id ?? '';
  });
  afterAll(async () => {
    await hub?.close();
  });

  const getUpdates = (query: string, format = 'json') => hub.app.inject({ method: 'GET', url: `/open311/v2/servicerequestupdates.${format}?${query}` });
  const postUpdate = (fields: Record<string, string>, format = 'json') =>
    hub.app.inject({ method: 'POST', url: `/open311/v2/servicerequestupdates.${format}`, headers: FORM_HEADERS, payload: form(fields) });
  const updatesOf = async (id: string) => {
    const response = await getUpdates(`start_date=${encodeURIComponent(since)}&service_request_id=${id}`);
    expect(response.statusCode).toBe(200);
    return Open311RequestUpdatesSchema.parse(response.json());
  };
  const errorsOf = async (fields: Record<string, string>, status: number) => {
    const response = await postUpdate({ locale: 'en', ...fields });
    expect(response.statusCode).toBe(status);
    return Open311ErrorsSchema.parse(response.json()).map((e) => e.description);
  };

  it('lists no update for a case that was only filed', async () => {
    expect(await updatesOf(caseId)).toEqual([]);
  });

  it('lists a staff status change with its public note, detailed status and a zoned time', async () => {
    const change = await hub.app.inject({
      method: 'POST',
      url: `/api/workflow/cases/${caseId}/status`,
      headers: { ...CONSOLE, cookie },
      payload: { detailedStatus: 'in-progress', publicNote: 'La brigada irá el lunes.', internalNote: 'Nota interna' },
    });
    expect(change.statusCode).toBe(200);
    const updates = await updatesOf(caseId);
    expect(updates).toHaveLength(1);
    expect(updates[0]).toMatchObject({ service_request_id: caseId, status: 'open', description: 'La brigada irá el lunes.', external_status_code: 'in-progress', media_url: '' });
    expect(updates[0]?.update_id).toEqual(expect.any(String));
    expect(updates[0]?.updated_datetime).toMatch(/[+-]\d{2}:\d{2}$|Z$/);
    // Nothing the citizen or staff typed privately is published.
    expect(JSON.stringify(updates)).not.toMatch(/Texto privado|vecina@|Nota interna/);
  });

  it('answers XML with every update wrapped, even when there is none', async () => {
    const many = await getUpdates(`start_date=${encodeURIComponent(since)}`, 'xml');
    expect(many.statusCode).toBe(200);
    expect(many.headers['content-type']).toMatch(/^text\/xml/);
    const parsed = xml.parse(many.body) as { service_request_updates: { request_update: { service_request_id: string }[] } };
    expect(parsed.service_request_updates.request_update.map((u) => u.service_request_id)).toContain(caseId);
    const none = await getUpdates('start_date=2020-01-01T00:00:00Z&end_date=2020-01-02T00:00:00Z', 'xml');
    expect(none.body).toMatch(/<service_request_updates>\s*<\/service_request_updates>|<service_request_updates\/>|<service_request_updates><\/service_request_updates>/);
  });

  it('refuses bad windows as GET requests does (400) and unknown formats (404)', async () => {
    const bad = async (query: string) => {
      const response = await getUpdates(`${query}&locale=en`);
      expect(response.statusCode).toBe(400);
      return Open311ErrorsSchema.parse(response.json()).length;
    };
    expect(await bad('start_date=2025-03-10T00:00:00Z&end_date=2025-03-01T00:00:00Z')).toBe(1);
    expect(await bad('start_date=2025-01-01T00:00:00Z&end_date=2025-06-01T00:00:00Z')).toBe(1);
    expect(await bad('start_date=2025-03-01')).toBe(1);
    expect((await hub.app.inject({ method: 'GET', url: '/open311/v2/servicerequestupdates.csv' })).statusCode).toBe(404);
  });

  it('POST needs a valid api_key (403), a known case (404) and a sane form (400)', async () => {
    expect(await errorsOf({ service_request_id: caseId, status: 'closed' }, 403)).toEqual(['api_key is missing. Ask the town hall for a key.']);
    expect(await errorsOf({ api_key: 'not-a-key', service_request_id: caseId, status: 'closed' }, 403)).toHaveLength(1);
    expect(await errorsOf({ api_key: hub.apiKey, service_request_id: '999999', status: 'closed' }, 404)).toEqual(['We found no request with that number or reference.']);
    expect(await errorsOf({ api_key: hub.apiKey, status: 'closed' }, 400)).toEqual(['The field service_request_id is not valid.']);
    expect(await errorsOf({ api_key: hub.apiKey, service_request_id: caseId }, 400)).toEqual(['The field status is not valid.']);
    expect((await errorsOf({ api_key: hub.apiKey, service_request_id: caseId, status: 'reopened' }, 400))[0]).toMatch(/status.*open, closed/);
    expect((await errorsOf({ api_key: hub.apiKey, service_request_id: caseId, status: 'open', external_status_code: 'resolved' }, 400))[0]).toMatch(/external_status_code/);
    expect(await errorsOf({ api_key: hub.apiKey, service_request_id: caseId, status: 'open', description: '<b>hola</b>' }, 400)).toEqual(['The description cannot contain HTML. Please write plain text.']);
    // Same status and no note: nothing to publish.
    expect(await errorsOf({ api_key: hub.apiKey, service_request_id: caseId, status: 'open' }, 400)).toEqual(['The field description is not valid.']);
    expect((await updatesOf(caseId)).length).toBe(1);
  });

  it('POST closes the case with a note: listed, audited under the key, and the citizen is notified', async () => {
    const response = await postUpdate({ api_key: hub.apiKey, service_request_id: caseId, status: 'FIXED', description: 'Reparado.', email: 'operario@example.org', first_name: 'Operario' }, 'xml');
    expect(response.statusCode).toBe(201);
    const parsed = xml.parse(response.body) as { service_request_updates: { request_update: { update_id: string; service_request_id: string }[] } };
    const [created] = Open311UpdateCreatedSchema.parse(parsed.service_request_updates.request_update);
    expect(created?.service_request_id).toBe(caseId);

    const updates = await updatesOf(caseId);
    expect(updates.at(-1)).toMatchObject({ update_id: created?.update_id, status: 'closed', external_status_code: 'resolved', description: 'Reparado.' });
    const request = Open311RequestListSchema.parse((await hub.app.inject({ method: 'GET', url: `/open311/v2/requests/${caseId}.json` })).json())[0];
    expect(request).toMatchObject({ status: 'closed', detailed_status: 'resolved', status_notes: 'Reparado.' });

    const [audit] = await auditTrail(hub.db, 'villademo', { targetType: 'case', targetId: caseId, limit: 10, offset: 0 });
    expect(audit?.actor_name).toMatch(/^api-key:/);
    if (audit === undefined) throw new Error('no audit row');
    expect(parseDetails(audit)).toMatchObject({ from: 'in-progress', to: 'resolved', via: 'open311-update' });
    expect(JSON.stringify(audit)).not.toMatch(/Reparado|operario@/);

    const queued = await hub.db.withTables<NotificationTables>().selectFrom('notification_outbox').selectAll().where('request_id', '=', caseId).orderBy('created_at').execute();
    expect(queued.map((q) => [q.channel, q.recipient])).toEqual([
      ['email', 'vecina@example.org'],
      ['email', 'vecina@example.org'],
    ]);
    expect(queued.at(-1)?.body).toContain('Reparado.');
  });

  it('POST finds a kiosk case by its receipt reference and keeps a finer status when only a note is added', async () => {
    const filed = await hub.app.inject({ method: 'POST', url: '/fleet/v1/requests', headers: fleetHeaders(hub, 'updates-key-0001'), payload: submission(hub, 1) });
    expect(filed.statusCode).toBe(201);
    const { serviceRequestId, localReference } = filed.json() as { serviceRequestId: string; localReference: string };
    const planned = await postUpdate({ api_key: hub.apiKey, service_request_id: localReference, status: 'open', external_status_code: 'planned' });
    expect(planned.statusCode).toBe(201);
    const note = await postUpdate({ api_key: hub.apiKey, service_request_id: serviceRequestId, status: 'OPEN', description: 'Programado para el jueves.' });
    expect(note.statusCode).toBe(201);
    expect((await updatesOf(serviceRequestId)).map((u) => [u.external_status_code, u.description])).toEqual([
      ['planned', ''],
      ['planned', 'Programado para el jueves.'],
    ]);
  });
});
