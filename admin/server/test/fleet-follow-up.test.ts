import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FollowUpCaseSchema } from '@kiosk/shared';
import { changeCaseStatus, findCase } from '../src/modules/cases/service.js';
import { registerDevice } from '../src/modules/devices/service.js';
import { DIALECTS, FORM_HEADERS, createTestHub, form } from './helpers/hub.js';
import type { TestHub } from './helpers/hub.js';
import { fleetHeaders, submission } from './helpers/kiosk.js';

// GET /fleet/v1/follow-up/{idOrReference}: what the kiosk's follow-up journey shows, for a case
// filed at a kiosk (by its reference) or on the web (by its Open311 id), never anything personal.

describe.each(DIALECTS)('kiosk follow-up lookups (%s)', (dialect) => {
  let hub: TestHub;
  let kioskReference: string;
  let webId: string;

  beforeAll(async () => {
    hub = await createTestHub(dialect);
    const filed = submission(hub, 1, { serviceCode: 'litter', attributes: {}, description: 'Me llamo Ana Pérez, DNI 12345678Z' });
    kioskReference = filed.localReference;
    const kiosk = await hub.app.inject({ method: 'POST', url: '/fleet/v1/requests', headers: fleetHeaders(hub, 'follow-up-1'), payload: filed });
    expect(kiosk.statusCode, kiosk.body).toBe(201);
    const web = await hub.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      headers: FORM_HEADERS,
      payload: form({ api_key: hub.apiKey, service_code: 'pavement-damage', lat: '40.4170', long: '-3.7040', description: 'Baldosa suelta, llamar al 600123123', email: 'vecina@example.org' }),
    });
    expect(web.statusCode).toBe(201);
    webId = (web.json() as Array<{ service_request_id: string }>)[0]?.service_request_id ?? '';
  });
  afterAll(async () => {
    await hub?.close();
  });

  const lookup = (idOrReference: string, query = '', headers = fleetHeaders(hub)) =>
    hub.app.inject({ method: 'GET', url: `/fleet/v1/follow-up/${encodeURIComponent(idOrReference)}${query}`, headers });

  it('finds a kiosk case by its reference in any spelling, with the service named in the asked language', async () => {
    const sloppy = kioskReference.toLowerCase().replace(/-/g, ' ');
    const answer = await lookup(sloppy, '?locale=en');
    expect(answer.statusCode).toBe(200);
    const found = FollowUpCaseSchema.parse(answer.json());
    expect(found).toMatchObject({ reference: kioskReference, status: 'open', detailedStatus: 'received', expectedAt: null, timeZone: 'Europe/Madrid' });
    const spanish = FollowUpCaseSchema.parse((await lookup(kioskReference, '?locale=es')).json());
    expect(spanish.serviceRequestId).toBe(found.serviceRequestId);
    // Same case, the service name follows the language (the demo catalogue has both).
    expect(found.serviceName).not.toBe('');
    expect(spanish.serviceName).not.toBe(found.serviceName);
  });

  it('finds a web case by its Open311 id, with public notes and the expected date, and nothing personal', async () => {
    const row = await findCase(hub.db, 'villademo', webId);
    await changeCaseStatus(hub.db, 'villademo', row.id, { status: 'open', detailedStatus: 'planned', publicNote: 'Repararemos la acera el lunes.', at: new Date('2026-11-20T10:00:00Z') });
    await changeCaseStatus(hub.db, 'villademo', row.id, { status: 'open', detailedStatus: 'in-progress', publicNote: null, at: new Date('2026-11-21T10:00:00Z') });
    await hub.db.updateTable('service_requests').set({ expected_at: '2026-12-01T09:00:00.000Z' }).where('id', '=', row.id).execute();
    const answer = await lookup(webId);
    expect(answer.statusCode).toBe(200);
    const found = FollowUpCaseSchema.parse(answer.json());
    expect(found).toMatchObject({ reference: null, serviceRequestId: webId, detailedStatus: 'in-progress', expectedAt: '2026-12-01T09:00:00.000Z' });
    expect(found.notes.map((note) => note.note)).toEqual(['Repararemos la acera el lunes.']);
    expect(answer.body).not.toMatch(/Baldosa|600123123|vecina@example\.org/);
    expect((await lookup(kioskReference)).body).not.toMatch(/Ana|Pérez|12345678Z/);
  });

  it('answers 404 for an unknown reference or id and 400 for a language it does not speak', async () => {
    expect((await lookup('ZZZZ-00001-0')).statusCode).toBe(404);
    expect((await lookup('999999')).statusCode).toBe(404);
    expect((await lookup(kioskReference, '?locale=de')).statusCode).toBe(400);
  });

  it('needs a device credential and never shows another municipality\'s case', async () => {
    expect((await lookup(kioskReference, '', {} as Record<string, string>)).statusCode).toBe(401);
    await hub.db
      .insertInto('tenants')
      .values({ id: 'othertown', jurisdiction_id: 'othertown.es', name: 'Othertown', time_zone: 'Europe/Madrid', default_locale: 'es', office_address: 'Plaza 1', office_lat: null, office_long: null, contact: '', created_at: new Date().toISOString() })
      .execute();
    const stranger = await registerDevice(hub.db, 'othertown', 'other-kiosk');
    const headers = { ...fleetHeaders(hub), authorization: `Bearer ${stranger.token}` };
    expect((await lookup(kioskReference, '', headers)).statusCode).toBe(404);
    expect((await lookup(webId, '', headers)).statusCode).toBe(404);
  });
});
