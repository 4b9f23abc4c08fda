import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiErrorSchema } from '@kiosk/shared';
import { createUser } from '../src/modules/auth/service.js';
import { changeStatus } from '../src/modules/workflow/case-changes.js';
import { AuditListSchema, CaseDetailSchema, CaseQueueSchema, StaffListSchema } from '../src/modules/workflow/contract.js';
import type { CaseDetail } from '../src/modules/workflow/contract.js';
import { DIALECTS, FORM_HEADERS, createTestHub, form, insertOtherTenant } from './helpers/hub.js';
import type { TestHub } from './helpers/hub.js';
import { fleetHeaders, submission } from './helpers/kiosk.js';

const CONSOLE = { 'x-requested-with': 'console' };
const PASSWORD = 'correct horse battery staple';

describe.each(DIALECTS)('staff workflow on cases (%s)', (dialect) => {
  let hub: TestHub;
  let tenantId: string;
  const cookies: Record<string, string> = {};
  const userIds: Record<string, string> = {};
  let kioskSequence = 100;

  async function login(username: string, password: string): Promise<string> {
    const response = await hub.app.inject({ method: 'POST', url: '/api/auth/login', headers: CONSOLE, payload: { username, password } });
    expect(response.statusCode).toBe(200);
    const value = /^__Host-session=([^;]+);/.exec(String(response.headers['set-cookie']))?.[1];
    if (value === undefined) throw new Error('no session cookie');
    return `__Host-session=${value}`;
  }

  beforeAll(async () => {
    hub = await createTestHub(dialect);
    const admin = await hub.db.selectFrom('users').select(['id', 'tenant_id']).where('username', '=', 'admin').executeTakeFirstOrThrow();
    tenantId = admin.tenant_id;
    userIds['admin'] = admin.id;
    cookies['admin'] = await login('admin', hub.adminPassword);
    for (const role of ['caseworker', 'viewer', 'operator'] as const) {
      userIds[role] = await createUser(hub.db, { tenantId, username: role, password: PASSWORD, role });
      cookies[role] = await login(role, PASSWORD);
    }
    await insertOtherTenant(hub.db);
    userIds['outsider'] = await createUser(hub.db, { tenantId: 'tenant_other', username: 'outsider', password: PASSWORD, role: 'caseworker' });
    cookies['outsider'] = await login('outsider', PASSWORD);
  });
  afterAll(async () => {
    await hub?.close();
  });

  const get = (who: string, url: string) => hub.app.inject({ method: 'GET', url, headers: { cookie: cookies[who] ?? '' } });
  const post = (who: string, url: string, payload: object, headers: Record<string, string> = CONSOLE) =>
    hub.app.inject({ method: 'POST', url, headers: { ...headers, cookie: cookies[who] ?? '' }, payload });
  const errorCode = (response: { json(): unknown }) => ApiErrorSchema.parse(response.json()).error.code;

  async function webCase(description = 'Contenedor desbordado en la esquina'): Promise<string> {
    const response = await hub.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      headers: FORM_HEADERS,
      payload: form({ api_key: hub.apiKey, jurisdiction_id: 'villademo.es', service_code: 'litter', address_string: 'Calle Real 3', description, first_name: 'Lucía', email: 'lucia@example.org' }),
    });
    expect(response.statusCode, response.body).toBe(201);
    const [created] = response.json() as [{ service_request_id: string }];
    return created.service_request_id;
  }

  async function kioskCase(): Promise<{ id: string; reference: string }> {
    kioskSequence += 1;
    const body = submission(hub, kioskSequence);
    const response = await hub.app.inject({ method: 'POST', url: '/fleet/v1/requests', headers: fleetHeaders(hub, `workflow-key-${kioskSequence}`), payload: body });
    expect(response.statusCode, response.body).toBe(201);
    return { id: (response.json() as { serviceRequestId: string }).serviceRequestId, reference: body.localReference };
  }

  async function detail(id: string, who = 'caseworker'): Promise<CaseDetail> {
    const response = await get(who, `/api/workflow/cases/${id}`);
    expect(response.statusCode).toBe(200);
    return CaseDetailSchema.parse(response.json());
  }

  async function auditOf(id: string) {
    const response = await get('admin', `/api/audit?target_type=case&target_id=${id}`);
    expect(response.statusCode).toBe(200);
    return AuditListSchema.parse(response.json()).entries;
  }

  it('needs a session, the console header on changes, and a role that may read or change cases', async () => {
    const id = await webCase();
    expect((await hub.app.inject({ method: 'GET', url: '/api/workflow/cases' })).statusCode).toBe(401);
    const noHeader = await post('caseworker', `/api/workflow/cases/${id}/status`, { detailedStatus: 'in-progress' }, {});
    expect(noHeader.statusCode).toBe(403);
    expect(errorCode(noHeader)).toBe('csrf');
    const fleet = await get('operator', '/api/workflow/cases');
    expect(fleet.statusCode).toBe(403);
    expect(errorCode(fleet)).toBe('role');
    expect((await get('viewer', '/api/workflow/cases')).statusCode).toBe(200);
    const analystChange = await post('viewer', `/api/workflow/cases/${id}/status`, { detailedStatus: 'in-progress' });
    expect(analystChange.statusCode).toBe(403);
    expect((await detail(id)).detailedStatus).toBe('received');
  });

  it('keeps the citizen\u2019s words and contact out of the case and the queue, even for case handlers', async () => {
    const id = await webCase('Bolsas en la acera');
    const handler = await detail(id, 'caseworker');
    expect(handler.mayRevealPersonalData).toBe(true);
    expect(JSON.stringify(handler)).not.toMatch(/Bolsas|Lucía|lucia@example\.org/);
    expect((await detail(id, 'viewer')).mayRevealPersonalData).toBe(false);
    const list = await get('caseworker', '/api/workflow/cases?page_size=200');
    expect(list.body).not.toContain('lucia@example.org');
    expect(list.body).not.toContain('Bolsas en la acera');
  });

  it('finds a case by its kiosk reference too', async () => {
    const { id, reference } = await kioskCase();
    const found = await detail(reference.toLowerCase().replace(/-/g, ' '));
    expect(found).toMatchObject({ id, localReference: reference, channel: 'kiosk' });
  });

  it('filters the queue by service, channel, status, detailed status, assignee and age, with pages', async () => {
    const web = await webCase();
    const kiosk = await kioskCase();
    const old = await webCase();
    const tenDaysAgo = new Date(Date.now() - 10 * 24 * 3600 * 1000).toISOString();
    await hub.db.updateTable('service_requests').set({ requested_at: tenDaysAgo }).where('tenant_id', '=', tenantId).where('id', '=', old).execute();
    expect((await post('caseworker', `/api/workflow/cases/${web}/status`, { detailedStatus: 'planned' })).statusCode).toBe(200);
    expect((await post('caseworker', `/api/workflow/cases/${kiosk.id}/assign`, { assigneeId: userIds['caseworker'] })).statusCode).toBe(200);

    const ids = async (query: string) => {
      const response = await get('caseworker', `/api/workflow/cases?page_size=200&${query}`);
      expect(response.statusCode).toBe(200);
      return CaseQueueSchema.parse(response.json()).cases.map((c) => c.id);
    };
    expect(await ids('service=street-lighting')).toContain(kiosk.id);
    expect(await ids('service=street-lighting')).not.toContain(web);
    expect(await ids('channel=kiosk,phone')).toEqual(expect.arrayContaining([kiosk.id]));
    expect(await ids('channel=kiosk')).not.toContain(web);
    expect(await ids('detailed_status=planned')).toContain(web);
    expect(await ids('detailed_status=planned')).not.toContain(kiosk.id);
    expect(await ids('status=open')).toEqual(expect.arrayContaining([web, kiosk.id, old]));
    expect(await ids('status=closed')).not.toContain(web);
    expect(await ids('assignee=me')).toEqual([kiosk.id]);
    expect(await ids('assignee=none')).not.toContain(kiosk.id);
    expect(await ids(`assignee=${userIds['caseworker']}`)).toEqual([kiosk.id]);
    expect(await ids('min_age_days=5')).toEqual([old]);
    expect(await ids('max_age_days=5')).not.toContain(old);
    expect((await ids('sort=oldest'))[0]).toBe(old);

    const first = CaseQueueSchema.parse((await get('caseworker', '/api/workflow/cases?page_size=2&page=1')).json());
    const second = CaseQueueSchema.parse((await get('caseworker', '/api/workflow/cases?page_size=2&page=2')).json());
    expect(first.cases).toHaveLength(2);
    expect(first.total).toBeGreaterThanOrEqual(3);
    expect(second.total).toBe(first.total);
    expect(second.cases.map((c) => c.id)).not.toContain(first.cases[0]?.id);
    expect((await get('caseworker', '/api/workflow/cases?page_size=100000')).statusCode).toBe(400);
    expect((await get('caseworker', '/api/workflow/cases?detailed_status=bogus')).statusCode).toBe(400);
  });

  it('changes the detailed status with a public note the citizen sees and an internal note nobody outside sees', async () => {
    const id = await webCase();
    const response = await post('caseworker', `/api/workflow/cases/${id}/status`, {
      detailedStatus: 'in-progress',
      publicNote: 'Un equipo pasará mañana.',
      internalNote: 'Avisar a la brigada de limpieza del barrio norte',
    });
    expect(response.statusCode).toBe(200);
    const changed = CaseDetailSchema.parse(response.json());
    expect(changed).toMatchObject({ status: 'open', detailedStatus: 'in-progress', statusNotes: 'Un equipo pasará mañana.' });
    expect(changed.publicHistory.map((h) => h.detailedStatus)).toEqual(['received', 'in-progress']);
    expect(changed.internalNotes).toEqual([expect.objectContaining({ author: 'caseworker', body: 'Avisar a la brigada de limpieza del barrio norte' })]);

    const open311 = await hub.app.inject({ method: 'GET', url: `/open311/v2/requests/${id}.json?extensions=true&jurisdiction_id=villademo.es` });
    expect(open311.statusCode).toBe(200);
    expect(open311.body).toContain('Un equipo pasará mañana.');
    expect(open311.body).not.toContain('brigada');

    const resolved = CaseDetailSchema.parse((await post('caseworker', `/api/workflow/cases/${id}/status`, { detailedStatus: 'resolved' })).json());
    expect(resolved).toMatchObject({ status: 'closed', detailedStatus: 'resolved' });

    const [last, first] = await auditOf(id);
    expect(first).toMatchObject({ action: 'case.status', actor: 'caseworker', ip: '127.0.0.1', details: { from: 'received', to: 'in-progress', publicNote: true } });
    expect(last).toMatchObject({ action: 'case.status', details: { from: 'in-progress', to: 'resolved', publicNote: false, internalNote: null } });
    // The audit log holds ids and states, never what anyone typed.
    expect(JSON.stringify(await auditOf(id))).not.toMatch(/brigada|equipo/);
  });

  it('refuses `duplicate` by hand, a change that changes nothing, and unknown cases', async () => {
    const id = await webCase();
    expect((await post('caseworker', `/api/workflow/cases/${id}/status`, { detailedStatus: 'duplicate' })).statusCode).toBe(400);
    const same = await post('caseworker', `/api/workflow/cases/${id}/status`, { detailedStatus: 'received' });
    expect(same.statusCode).toBe(400);
    expect(errorCode(same)).toBe('no-change');
    const unknown = await post('caseworker', '/api/workflow/cases/999999/status', { detailedStatus: 'planned' });
    expect(unknown.statusCode).toBe(404);
    expect(await auditOf(id)).toEqual([]);
  });

  it('assigns to a case handler of the same municipality only, and unassigns', async () => {
    const id = await webCase();
    const assigned = await post('admin', `/api/workflow/cases/${id}/assign`, { assigneeId: userIds['caseworker'] });
    expect(assigned.statusCode).toBe(200);
    expect(CaseDetailSchema.parse(assigned.json()).assignee).toEqual({ id: userIds['caseworker'], username: 'caseworker' });
    for (const who of ['viewer', 'outsider', 'user_nobody']) {
      const refused = await post('admin', `/api/workflow/cases/${id}/assign`, { assigneeId: userIds[who] ?? who });
      expect(refused.statusCode).toBe(400);
      expect(errorCode(refused)).toBe('invalid-assignee');
    }
    const cleared = await post('admin', `/api/workflow/cases/${id}/assign`, { assigneeId: null });
    expect(CaseDetailSchema.parse(cleared.json()).assignee).toBeNull();
    const trail = await auditOf(id);
    expect(trail.map((e) => [e.action, e.details['from'], e.details['to']])).toEqual([
      ['case.assign', userIds['caseworker'], null],
      ['case.assign', null, userIds['caseworker']],
    ]);
    const staff = StaffListSchema.parse((await get('viewer', '/api/workflow/staff')).json()).staff.map((s) => s.username);
    expect(staff).toEqual(expect.arrayContaining(['admin', 'caseworker']));
    expect(staff).not.toContain('viewer');
    expect(staff).not.toContain('outsider');
  });

  it('sets and clears the expected date, as UTC, moving updated_at for Open311 sync clients', async () => {
    const id = await webCase();
    const before = await detail(id);
    const set = await post('caseworker', `/api/workflow/cases/${id}/expected`, { expectedAt: '2030-05-01T12:00:00+02:00' });
    expect(set.statusCode).toBe(200);
    const after = CaseDetailSchema.parse(set.json());
    expect(after.expectedAt).toBe('2030-05-01T10:00:00.000Z');
    expect(after.updatedAt >= before.updatedAt).toBe(true);
    expect((await post('caseworker', `/api/workflow/cases/${id}/expected`, { expectedAt: '2030-05-01T12:00:00' })).statusCode).toBe(400);
    expect(CaseDetailSchema.parse((await post('caseworker', `/api/workflow/cases/${id}/expected`, { expectedAt: null })).json()).expectedAt).toBeNull();
    expect((await auditOf(id)).map((e) => e.details['to'])).toEqual([null, '2030-05-01T10:00:00.000Z']);
  });

  it('adds internal notes on their own', async () => {
    const id = await webCase();
    const noted = CaseDetailSchema.parse((await post('caseworker', `/api/workflow/cases/${id}/notes`, { body: 'Llamar al vecino' })).json());
    expect(noted.internalNotes.map((n) => n.body)).toEqual(['Llamar al vecino']);
    expect(noted.publicHistory).toHaveLength(1);
    expect((await post('caseworker', `/api/workflow/cases/${id}/notes`, { body: '   ' })).statusCode).toBe(400);
    expect((await auditOf(id)).map((e) => e.action)).toEqual(['case.note']);
  });

  it('merges a duplicate into the kept case, keeping its history, and moves its own duplicates along', async () => {
    const kept = await webCase();
    const duplicate = await webCase();
    const older = await webCase();
    expect((await post('caseworker', `/api/workflow/cases/${older}/merge`, { into: duplicate })).statusCode).toBe(200);

    const merged = await post('caseworker', `/api/workflow/cases/${duplicate}/merge`, { into: kept, publicNote: 'Ya estaba comunicado.', internalNote: 'mismo contenedor' });
    expect(merged.statusCode).toBe(200);
    const gone = CaseDetailSchema.parse(merged.json());
    expect(gone).toMatchObject({ status: 'closed', detailedStatus: 'duplicate', mergedInto: kept, statusNotes: 'Ya estaba comunicado.' });
    expect(gone.publicHistory.map((h) => h.detailedStatus)).toEqual(['received', 'duplicate']);
    const keptCase = await detail(kept);
    expect(keptCase).toMatchObject({ status: 'open', detailedStatus: 'received', mergedInto: null });
    expect([...keptCase.duplicates].sort()).toEqual([duplicate, older].sort());
    expect(keptCase.events.map((e) => e.action)).toEqual(['case.merge-received']);
    expect((await detail(older)).mergedInto).toBe(kept);

    const onMerged = await post('caseworker', `/api/workflow/cases/${duplicate}/status`, { detailedStatus: 'in-progress' });
    expect(onMerged.statusCode).toBe(409);
    expect(errorCode(onMerged)).toBe('case-merged');
    const intoMerged = await post('caseworker', `/api/workflow/cases/${kept}/merge`, { into: duplicate });
    expect(intoMerged.statusCode).toBe(409);
    expect(errorCode(intoMerged)).toBe('target-merged');
    expect(errorCode(await post('caseworker', `/api/workflow/cases/${kept}/merge`, { into: kept }))).toBe('merge-into-itself');
    expect((await auditOf(duplicate)).map((e) => e.action)).toEqual(['case.merge', 'case.merge-received']);
  });

  it('keeps every municipality to its own cases', async () => {
    const id = await webCase();
    expect((await get('outsider', `/api/workflow/cases/${id}`)).statusCode).toBe(404);
    expect((await post('outsider', `/api/workflow/cases/${id}/status`, { detailedStatus: 'rejected' })).statusCode).toBe(404);
    expect(CaseQueueSchema.parse((await get('outsider', '/api/workflow/cases')).json()).total).toBe(0);
    expect((await detail(id)).detailedStatus).toBe('received');
  });

  it('commits a change and its audit row together or not at all', async () => {
    const id = await webCase();
    // An actor whose user row does not exist: the internal note's foreign key fails after the
    // status and its public history were written, so everything must roll back.
    const ghost = { user: { userId: 'user_ghost', tenantId, username: 'ghost', role: 'caseworker' as const }, ip: '127.0.0.1' };
    await expect(changeStatus(hub.db, ghost, id, { detailedStatus: 'planned', publicNote: 'Planificado', internalNote: 'x' })).rejects.toThrow();
    const after = await detail(id);
    expect(after.detailedStatus).toBe('received');
    expect(after.publicHistory).toHaveLength(1);
    expect(after.internalNotes).toEqual([]);
    expect(await auditOf(id)).toEqual([]);
  });

  it('serialises concurrent changes of one case, so each audit row starts where the last one ended', async () => {
    const id = await webCase();
    const targets = ['in-progress', 'planned', 'waiting-for-citizen', 'resolved', 'rejected'];
    const answers = await Promise.all(targets.map((detailedStatus) => post('caseworker', `/api/workflow/cases/${id}/status`, { detailedStatus })));
    expect(answers.map((a) => a.statusCode)).toEqual(targets.map(() => 200));
    const chain = (await auditOf(id)).reverse().map((e) => [e.details['from'], e.details['to']]);
    expect(chain).toHaveLength(targets.length);
    expect(chain[0]?.[0]).toBe('received');
    for (let i = 1; i < chain.length; i += 1) expect(chain[i]?.[0]).toBe(chain[i - 1]?.[1]);
    const final = await detail(id);
    expect(final.detailedStatus).toBe(chain.at(-1)?.[1]);
    // The public history is in the order the changes were applied, so its last entry is the state.
    expect(final.publicHistory.map((h) => h.detailedStatus)).toEqual(['received', ...chain.map(([, to]) => to)]);
  });

  it('lets only admins read the audit log', async () => {
    expect((await get('caseworker', '/api/audit')).statusCode).toBe(403);
    const response = await get('admin', '/api/audit?page_size=5');
    expect(response.statusCode).toBe(200);
    expect(AuditListSchema.parse(response.json()).entries.length).toBeLessThanOrEqual(5);
  });
});
