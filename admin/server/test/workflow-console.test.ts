import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiErrorSchema, BulkResultSchema, CaseDetailSchema, CasePersonalDataSchema, CaseQueueSchema, QueueFilterOptionsSchema } from '@kiosk/shared';
import { createUser } from '../src/modules/auth/service.js';
import { AuditListSchema } from '../src/modules/workflow/contract.js';
import { CONSOLE_HEADERS, DIALECTS, FORM_HEADERS, createTestHub, form, insertOtherTenant, signInStaff } from './helpers/hub.js';
import type { TestHub } from './helpers/hub.js';
import { fleetHeaders, submission } from './helpers/kiosk.js';

// What the console's cases pages need beyond the workflow's basics: the queue's office and SLA
// filters and sorts, the filter options, bulk changes with per-case results, and the logged
// reveal of the citizen's personal data.

const PASSWORD = 'correct horse battery staple';
const DAY_MS = 24 * 3600 * 1000;

describe.each(DIALECTS)('console cases API (%s)', (dialect) => {
  let hub: TestHub;
  let tenantId: string;
  const headers: Record<string, Record<string, string>> = {};
  const userIds: Record<string, string> = {};
  let kioskSequence = 500;

  beforeAll(async () => {
    hub = await createTestHub(dialect);
    const admin = await hub.db.selectFrom('users').select(['id', 'tenant_id']).where('username', '=', 'admin').executeTakeFirstOrThrow();
    tenantId = admin.tenant_id;
    headers['admin'] = await signInStaff(hub, 'admin', hub.adminPassword);
    for (const role of ['caseworker', 'viewer', 'operator', 'editor'] as const) {
      userIds[role] = await createUser(hub.db, { tenantId, username: role, password: PASSWORD, role });
      headers[role] = await signInStaff(hub, role, PASSWORD);
    }
    await insertOtherTenant(hub.db);
    await createUser(hub.db, { tenantId: 'tenant_other', username: 'outsider', password: PASSWORD, role: 'caseworker' });
    headers['outsider'] = await signInStaff(hub, 'outsider', PASSWORD);
    // The demo kiosk stands in the library: its cases belong to that office.
    await hub.db.updateTable('devices').set({ site: 'Biblioteca' }).where('id', '=', hub.kiosk.deviceId).execute();
  });
  afterAll(async () => {
    await hub?.close();
  });

  const get = (who: string, url: string) => hub.app.inject({ method: 'GET', url, headers: { cookie: headers[who]?.['cookie'] ?? '' } });
  const post = (who: string, url: string, payload: object = {}, extra: Record<string, string> = {}) =>
    hub.app.inject({ method: 'POST', url, headers: { ...(headers[who] ?? {}), ...extra }, payload });
  const errorCode = (response: { json(): unknown }) => ApiErrorSchema.parse(response.json()).error.code;

  async function webCase(description = 'Contenedor desbordado'): Promise<string> {
    const response = await hub.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      headers: FORM_HEADERS,
      payload: form({ api_key: hub.apiKey, jurisdiction_id: 'villademo.es', service_code: 'litter', address_string: 'Calle Real 3', description, first_name: 'Lucía', email: 'lucia@example.org' }),
    });
    expect(response.statusCode, response.body).toBe(201);
    return (response.json() as [{ service_request_id: string }])[0].service_request_id;
  }

  async function kioskCase(): Promise<string> {
    kioskSequence += 1;
    const response = await hub.app.inject({ method: 'POST', url: '/fleet/v1/requests', headers: fleetHeaders(hub, `console-key-${kioskSequence}`), payload: submission(hub, kioskSequence) });
    expect(response.statusCode, response.body).toBe(201);
    return (response.json() as { serviceRequestId: string }).serviceRequestId;
  }

  async function requestedDaysAgo(id: string, days: number): Promise<void> {
    const at = new Date(Date.now() - days * DAY_MS).toISOString();
    await hub.db.updateTable('service_requests').set({ requested_at: at }).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
  }

  async function queue(query: string, who = 'caseworker') {
    const response = await get(who, `/api/workflow/cases?page_size=200&${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return CaseQueueSchema.parse(response.json()).cases;
  }
  const ids = async (query: string) => (await queue(query)).map((c) => c.id);

  async function auditOf(id: string) {
    const response = await get('admin', `/api/audit?target_type=case&target_id=${id}`);
    expect(response.statusCode).toBe(200);
    return AuditListSchema.parse(response.json()).entries;
  }

  it('filters by office: the site of the kiosk that filed the case', async () => {
    const kiosk = await kioskCase();
    const web = await webCase();
    expect(await ids('office=Biblioteca')).toContain(kiosk);
    expect(await ids('office=Biblioteca')).not.toContain(web);
    expect(await ids('office=Mercado')).toEqual([]);
    const row = (await queue('office=Biblioteca,Mercado')).find((c) => c.id === kiosk);
    expect(row?.office).toBe('Biblioteca');
    expect((await queue('channel=web')).find((c) => c.id === web)?.office).toBeNull();
    const detail = CaseDetailSchema.parse((await get('viewer', `/api/workflow/cases/${kiosk}`)).json());
    expect(detail.office).toBe('Biblioteca');
    expect((await get('caseworker', `/api/workflow/cases?office=${'x'.repeat(2001)}`)).statusCode).toBe(400);
  });

  it('filters by SLA breach: open cases older than their service promises (litter: 3 days)', async () => {
    const late = await webCase();
    const fresh = await webCase();
    const lateButClosed = await webCase();
    await requestedDaysAgo(late, 4);
    await requestedDaysAgo(lateButClosed, 5);
    expect((await post('caseworker', `/api/workflow/cases/${lateButClosed}/status`, { detailedStatus: 'resolved' })).statusCode).toBe(200);

    const breached = await ids('sla=breached');
    expect(breached).toContain(late);
    expect(breached).not.toContain(fresh);
    expect(breached).not.toContain(lateButClosed);
    const within = await ids('sla=within');
    expect(within).toEqual(expect.arrayContaining([fresh, lateButClosed]));
    expect(within).not.toContain(late);

    const row = (await queue('service=litter')).find((c) => c.id === late);
    expect(row?.slaBreached).toBe(true);
    expect(Date.parse(row?.slaDueAt ?? '') - Date.parse(row?.requestedAt ?? '')).toBe(3 * DAY_MS);
    expect((await queue('service=litter')).find((c) => c.id === fresh)?.slaBreached).toBe(false);
    expect((await get('caseworker', '/api/workflow/cases?sla=maybe')).statusCode).toBe(400);
  });

  it('sorts by last change and by expected date (dated cases first, soonest first)', async () => {
    const [a, b, c] = [await webCase(), await webCase(), await webCase()];
    expect((await post('caseworker', `/api/workflow/cases/${b}/expected`, { expectedAt: '2031-01-01T00:00:00Z' })).statusCode).toBe(200);
    expect((await post('caseworker', `/api/workflow/cases/${c}/expected`, { expectedAt: '2030-01-01T00:00:00Z' })).statusCode).toBe(200);
    expect((await post('caseworker', `/api/workflow/cases/${a}/status`, { detailedStatus: 'planned' })).statusCode).toBe(200);
    expect((await ids('sort=updated'))[0]).toBe(a);
    const expected = await ids('sort=expected');
    expect(expected.slice(0, 2)).toEqual([c, b]);
    expect(expected.indexOf(a)).toBeGreaterThan(1);
    expect((await get('caseworker', '/api/workflow/cases?sort=random')).statusCode).toBe(400);
  });

  it('offers the services by name and the offices for the filters, to case readers only', async () => {
    const response = await get('viewer', '/api/workflow/filter-options?locale=en');
    expect(response.statusCode).toBe(200);
    const options = QueueFilterOptionsSchema.parse(response.json());
    expect(options.offices).toEqual(['Biblioteca']);
    expect(options.services.map((s) => s.code)).toEqual(expect.arrayContaining(['litter', 'street-lighting']));
    expect(options.services.every((s) => s.name !== '')).toBe(true);
    expect((await get('operator', '/api/workflow/filter-options')).statusCode).toBe(403);
    expect(QueueFilterOptionsSchema.parse((await get('outsider', '/api/workflow/filter-options')).json()).offices).toEqual([]);
  });

  it('applies a bulk status change case by case, reporting each, with the bulk id in every audit row', async () => {
    const first = await webCase();
    const second = await kioskCase();
    const kept = await webCase();
    const merged = await webCase();
    expect((await post('caseworker', `/api/workflow/cases/${merged}/merge`, { into: kept })).statusCode).toBe(200);

    const response = await post('caseworker', '/api/workflow/cases/bulk', {
      ids: [first, second, merged, '999999'],
      change: { kind: 'status', detailedStatus: 'in-progress', publicNote: 'Lo estamos mirando.' },
    });
    expect(response.statusCode, response.body).toBe(200);
    const result = BulkResultSchema.parse(response.json());
    expect(result.results).toEqual([
      { id: first, ok: true },
      { id: second, ok: true },
      { id: merged, ok: false, error: expect.objectContaining({ code: 'case-merged' }) },
      { id: '999999', ok: false, error: expect.objectContaining({ code: 'unknown-request' }) },
    ]);
    for (const id of [first, second]) {
      const detail = CaseDetailSchema.parse((await get('caseworker', `/api/workflow/cases/${id}`)).json());
      expect(detail).toMatchObject({ detailedStatus: 'in-progress', statusNotes: 'Lo estamos mirando.' });
      const [row] = await auditOf(id);
      expect(row).toMatchObject({ action: 'case.status', actor: 'caseworker', details: { from: 'received', to: 'in-progress', bulk: result.bulkId } });
    }
    expect((await auditOf(merged)).map((e) => e.action)).toEqual(['case.merge']);
    // The public status page shows the bulk change like any other.
    const { local_reference: reference } = await hub.db.selectFrom('service_requests').select('local_reference').where('id', '=', second).executeTakeFirstOrThrow();
    const page = await hub.app.inject({ method: 'GET', url: `/status/${reference ?? ''}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Lo estamos mirando.');
  });

  it('assigns in bulk, refusing the whole request for an assignee who may not handle cases', async () => {
    const cases = [await webCase(), await webCase()];
    const refused = await post('admin', '/api/workflow/cases/bulk', { ids: cases, change: { kind: 'assign', assigneeId: userIds['viewer'] } });
    expect(refused.statusCode).toBe(400);
    expect(errorCode(refused)).toBe('invalid-assignee');
    for (const id of cases) expect(await auditOf(id)).toEqual([]);

    const done = BulkResultSchema.parse((await post('admin', '/api/workflow/cases/bulk', { ids: cases, change: { kind: 'assign', assigneeId: userIds['caseworker'] } })).json());
    expect(done.results.every((r) => r.ok)).toBe(true);
    expect(await ids(`assignee=${userIds['caseworker']}`)).toEqual(expect.arrayContaining(cases));
    // Assigning again changes nothing and records nothing more, but is not an error.
    const again = BulkResultSchema.parse((await post('admin', '/api/workflow/cases/bulk', { ids: cases, change: { kind: 'assign', assigneeId: userIds['caseworker'] } })).json());
    expect(again.results.every((r) => r.ok)).toBe(true);
    for (const id of cases) expect((await auditOf(id)).map((e) => e.details['bulk'])).toEqual([done.bulkId]);
  });

  it('refuses bulk changes from readers, without the console header, and with bad lists', async () => {
    const id = await webCase();
    const change = { kind: 'status', detailedStatus: 'resolved' };
    const viewer = await post('viewer', '/api/workflow/cases/bulk', { ids: [id], change });
    expect(viewer.statusCode).toBe(403);
    expect(errorCode(viewer)).toBe('role');
    const noHeader = await hub.app.inject({ method: 'POST', url: '/api/workflow/cases/bulk', headers: { cookie: headers['caseworker']?.['cookie'] ?? '' }, payload: { ids: [id], change } });
    expect(noHeader.statusCode).toBe(403);
    expect((await post('caseworker', '/api/workflow/cases/bulk', { ids: [], change })).statusCode).toBe(400);
    expect((await post('caseworker', '/api/workflow/cases/bulk', { ids: [id, id], change })).statusCode).toBe(400);
    expect((await post('caseworker', '/api/workflow/cases/bulk', { ids: Array.from({ length: 101 }, (_, i) => String(i + 1)), change })).statusCode).toBe(400);
    expect((await post('caseworker', '/api/workflow/cases/bulk', { ids: [id], change: { kind: 'status', detailedStatus: 'duplicate' } })).statusCode).toBe(400);
    expect((await post('caseworker', '/api/workflow/cases/bulk', { ids: [id], change: { kind: 'delete' } })).statusCode).toBe(400);
    const outsider = BulkResultSchema.parse((await post('outsider', '/api/workflow/cases/bulk', { ids: [id], change })).json());
    expect(outsider.results).toEqual([{ id, ok: false, error: expect.objectContaining({ code: 'unknown-request' }) }]);
    expect(await auditOf(id)).toEqual([]);
  });

  it('reveals personal data to case handlers on request only, logging who, which case and when, never the data', async () => {
    const id = await webCase('Bolsas junto al portal 7');
    const before = Date.now();
    const response = await post('caseworker', `/api/workflow/cases/${id}/personal-data`);
    expect(response.statusCode, response.body).toBe(200);
    expect(CasePersonalDataSchema.parse(response.json())).toEqual({ description: 'Bolsas junto al portal 7', firstName: 'Lucía', lastName: null, email: 'lucia@example.org', phone: null });
    const [row] = await auditOf(id);
    expect(row).toMatchObject({ action: 'case.personal-data-viewed', actor: 'caseworker', targetId: id, details: {} });
    expect(Date.parse(row?.at ?? '')).toBeGreaterThanOrEqual(before - 1000);
    expect(JSON.stringify(await auditOf(id))).not.toMatch(/Bolsas|Lucía|lucia@/);
    // The case's own history shows the access too.
    const detail = CaseDetailSchema.parse((await get('admin', `/api/workflow/cases/${id}`)).json());
    expect(detail.events.map((e) => [e.action, e.actor])).toEqual([['case.personal-data-viewed', 'caseworker']]);
  });

  it('refuses the reveal to roles that may not see personal data, to other towns and without the console header', async () => {
    const id = await webCase();
    for (const who of ['viewer', 'editor', 'operator']) {
      const refused = await post(who, `/api/workflow/cases/${id}/personal-data`);
      expect(refused.statusCode, who).toBe(403);
      expect(refused.body).not.toContain('lucia@');
    }
    expect((await post('outsider', `/api/workflow/cases/${id}/personal-data`)).statusCode).toBe(404);
    const noHeader = await hub.app.inject({ method: 'POST', url: `/api/workflow/cases/${id}/personal-data`, headers: { cookie: headers['caseworker']?.['cookie'] ?? '' }, payload: {} });
    expect(noHeader.statusCode).toBe(403);
    expect((await hub.app.inject({ method: 'POST', url: `/api/workflow/cases/${id}/personal-data`, headers: CONSOLE_HEADERS, payload: {} })).statusCode).toBe(401);
    expect(await auditOf(id)).toEqual([]);
  });
});
